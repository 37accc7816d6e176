"""Loading a govkg graph into Neo4j, and querying it.

The load is idempotent and incremental. Nodes are merged on `id` (a uniqueness constraint per schema
label), relationships on (source, type, target); merging a record into what is already stored takes
the union of every list property (aliases, sources, articles, evidence), the smallest of two
differing single values (as graph.build does), and the post words of both titles. So loading the
same graph twice changes nothing, and loading the graph of articles A, then that of B, gives the
graph of A∪B. (One order-dependent detail: the words of a merged title keep the order in which the
loads arrived; graph.build orders them by article id.)

All writes are `UNWIND $rows AS row MERGE …` in batches, one transaction each. Labels and
relationship types in the Cypher text come only from graph/schema.py, checked by
loaders.graph_records before anything is sent; every value travels as a parameter.

Connection settings follow the ecosystem's variables: NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD,
NEO4J_DATABASE. Any Bolt URI works, including `neo4j://` / `neo4j+s://` routing URIs of a cluster or
Aura: writes go to the leader and `govkg query` reads may go to a follower.
"""
from __future__ import annotations

import datetime
import json
import os
import re
import threading
import time
import unicodedata
import zlib
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import (AuthError, ClientError, ConfigurationError, DriverError, Neo4jError,
                              ServiceUnavailable, SessionExpired, TransientError)

from graph import schema as S
from graph import tenure
from loaders import graph_records as R
from loaders.neo4j_errors import DatabaseError

ENV_URI = "NEO4J_URI"
ENV_USERNAME = "NEO4J_USERNAME"
ENV_PASSWORD = "NEO4J_PASSWORD"
ENV_DATABASE = "NEO4J_DATABASE"
DEFAULT_URI = "bolt://127.0.0.1:7687"
DEFAULT_USERNAME = "neo4j"
#: The local development server's password when NEO4J_PASSWORD is not set (Neo4j wants ≥ 8 chars).
DEFAULT_PASSWORD = "govkg-local"
DEFAULT_BATCH_SIZE = 10_000
#: Concurrent write transactions: the server works on one per core (these machines have two).
DEFAULT_PARALLEL = 2
#: How long a transaction is retried while the server is unreachable or busy (a restart, a
#: leader election) before the load gives up with a one-line error.
DEFAULT_RETRY_SECONDS = 30.0
#: Bolt, direct or routing (clusters, Aura), plain or TLS.
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")

COOKBOOK = Path(__file__).resolve().parent.parent / "graph" / "queries.cypher"


@dataclass(frozen=True)
class Connection:
    uri: str = DEFAULT_URI
    username: str = DEFAULT_USERNAME
    password: str = DEFAULT_PASSWORD
    database: str | None = None   # None: the server's default database

    @classmethod
    def from_env(cls, **overrides) -> Connection:
        """Settings from NEO4J_* variables, each replaced by an override that is not None."""
        env = {"uri": os.environ.get(ENV_URI) or DEFAULT_URI,
               "username": os.environ.get(ENV_USERNAME) or DEFAULT_USERNAME,
               "password": os.environ.get(ENV_PASSWORD) or DEFAULT_PASSWORD,
               "database": os.environ.get(ENV_DATABASE) or None}
        env.update({key: value for key, value in overrides.items() if value is not None})
        return cls(**env)


@dataclass
class LoadSummary:
    nodes_created: int = 0
    nodes_matched: int = 0
    relationships_created: int = 0
    relationships_matched: int = 0
    seconds: float = 0.0

    @property
    def rows(self) -> int:
        return (self.nodes_created + self.nodes_matched
                + self.relationships_created + self.relationships_matched)

    def __str__(self) -> str:
        rate = self.rows / self.seconds if self.seconds else 0.0
        return (f"nodes: {self.nodes_created} created, {self.nodes_matched} matched; "
                f"relationships: {self.relationships_created} created, {self.relationships_matched} matched; "
                f"{self.rows} rows in {self.seconds:.1f}s ({rate:,.0f} rows/s)")


#: Called after each batch with (rows done, rows in all, seconds since the load began).
Progress = Callable[[int, int, float], None]


