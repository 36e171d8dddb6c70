"""The ``kg`` command: wires the stages together, nothing more."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from kg import __version__


def default_corpus() -> Path:
    """``corpus/`` of the current folder, else the one bundled with the checkout."""
    here = Path("corpus")
    return here if here.is_dir() else Path(__file__).resolve().parent.parent / "corpus"


def cmd_build(args: argparse.Namespace) -> int:
    from kg.build import BuildOptions, build

    inputs = [Path(p) for p in args.inputs] or [default_corpus()]
    options = BuildOptions(ontology=args.ontology, comention=args.comention, pictures=not args.no_pictures,
                           jobs=args.jobs, engine=args.engine, scheduler=args.scheduler, cache=not args.no_cache,
                           encoding=args.encoding)
    summary = build(inputs, Path(args.out), options)
    print("\n".join(summary.lines()))
    if args.strict and summary.skipped:
        print(f"kg build: --strict: {len(summary.skipped)} input(s) skipped", file=sys.stderr)
        return 1
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    from kg.train import main as train

    return train(args.options)


def cmd_explain(args: argparse.Namespace) -> int:
    from kg.explain import explain
    from kg.query import QueryError, open_store

    try:
        found = explain(open_store(Path(args.graph)), args.name)
    except QueryError as err:
        print(f"kg explain: {err}", file=sys.stderr)
        return 2
    if not found:
        print(f"kg explain: no relation of an entity named {args.name!r} in {args.graph}", file=sys.stderr)
        return 1
    for evidence in found:
        print("\n".join(evidence.lines()))
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    from kg.query import QueryError, canned_queries, open_store, run

    canned = canned_queries()
    if args.list:
        for q in canned.values():
            params = "".join(f" [--param {k}={v}]" for k, v in q.params.items())
            print(f"{q.name}{params}\n    {q.title}: {q.description}")
        return 0
    if args.graph is None:
        print("kg query: give the built folder or graph file to query", file=sys.stderr)
        return 2
    try:
        params = dict(_pair(p) for p in args.param)
        if args.name:
            if args.name not in canned:
                raise QueryError(f"no canned query {args.name!r} (kg query --list shows them)")
            sparql = canned[args.name].bound(params)
        elif args.file:
            sparql = Path(args.file).read_text(encoding="utf-8")
        elif args.sparql:
            sparql = args.sparql
        else:
            raise QueryError("give a SPARQL query, -f FILE or --name NAME")
        print(run(open_store(Path(args.graph)), sparql, args.format), end="")
    except (QueryError, OSError) as err:
        print(f"kg query: {err}", file=sys.stderr)
        return 2
    return 0


def _pair(text: str) -> tuple[str, str]:
    from kg.query import QueryError

    name, sep, value = text.partition("=")
    if not sep or not name:
        raise QueryError(f"--param takes NAME=VALUE, not {text!r}")
    return name.strip(), value.strip()


def cmd_validate(args: argparse.Namespace) -> int:
    from kg.query import graph_file
    from kg.validate import validate

    path = graph_file(Path(args.graph))
    if not path.is_file():
        print(f"kg validate: no graph at {path} (run kg build first)", file=sys.stderr)
        return 2
    violations = validate(path, Path(args.shapes) if args.shapes else None)
    if not violations:
        print(f"{path} conforms to the SHACL shapes")
        return 0
    for v in violations:
        print(v.line())
    print(f"{path} does not conform: {len(violations)} violation(s)")
    return 1


def cmd_serve(args: argparse.Namespace) -> int:
    from kg.serve import ServeError, serve

    try:
        return serve(Path(args.graph), host=args.host, port=args.port, timeout_s=args.timeout)
    except ServeError as err:
        print(f"kg serve: {err}", file=sys.stderr)
        return 2


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["train"]:  # its own options, documented by kg.train's parser
        return cmd_train(argparse.Namespace(options=argv[1:]))
    parser = argparse.ArgumentParser(prog="kg", description="Build and query a knowledge graph of Chinese governance text.")
    parser.add_argument("--version", action="version", version=f"pingan-kg {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    p_build = sub.add_parser("build", help="build the graph from .txt / .jsonl articles")
    p_build.add_argument("inputs", nargs="*", help="files or folders (default: the bundled corpus/)")
    p_build.add_argument("--out", default="out", help="output folder (default: out/)")
    p_build.add_argument("--comention", action="store_true",
                         help="also write comention.graphml: entities linked by the sentences they share")
    p_build.add_argument("--no-pictures", action="store_true",
                         help="skip overview.png / overview.svg and the graph.html page")
    p_build.add_argument("--jobs", type=int, default=0, help="analysis processes (default: every core)")
    p_build.add_argument("--engine", choices=["local", "dask"], default="local",
                         help="where documents are analysed: local processes or a Dask cluster")
    p_build.add_argument("--scheduler", help="with --engine dask: the scheduler address (tcp://HOST:PORT); "
                         "without it a local cluster of --jobs workers is started")
    p_build.add_argument("--no-cache", action="store_true",
                         help="analyse every document again instead of reusing OUT/.kg-cache")
    p_build.add_argument("--encoding", help="read every input in this encoding (default: detected per file)")
    p_build.add_argument("--strict", action="store_true", help="exit non-zero when any input was skipped")
    p_build.add_argument("--ontology", default=None, help=argparse.SUPPRESS)
    p_build.set_defaults(func=cmd_build)
    p_explain = sub.add_parser("explain", help="print the evidence sentences of an entity's relations")
    p_explain.add_argument("graph", help="a built output folder or its graph.ttl")
    p_explain.add_argument("name", help="the entity's name (its label or another name; else a part of one)")
    p_explain.set_defaults(func=cmd_explain)
    p_query = sub.add_parser("query", help="run SPARQL 1.1 over a built graph (or a canned question)")
    p_query.add_argument("graph", nargs="?", help="a built output folder or an RDF file")
    p_query.add_argument("sparql", nargs="?", help="the query text")
    p_query.add_argument("-f", "--file", help="read the query from this .rq file")
    p_query.add_argument("--name", help="run a canned question of queries/ by name")
    p_query.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                         help="set a canned question's parameter (repeatable)")
    p_query.add_argument("--format", choices=["table", "csv", "tsv", "json"], default="table",
                         help="table (default), csv, tsv or SPARQL-results json")
    p_query.add_argument("--list", action="store_true", help="list the canned questions")
    p_query.set_defaults(func=cmd_query)
    p_validate = sub.add_parser("validate", help="check a built graph against the SHACL shapes")
    p_validate.add_argument("graph", help="a built output folder or its graph.ttl")
    p_validate.add_argument("--shapes", help=argparse.SUPPRESS)
    p_validate.set_defaults(func=cmd_validate)
    p_serve = sub.add_parser("serve", help="a read-only SPARQL 1.1 endpoint over a built graph")
    p_serve.add_argument("graph", help="a built output folder or its graph.ttl")
    p_serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: loopback only)")
    p_serve.add_argument("--port", type=int, default=7878, help="port (default: 7878)")
    p_serve.add_argument("--timeout", type=int, default=30, help="seconds a query may run (default: 30)")
    p_serve.set_defaults(func=cmd_serve)
    sub.add_parser("train", help="reproduce the shipped name tagger from shared/data/ner (kg train --help)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s", stream=sys.stderr)
    return args.func(args)


def run() -> None:
    """The ``kg`` command. The process ends without freeing its objects one by one (a second
    after a large build; the system takes the memory back at once): by then every output is
    written and closed, and the streams are flushed here."""
    code = main()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
