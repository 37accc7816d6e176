"""The Neo4j server the tests talk to, and helpers to compare what it holds.

The server named by NEO4J_URI / NEO4J_USERNAME / NEO4J_PASSWORD (/ NEO4J_DATABASE) when set — its
database is emptied by the tests, so never point them at data you keep — else a local Neo4j
started once per test session from the project's Maven-resolved jars, in a temporary home on a free
loopback port, and stopped at the end. Outside CI a machine without Java or Maven skips these tests
(saying so); under CI=true they fail instead.
"""
from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from loaders import graph_records as R
from loaders.neo4j import Connection, Database, to_plain

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
TEST_PASSWORD = "govkg-test-password"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def local_server_or_skip(home: Path, **settings):
    """A LocalServer in `home` (not started), or a skip outside CI when Java or Maven is missing."""
    from graph.neo4j_server import LocalServer, ServerError, java_executable, resolve_jars
    try:
        java_executable()
        resolve_jars()
    except ServerError as exc:
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"cannot run a local Neo4j here: {exc}")
    return LocalServer(home=home, bolt_port=free_port(), password=TEST_PASSWORD, **settings)


@contextmanager
def running_server(home: Path, **settings):
    """A local server in `home`, started, and stopped afterwards (or a skip, see above)."""
    server = local_server_or_skip(home, **settings)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def neo4j_local_server(tmp_path_factory):
    """The LocalServer this session started, or None when NEO4J_URI names another server."""
    if os.environ.get("NEO4J_URI"):
        yield None
        return
    with running_server(tmp_path_factory.mktemp("neo4j-home")) as server:
        yield server


@pytest.fixture(scope="session")
def neo4j_connection(neo4j_local_server) -> Connection:
    if neo4j_local_server is None:
        return Connection.from_env()
    return Connection(uri=neo4j_local_server.uri, password=TEST_PASSWORD)


@pytest.fixture
def neo4j_db(neo4j_connection):
    """An open, emptied database."""
    with Database(neo4j_connection) as database:
        database.clear()
        yield database


def cli_env(connection: Connection) -> dict:
    env = {**os.environ, "NEO4J_URI": connection.uri, "NEO4J_USERNAME": connection.username,
           "NEO4J_PASSWORD": connection.password}
    if connection.database:
        env["NEO4J_DATABASE"] = connection.database
    else:
        env.pop("NEO4J_DATABASE", None)
    return env


def govkg(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "graph", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, stdin=subprocess.DEVNULL, timeout=timeout)


# ------------------------------------------------------------------------------ comparing contents

def _plain(props: dict) -> dict:
    # the importer stores no property for an empty list; treat both the same. Dates (Cypher's, or
    # the datetime.date values the loader sends) compare as their ISO text
    return {key: to_plain(value) for key, value in props.items() if value != []}


def snapshot(database: Database) -> dict:
    """Everything the database holds, keyed by node id and (source, type, target)."""
    _, nodes = database.query("MATCH (n) RETURN n.id AS id, labels(n) AS labels, properties(n) AS props")
    _, rels = database.query("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, b.id AS b, properties(r) AS props")
    result = {"nodes": {}, "relationships": {}}
    for record in nodes:
        assert record["id"] not in result["nodes"], f"duplicate node {record['id']}"
        result["nodes"][record["id"]] = {"labels": sorted(record["labels"]), **_plain(record["props"])}
    for record in rels:
        key = f"{record['a']} -[{record['t']}]-> {record['b']}"
        assert key not in result["relationships"], f"duplicate relationship {key}"
        result["relationships"][key] = _plain(record["props"])
    return result


def expected_snapshot(graph) -> dict:
    """What loading `graph` into an empty database must give."""
    nodes, edges = R.graph_records(graph, "test")
    return {
        "nodes": {n.id: {"labels": sorted(n.labels), "id": n.id, **_plain(n.props)} for n in nodes},
        "relationships": {f"{e.source} -[{e.type}]-> {e.target}": _plain(e.props) for e in edges},
    }


def checksum(contents: dict) -> str:
    return hashlib.sha256(json.dumps(contents, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@pytest.fixture(scope="session")
def neo4j_seeds_graph(tmp_path_factory):
    """The sample articles built by the real pipeline: (graph, graph.json path)."""
    from graph.pipeline import build
    out = tmp_path_factory.mktemp("seeds-build")
    result = build([str(SEEDS)], out, quiet=True, strict=True)
    return result.graph, out / "graph.json"