# ------------------------------------------------------------------------------------ Cypher text

def _name(identifier: str) -> str:
    """A schema label, type or key as a Cypher name; refuses anything that is not a plain word."""
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", identifier):
        raise ValueError(f"not a schema name: {identifier!r}")
    return f"`{identifier}`"


def _schema_name(name: str) -> str:
    """A label or relationship type for the Cypher text: only the schema's own."""
    if name not in S.NODE_LABELS and name not in S.RELATIONS:
        raise ValueError(f"not a label or relationship type of the schema: {name!r}")
    return _name(name)


def _union(old: str, new: str) -> str:
    """`old` (a sorted list, or null) with the values of `new` inserted in order, each once."""
    return (f"reduce(acc = coalesce({old}, []), x IN [x IN {new} WHERE NOT x IN coalesce({old}, [])] | "
            f"CASE WHEN x IN acc THEN acc ELSE [y IN acc WHERE y < x] + [x] + [y IN acc WHERE y > x] END)")


def _smallest(old: str, new: str) -> str:
    return f"CASE WHEN {new} IS NULL OR ({old} IS NOT NULL AND {old} <= {new}) THEN {old} ELSE {new} END"


def _words(old: str, new: str) -> str:
    """The words of `old` then those of `new` not already there, joined by $separator (or null)."""
    joined = (f"reduce(acc = coalesce({old}, ''), w IN split(coalesce({new}, ''), $separator) | "
              f"CASE WHEN w = '' OR w IN split(acc, $separator) THEN acc WHEN acc = '' THEN w "
              f"ELSE acc + $separator + w END)")
    return f"CASE {joined} WHEN '' THEN null ELSE {joined} END"


def _largest(old: str, new: str) -> str:
    return f"CASE WHEN {new} IS NULL OR ({old} IS NOT NULL AND {old} >= {new}) THEN {old} ELSE {new} END"


def _sibling(expression: str, key: str) -> str:
    """r.`status` → r.`end`: another property of the same record."""
    return f"{expression.rpartition('.')[0]}.{_name(key)}"


def _status(old: str, new: str) -> str:
    """graph.tenure.status over the merged end and last_held; where either is unknown, the
    strongest of the two statuses (former over current over pending)."""
    end = _largest(_sibling(old, S.END), _sibling(new, S.END))
    held = _largest(_sibling(old, S.LAST_HELD), _sibling(new, S.LAST_HELD))
    current, former = f"'{tenure.CURRENT}'", f"'{tenure.FORMER}'"
    return (f"CASE WHEN ({end}) IS NOT NULL AND ({held}) IS NOT NULL "
            f"THEN CASE WHEN ({held}) <= ({end}) THEN {former} ELSE {current} END "
            f"WHEN {former} IN [{old}, {new}] THEN {former} WHEN {current} IN [{old}, {new}] THEN {current} "
            f"ELSE coalesce({new}, {old}) END")


#: How a single-valued property merges with the stored one: rules as data, default the smallest.
#: `status` reads the stored end and last_held, so it is set before them.
SCALAR_MERGES = {S.TITLE: _words, S.LAST_SEEN: _largest, S.END: _largest, S.LAST_HELD: _largest,
                 S.STATUS: _status}


def _scalar_merge(var: str, key: str, kind: str) -> str:
    old, new = f"{var}.{_name(key)}", f"row.props.{_name(key)}"
    rule = SCALAR_MERGES.get(key, _smallest) if kind == "edge" else _smallest
    return f"{old} = {rule(old, new)}"


