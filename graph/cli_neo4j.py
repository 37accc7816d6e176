"""`govkg load`, `govkg query`, `govkg export`: argument parsing for the Neo4j side, calling
loaders.neo4j and loaders.csv_export (imported late: the driver takes most of a second to import)."""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from loaders.neo4j_errors import DatabaseError

USER_ERRORS = (DatabaseError,)


def _connection(args: argparse.Namespace):
    from loaders.neo4j import Connection
    return Connection.from_env(uri=args.uri, username=args.username, password=args.password,
                               database=args.database)


def _read_graph(args: argparse.Namespace, default_graph: str | None = None):
    """The graph named by --graph, or built in memory from the article PATHs; and its name."""
    from loaders.export import read_graph_json
    if args.graph and args.paths:
        raise SystemExit(f"govkg {args.command}: give article PATHs or --graph, not both")
    if args.paths:
        from graph.pipeline import build
        with tempfile.TemporaryDirectory(prefix="govkg-") as scratch:
            result = build(args.paths, Path(scratch), quiet=True, strict=True)
        return result.graph, ", ".join(args.paths)
    path = args.graph or default_graph
    if not path:
        raise SystemExit(f"govkg {args.command}: give article PATHs or --graph DIR/graph.json")
    return read_graph_json(Path(path)), path


def _progress_line(done: int, total: int, seconds: float) -> None:
    rate = done / seconds if seconds else 0.0
    print(f"\rloaded {done:,}/{total:,} rows ({rate:,.0f} rows/s)", end="", file=sys.stderr, flush=True)


def _cmd_load(args: argparse.Namespace) -> int:
    from loaders.neo4j import Database
    graph, source = _read_graph(args)
    show_progress = sys.stderr.isatty() and not args.quiet
    with Database(_connection(args)) as database:
        summary = database.load(graph, source, batch_size=args.batch_size, parallel=args.parallel,
                                progress=_progress_line if show_progress else None)
    if show_progress:
        print(file=sys.stderr)
    print(f"loaded {source} into {args.uri or 'Neo4j'}: {summary}")
    return 0


def _cmd_query(args: argparse.Namespace) -> int:
    from loaders.neo4j import Database, as_json, as_table, cookbook_query, parse_params
    params = parse_params(args.param or [])
    if bool(args.cypher) == bool(args.name):
        raise SystemExit("govkg query: give either a CYPHER statement or --name NAME")
    cypher = cookbook_query(args.name, params).cypher if args.name else args.cypher
    with Database(_connection(args)) as database:
        keys, records = database.query(cypher, params, write=args.write)
    print(as_json(keys, records) if args.json else as_table(keys, records))
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from loaders.csv_export import export_neo4j_admin
    graph, source = _read_graph(args, default_graph="out/graph.json")
    print(export_neo4j_admin(graph, Path(args.dir), source).summary())
    return 0


def _cmd_ask(args: argparse.Namespace) -> int:
    import datetime
    import json
    from graph.ask.answer import Asker, render
    from graph.ask.store import GraphStore, Neo4jStore
    try:
        as_of = datetime.date.fromisoformat(args.as_of) if args.as_of else None
    except ValueError:
        raise SystemExit(f"govkg ask: --as-of {args.as_of!r} is not a date (YYYY-MM-DD)") from None
    if args.graph:
        from loaders.export import read_graph_json
        answer = Asker(GraphStore(read_graph_json(Path(args.graph)))).ask(args.question, as_of)
    else:
        from loaders.neo4j import Database
        with Database(_connection(args)) as database:
            answer = Asker(Neo4jStore(database)).ask(args.question, as_of)
    print(json.dumps(answer.as_json(), ensure_ascii=False, indent=2) if args.json
          else render(answer, show_cypher=args.show_cypher))
    return 0


def _connection_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--uri", help="bolt:// or neo4j:// URI (default: $NEO4J_URI or bolt://127.0.0.1:7687)")
    p.add_argument("--username", help="default: $NEO4J_USERNAME or neo4j")
    p.add_argument("--password", help="default: $NEO4J_PASSWORD or the local server's default")
    p.add_argument("--database", help="default: $NEO4J_DATABASE or the server's default database")


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def add_commands(sub) -> None:
    p = sub.add_parser("load", help="merge a graph into Neo4j (idempotent: loading again changes nothing)")
    p.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders to build the graph from")
    p.add_argument("--graph", metavar="FILE", help="a graph.json written by govkg build")
    p.add_argument("--batch-size", type=_positive, default=10_000, metavar="N",
                   help="rows per transaction (default: 10000)")
    p.add_argument("--parallel", type=_positive, default=2, metavar="N",
                   help="concurrent write transactions, on disjoint nodes (default: 2)")
    p.add_argument("--quiet", action="store_true", help="no progress line on the terminal")
    _connection_options(p)
    p.set_defaults(func=_cmd_load)

    p = sub.add_parser("query", help="run Cypher (read-only unless --write) and print a table or JSON")
    p.add_argument("cypher", nargs="?", help="a Cypher statement")
    p.add_argument("--name", help="run this query of the cookbook (graph/queries.cypher) instead")
    p.add_argument("--param", action="append", metavar="K=V",
                   help="query parameter $K; V is read as JSON when it parses, else as text; repeatable")
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")
    p.add_argument("--write", action="store_true", help="allow the statement to write")
    _connection_options(p)
    p.set_defaults(func=_cmd_query)

    p = sub.add_parser("ask", help="answer a question asked in Chinese, with the evidence (Neo4j, or --graph)")
    p.add_argument("question", help="the question, e.g. 泰安市行政审批服务局局长是谁")
    p.add_argument("--graph", metavar="FILE", help="answer from this graph.json instead of Neo4j")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="the day 今年, 上个月 and who holds a post refer to")
    p.add_argument("--json", action="store_true", help="print the intent, parameters, Cypher and answers as JSON")
    p.add_argument("--show-cypher", action="store_true", help="also print the Cypher statements used")
    _connection_options(p)
    p.set_defaults(func=_cmd_ask)

    p = sub.add_parser("export", help="write the graph as files for other tools (neo4j-admin import CSVs)")
    p.add_argument("dir", help="folder to write the files into")
    p.add_argument("--format", choices=("neo4j-admin",), required=True)
    p.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders to build the graph from")
    p.add_argument("--graph", metavar="FILE", help="a graph.json (default: out/graph.json)")
    p.set_defaults(func=_cmd_export)
