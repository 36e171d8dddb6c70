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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="kg", description="Build and query a knowledge graph of Chinese governance text.")
    parser.add_argument("--version", action="version", version=f"pingan-kg {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    p_build = sub.add_parser("build", help="build the graph from .txt / .jsonl articles")
    p_build.add_argument("inputs", nargs="*", help="files or folders (default: the bundled corpus/)")
    p_build.add_argument("--out", default="out", help="output folder (default: out/)")
    p_build.add_argument("--ontology", default=None, help=argparse.SUPPRESS)
    p_build.set_defaults(func=cmd_build)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(message)s", stream=sys.stderr)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