def node_merge_query(base: str, labels: Iterable[str]) -> str:
    base_name = _schema_name(base)
    name = f"n.{_name(S.NAME)}"
    new_name = f"row.props.{_name(S.NAME)}"
    chosen = f"CASE WHEN {new_name} < {name} THEN {new_name} ELSE {name} END"
    aliases = f"n.{_name(S.ALIASES)}"
    on_match = [
        # the other of two names becomes an alias; the alias list never holds the name itself
        f"{aliases} = [v IN {_union(aliases, f'row.props.{_name(S.ALIASES)} + [{name}, {new_name}]')} "
        f"WHERE v <> {chosen}]",
        f"{name} = {chosen}",
    ]
    on_match += [f"n.{_name(key)} = {_union(f'n.{_name(key)}', f'row.props.{_name(key)}')}"
                 for key in R.NODE_LIST_KEYS if key != S.ALIASES]
    on_match += [_scalar_merge("n", key, "node") for key in R.node_scalar_keys(base)]
    extra = "".join(f":{_schema_name(label)}" for label in labels if label != base)
    set_labels = f"n{extra}, " if extra else ""
    return (f"UNWIND $rows AS row\n"
            f"MERGE (n:{base_name} {{{_name(S.ID)}: row.id}})\n"
            f"ON CREATE SET n += row.props\n"
            f"ON MATCH SET {', '.join(on_match)}\n"
            f"SET {set_labels}n.{_name(S.LABEL)} = head([l IN $specificity WHERE l IN labels(n)])")


def edge_merge_query(rel_type: str, source_base: str, target_base: str) -> str:
    type_name = _schema_name(rel_type)
    on_match = [f"r.{_name(key)} = {_union(f'r.{_name(key)}', f'row.props.{_name(key)}')}"
                for key in R.EDGE_LIST_KEYS]
    on_match += [_scalar_merge("r", key, "edge")
                 for key in sorted(R.edge_scalar_keys(rel_type), key=lambda key: key != S.STATUS)]
    return (f"UNWIND $rows AS row\n"
            f"MATCH (a:{_schema_name(source_base)} {{{_name(S.ID)}: row.source}})\n"
            f"MATCH (b:{_schema_name(target_base)} {{{_name(S.ID)}: row.target}})\n"
            f"MERGE (a)-[r:{type_name}]->(b)\n"
            f"ON CREATE SET r += row.props\n"
            f"ON MATCH SET {', '.join(on_match)}\n"
            f"RETURN count(r) AS merged")


def schema_statements() -> list[str]:
    """Uniqueness of `id` for every schema label, and the lookups the cookbook uses; idempotent."""
    statements = [f"CREATE CONSTRAINT {_name(f'govkg_{label.lower()}_id')} IF NOT EXISTS "
                  f"FOR (n:{_schema_name(label)}) REQUIRE n.{_name(S.ID)} IS UNIQUE" for label in S.NODE_LABELS]
    statements += [f"CREATE INDEX {_name(f'govkg_{label.lower()}_name')} IF NOT EXISTS "
                   f"FOR (n:{_schema_name(label)}) ON (n.{_name(S.NAME)})" for label in S.BASE_LABELS]
    statements.append(f"CREATE INDEX {_name('govkg_event_date')} IF NOT EXISTS "
                      f"FOR (n:{_schema_name(S.EVENT)}) ON (n.{_name(S.DATE)})")
    return statements


# ------------------------------------------------------------------------------------ the database

