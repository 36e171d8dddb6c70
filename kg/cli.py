"""The ``kg`` command: wires the stages together, nothing more."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from kg import __version__


def default_corpus() -> Path:
    """``corpus/`` of the current folder, else the one bundled with the checkout."""
    here = Path("corpus")
    return here if here.is_dir() else Path(__file__).resolve().parent.parent / "corpus"


def cmd_build(args: argparse.Namespace) -> int:
    from kg.build import build

    inputs = [Path(p) for p in args.inputs] or [default_corpus()]
    summary = build(inputs, Path(args.out), ontology=args.ontology)
    print("\n".join(summary.lines()))
    return 0


def cmd_explain(args: argparse.Namespace) -> int:
    from kg.explain import explain, graph_file, load_store

    path = graph_file(Path(args.graph))
    if not path.is_file():
        print(f"kg explain: no graph at {path} (run kg build first)", file=sys.stderr)
        return 2
    found = explain(load_store(path), args.name)
    if not found:
        print(f"kg explain: no relation of an entity named {args.name!r} in {path}", file=sys.stderr)
        return 1
    for evidence in found:
        print("\n".join(evidence.lines()))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kg", description="Build and query a knowledge graph of Chinese governance text.")
    parser.add_argument("--version", action="version", version=f"pingan-kg {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    p_build = sub.add_parser("build", help="build the graph from .txt / .jsonl articles")
    p_build.add_argument("inputs", nargs="*", help="files or folders (default: the bundled corpus/)")
    p_build.add_argument("--out", default="out", help="output folder (default: out/)")
    p_build.add_argument("--ontology", default=None, help=argparse.SUPPRESS)
    p_build.set_defaults(func=cmd_build)
    p_explain = sub.add_parser("explain", help="print the evidence sentences of an entity's relations")
    p_explain.add_argument("graph", help="a built output folder or its graph.ttl")
    p_explain.add_argument("name", help="the entity's name (its label or another name; else a part of one)")
    p_explain.set_defaults(func=cmd_explain)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s", stream=sys.stderr)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
