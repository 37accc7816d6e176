"""The govkg command line: parses arguments and calls the library, nothing more."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from loaders.articles import ArticleError
from loaders.export import GraphFileError

#: Errors that are the user's input, not our bug: one line, no traceback, exit 1.
USER_ERRORS = (ArticleError, GraphFileError)


def _cmd_build(args: argparse.Namespace) -> int:
    from graph.pipeline import build
    result = build(args.paths, Path(args.out))
    print(result.summary())
    return 0


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="govkg", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="extract a graph from article files or folders")
    p.add_argument("paths", nargs="+", help="article files or folders (searched recursively)")
    p.add_argument("--out", default="out", help="output folder (default: out)")
    p.set_defaults(func=_cmd_build)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return args.func(args)
    except USER_ERRORS as exc:
        print(f"govkg: {exc}", file=sys.stderr)
        return 1