class Database:
    """An open connection to one database; use as a context manager."""

    def __init__(self, connection: Connection, retry_seconds: float = DEFAULT_RETRY_SECONDS):
        self.connection = connection
        where = connection.uri
        if connection.uri.partition("://")[0] not in BOLT_SCHEMES:
            raise DatabaseError(f"{where}: not a usable Neo4j URI (expected one of "
                                f"{', '.join(s + '://' for s in BOLT_SCHEMES)})")
        try:
            self.driver = GraphDatabase.driver(connection.uri, auth=(connection.username, connection.password),
                                               connection_timeout=10,
                                               max_transaction_retry_time=retry_seconds)
        except (ConfigurationError, ValueError) as exc:
            raise DatabaseError(f"{where}: not a usable Neo4j URI ({exc})") from None
        try:
            with self._session(neo4j.READ_ACCESS) as session:
                session.run("RETURN 1").consume()
        except BaseException as exc:
            self.driver.close()
            raise _user_error(exc, connection) from None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        self.driver.close()

    def _session(self, access_mode: str):
        return self.driver.session(database=self.connection.database, default_access_mode=access_mode)

    def ensure_schema(self) -> None:
        """Each statement in a managed transaction: two loads starting at once both create the
        schema, deadlock on the label lock, and one of them retries."""
        with self._session(neo4j.WRITE_ACCESS) as session:
            for statement in schema_statements():
                session.execute_write(lambda tx, cypher=statement: tx.run(cypher).consume())

    def load(self, graph, source: str, batch_size: int = DEFAULT_BATCH_SIZE,
             progress: Progress | None = None, parallel: int = DEFAULT_PARALLEL) -> LoadSummary:
        """Merge `graph` into the database. The whole graph is checked first (GraphFileError, nothing
        written); then schema, nodes, relationships, in `parallel` concurrent transactions that
        never touch the same node (see _edge_rounds). A load cut short leaves a part of the graph
        that the next load of the same input completes."""
        nodes, edges = R.graph_records(graph, source)
        started = time.perf_counter()
        summary = LoadSummary()
        total, done = len(nodes) + len(edges), 0
        lock = threading.Lock()

        def run_lane(lane: list[tuple[str, list[dict]]], write, is_node: bool) -> None:
            nonlocal done
            with self._session(neo4j.WRITE_ACCESS) as session:
                for query, rows in lane:
                    created = session.execute_write(write, query, rows)
                    with lock:
                        if is_node:
                            summary.nodes_created += created
                            summary.nodes_matched += len(rows) - created
                        else:
                            summary.relationships_created += created
                            summary.relationships_matched += len(rows) - created
                        done += len(rows)
                        if progress:
                            progress(done, total, time.perf_counter() - started)

        node_lanes = [list(_node_batches(part, batch_size)) for part in _deal(nodes, parallel)]
        rounds = [(_write_nodes, True, node_lanes)]
        rounds += [(_write_edges, False, [list(_edge_batches(cell, batch_size)) for cell in lanes])
                   for lanes in _edge_rounds(edges, parallel)]
        try:
            self.ensure_schema()
            with ThreadPoolExecutor(max_workers=parallel, thread_name_prefix="govkg-load") as pool:
                for write, is_node, lanes in rounds:
                    futures = [pool.submit(run_lane, lane, write, is_node) for lane in lanes if lane]
                    for future in futures:
                        future.result()
        except (DriverError, Neo4jError, OSError) as exc:
            raise _user_error(exc, self.connection, f" after {done} of {total} rows; loading is "
                                                    "idempotent, so run the same load again") from None
        summary.seconds = time.perf_counter() - started
        return summary

    def query(self, cypher: str, params: dict | None = None, write: bool = False) -> tuple[list[str], list]:
        """Run one statement; its column names and records. Read-only unless `write`."""
        def work(tx):
            result = tx.run(cypher, params or {})
            records = list(result)
            return result.keys(), records
        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        try:
            with self._session(mode) as session:
                run = session.execute_write if write else session.execute_read
                keys, records = run(work)
        except ClientError as exc:
            raise DatabaseError(f"query: {_first_line(exc.message)}") from None
        except (DriverError, Neo4jError, OSError) as exc:
            raise _user_error(exc, self.connection) from None
        return list(keys), records

    def counts(self) -> tuple[int, int]:
        (_, [[nodes, rels]]) = self.query(
            "CALL { MATCH (n) RETURN count(n) AS nodes } CALL { MATCH ()-[r]->() RETURN count(r) AS rels } "
            "RETURN nodes, rels")
        return nodes, rels

    def clear(self) -> None:
        """Delete every node and relationship (constraints stay), in batches."""
        try:
            with self._session(neo4j.WRITE_ACCESS) as session:
                session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS").consume()
        except (DriverError, Neo4jError, OSError) as exc:
            raise _user_error(exc, self.connection) from None


def _write_nodes(tx, query: str, rows: list[dict]) -> int:
    result = tx.run(query, rows=rows, specificity=list(S.SPECIFICITY))
    return result.consume().counters.nodes_created


def _write_edges(tx, query: str, rows: list[dict]) -> int:
    result = tx.run(query, rows=rows, separator=R.TITLE_SEPARATOR)
    merged = result.single()["merged"]
    if merged != len(rows):
        # an endpoint vanished between the node and relationship phases (a concurrent delete)
        raise TransientError(f"{len(rows) - merged} relationship endpoint(s) missing")
    return result.consume().counters.relationships_created


def _deal(items: list, hands: int) -> list[list]:
    return [items[hand::hands] for hand in range(hands)]


def _edge_rounds(edges: list[R.EdgeRecord], parallel: int) -> list[list[list[R.EdgeRecord]]]:
    """Relationships in rounds of `parallel` lanes whose endpoints never overlap, so concurrent
    transactions never wait on each other's node locks (which would deadlock and retry).

    Nodes fall into 2·parallel buckets by a hash of their id; the relationships between buckets i
    and j (either way) form one cell. A round runs cells over disjoint bucket pairs side by side —
    the pairings of a round-robin tournament — after two rounds of the within-bucket cells."""
    buckets = 2 * parallel
    cells: dict[tuple[int, int], list[R.EdgeRecord]] = {}
    for edge in edges:
        i, j = sorted((_bucket(edge.source, buckets), _bucket(edge.target, buckets)))
        cells.setdefault((i, j), []).append(edge)
    rounds = [[cells.get((i, i), []) for i in range(half * parallel, (half + 1) * parallel)] for half in (0, 1)]
    ring = list(range(buckets))
    for _ in range(buckets - 1):
        pairs = [tuple(sorted((ring[k], ring[-1 - k]))) for k in range(parallel)]
        rounds.append([cells.get(pair, []) for pair in pairs])
        ring = [ring[0], ring[-1], *ring[1:-1]]
    return rounds


def _bucket(node_id: str, buckets: int) -> int:
    return zlib.crc32(node_id.encode("utf-8")) % buckets


def _batches(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def _node_batches(nodes: list[R.NodeRecord], size: int) -> Iterator[tuple[str, list[dict]]]:
    groups: dict[tuple[str, tuple[str, ...]], list[dict]] = {}
    for node in nodes:
        groups.setdefault((node.base, node.labels), []).append({"id": node.id, "props": node.props})
    for (base, labels), rows in sorted(groups.items()):
        query = node_merge_query(base, labels)
        for batch in _batches(rows, size):
            yield query, batch


def _edge_batches(edges: list[R.EdgeRecord], size: int) -> Iterator[tuple[str, list[dict]]]:
    groups: dict[tuple[str, str, str], list[dict]] = {}
    for edge in edges:
        groups.setdefault((edge.type, edge.source_base, edge.target_base), []).append(
            {"source": edge.source, "target": edge.target, "props": edge.props})
    for (rel_type, source_base, target_base), rows in sorted(groups.items()):
        query = edge_merge_query(rel_type, source_base, target_base)
        for batch in _batches(rows, size):
            yield query, batch


def _first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0] if (text or "").strip() else "(no message)"


def _user_error(exc: BaseException, connection: Connection, context: str = "") -> BaseException:
    """One-line DatabaseError for what users get wrong or cannot help; anything else unchanged."""
    where = connection.uri
    if isinstance(exc, AuthError):
        return DatabaseError(f"{where}: Neo4j refused the credentials of user {connection.username!r} "
                             f"(set {ENV_USERNAME}/{ENV_PASSWORD} or --username/--password)")
    if isinstance(exc, ClientError) and exc.code and exc.code.endswith("DatabaseNotFound"):
        return DatabaseError(f"{where}: no database named {connection.database!r} on this server")
    if isinstance(exc, (ServiceUnavailable, SessionExpired, OSError)):
        return DatabaseError(f"{where}: cannot reach Neo4j ({_first_line(str(exc))}){context}")
    if isinstance(exc, (Neo4jError, DriverError)):
        return DatabaseError(f"{where}: {_first_line(getattr(exc, 'message', None) or str(exc))}{context}")
    return exc


# ------------------------------------------------------------------------------------ the cookbook

@dataclass(frozen=True)
class CookbookQuery:
    name: str
    description: str
    params: tuple[str, ...]
    cypher: str


def cookbook(path: Path = COOKBOOK) -> dict[str, CookbookQuery]:
    """The named queries of graph/queries.cypher, in file order. A query starts with `// name: X`,
    then comment lines describing it, optionally `// params: a, b`, then its Cypher up to `;`."""
    queries: dict[str, CookbookQuery] = {}
    text = path.read_text(encoding="utf-8")
    for block in re.split(r"^(?=// name:)", text, flags=re.MULTILINE)[1:]:
        header, body, params = [], [], ()
        for line in block.splitlines():
            comment = line.strip().startswith("//") and not body
            if comment:
                content = line.strip()[2:].strip()
                if content.startswith("name:"):
                    name = content[len("name:"):].strip()
                elif content.startswith("params:"):
                    params = tuple(p.strip() for p in content[len("params:"):].split(",") if p.strip())
                elif content:
                    header.append(content)
            elif line.strip() or body:
                body.append(line)
        cypher = "\n".join(body).strip().rstrip(";").strip()
        queries[name] = CookbookQuery(name, " ".join(header), params, cypher)
    return queries


def cookbook_query(name: str, params: dict) -> CookbookQuery:
    queries = cookbook()
    if name not in queries:
        raise DatabaseError(f"{COOKBOOK.name}: no query named {name!r} (there are: {', '.join(queries)})")
    query = queries[name]
    missing = [param for param in query.params if param not in params]
    if missing:
        raise DatabaseError(f"{COOKBOOK.name}: query {name!r} needs "
                            + ", ".join(f"--param {param}=…" for param in missing))
    return query


def parse_params(pairs: Iterable[str]) -> dict:
    """`k=v` pairs; v is read as JSON when it parses (numbers, lists, true), else as a string."""
    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise DatabaseError(f"--param {pair!r}: expected NAME=VALUE")
        try:
            params[key] = json.loads(value)
        except json.JSONDecodeError:
            params[key] = value
    return params


# ------------------------------------------------------------------------------------ printing

def to_plain(value):
    """A record value as JSON-ready data: nodes and relationships become their properties."""
    if isinstance(value, neo4j.graph.Node):
        return {"labels": sorted(value.labels, key=_label_order), **{k: to_plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Relationship):
        return {"type": value.type, "source": value.start_node.get(S.ID), "target": value.end_node.get(S.ID),
                **{k: to_plain(v) for k, v in value.items()}}
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": [to_plain(n) for n in value.nodes],
                "relationships": [to_plain(r) for r in value.relationships]}
    if isinstance(value, (list, tuple)):
        return [to_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: to_plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    if isinstance(value, datetime.date):  # what the loader sends for a date
        return value.isoformat()
    return value


def _label_order(label: str) -> int:
    return S.SPECIFICITY.index(label) if label in S.SPECIFICITY else len(S.SPECIFICITY)


def as_json(keys: list[str], records: list) -> str:
    rows = [{key: to_plain(record[key]) for key in keys} for record in records]
    return json.dumps(rows, ensure_ascii=False, indent=1)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, neo4j.graph.Node):
        return str(value.get(S.NAME) or value.get(S.ID) or value.element_id)
    if isinstance(value, neo4j.graph.Relationship):
        return f":{value.type}"
    if isinstance(value, neo4j.graph.Path):
        parts = [_cell(value.start_node)]
        for here, rel, there in zip(value.nodes, value.relationships, value.nodes[1:]):
            forward = rel.start_node.element_id == here.element_id
            parts += [f"-[:{rel.type}]->" if forward else f"<-[:{rel.type}]-", _cell(there)]
        return "".join(parts)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_cell(v) for v in value) + "]"
    if isinstance(value, dict):
        return json.dumps(to_plain(value), ensure_ascii=False)
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return str(value)


def display_width(text: str) -> int:
    """Terminal columns: wide and full-width characters (Chinese) take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
               for ch in text)


def as_table(keys: list[str], records: list) -> str:
    rows = [[_cell(record[key]).replace("\n", " ") for key in keys] for record in records]
    widths = [max([display_width(key)] + [display_width(row[i]) for row in rows]) for i, key in enumerate(keys)]

    def line(cells: list[str]) -> str:
        return " | ".join(cell + " " * (width - display_width(cell)) for cell, width in zip(cells, widths)).rstrip()

    out = [line(keys), "-+-".join("-" * width for width in widths)]
    out += [line(row) for row in rows]
    out.append(f"({len(records)} row{'s' if len(records) != 1 else ''})")
    return "\n".join(out)
