"""Faults in the database, against real Neo4j servers: the server killed (SIGKILL, no checkpoint)
in the middle of a load, restarted and the load run again, must end exactly where an
uninterrupted load ends; two loads of overlapping article sets at once must duplicate nothing."""
from __future__ import annotations

import subprocess
import sys

import pytest
from neo4j_fixture import (ROOT, TEST_PASSWORD, checksum, cli_env, expected_snapshot, running_server,
                           snapshot)

from bench.bench_load import generate
from bench.corpus import write_corpus
from graph import schema as S
from graph.pipeline import build
from loaders import graph_records as R
from loaders.export import write_graph_json
from loaders.neo4j import Connection, Database, DatabaseError

#: When the server dies, as a share of the rows of the load: early and late among the nodes,
#: around the switch to relationships, and among the relationships.
KILL_AT = (0.03, 0.2, 0.4, 0.7, 0.95)
BATCH = 250


@pytest.fixture(scope="module")
def crash_server(tmp_path_factory):
    """A server of this module's own, since it is killed over and over."""
    with running_server(tmp_path_factory.mktemp("neo4j-crash-home"), heap="512m", pagecache="64m") as server:
        yield server


@pytest.fixture(scope="module")
def big_graph():
    graph = generate(nodes=4_000, edges=8_000, seed=11)
    return graph, checksum(expected_snapshot(graph))


def test_a_load_cut_by_a_server_crash_completes_when_run_again(crash_server, big_graph):
    graph, expected = big_graph
    connection = Connection(uri=crash_server.uri, password=TEST_PASSWORD)
    total = graph.number_of_nodes() + graph.number_of_edges()
    for share in KILL_AT:
        with Database(connection) as database:
            database.clear()
        killed_after = []

        def crash(done: int, _total: int, _seconds: float) -> None:
            if not killed_after and done >= share * total:
                killed_after.append(done)
                crash_server.kill()

        with Database(connection, retry_seconds=1) as database:
            with pytest.raises(DatabaseError) as failure:
                database.load(graph, "crash", batch_size=BATCH, progress=crash)
        message = str(failure.value)
        assert "\n" not in message and crash_server.uri in message and "run the same load again" in message
        assert killed_after and killed_after[0] < total, f"the server was not killed mid-load at {share}"

        crash_server.start()  # recovery replays the log: what committed stays, the rest is gone
        with Database(connection) as database:
            nodes, rels = database.counts()
            assert nodes + rels < total, f"killed at {share}, yet everything was there"
            summary = database.load(graph, "crash", batch_size=BATCH)
            assert summary.rows == total
            contents = snapshot(database)  # also fails on any duplicate node or relationship
        assert (len(contents["nodes"]), len(contents["relationships"])) == (
            graph.number_of_nodes(), graph.number_of_edges())
        assert checksum(contents) == expected, f"killed after {killed_after[0]} of {total} rows"


def test_a_server_down_at_start_writes_nothing(crash_server, big_graph, tmp_path):
    graph_file = tmp_path / "graph.json"
    write_graph_json(big_graph[0], graph_file)
    connection = Connection(uri=crash_server.uri, password=TEST_PASSWORD)
    with Database(connection) as database:
        database.clear()
    crash_server.stop()
    try:
        done = subprocess.run([sys.executable, "-m", "graph", "load", "--graph", str(graph_file)],
                              cwd=ROOT, env=cli_env(connection), capture_output=True, text=True,
                              stdin=subprocess.DEVNULL, timeout=120)
        assert done.returncode != 0 and "Traceback" not in done.stderr
        assert len(done.stderr.strip().splitlines()) == 1 and "cannot reach Neo4j" in done.stderr
    finally:
        crash_server.start()
    with Database(connection) as database:
        assert database.counts() == (0, 0)


def _overlapping_graphs(tmp_path):
    """Graphs of articles 0–59 and 30–89 of the generated corpus, and of 0–89 built at once."""
    corpus = write_corpus(tmp_path / "corpus", 90, seed=5)
    files = sorted(corpus.rglob("*.txt"))
    built = {}
    for name, part in (("a", files[:60]), ("b", files[30:]), ("all", files)):
        result = build([str(path) for path in part], tmp_path / name, quiet=True, strict=True)
        built[name] = (result.graph, tmp_path / name / "graph.json")
    return built


def _without_title_order(contents: dict) -> dict:
    """Post words of a merged title keep the order the loads arrived in (documented): compare them
    as sets."""
    for props in contents["relationships"].values():
        if props.get(S.TITLE):
            props[S.TITLE] = sorted(props[S.TITLE].split(R.TITLE_SEPARATOR))
    return contents


def test_two_overlapping_loads_at_once_duplicate_nothing(neo4j_connection, tmp_path):
    built = _overlapping_graphs(tmp_path)
    shared = set(built["a"][0].nodes) & set(built["b"][0].nodes)
    assert len(shared) > 50, "the two article sets should share many entities"
    expected = _without_title_order(expected_snapshot(built["all"][0]))
    env = cli_env(neo4j_connection)
    for batch in ("20", "500"):
        with Database(neo4j_connection) as database:
            database.clear()
        loads = [subprocess.Popen([sys.executable, "-m", "graph", "load", "--graph", str(built[name][1]),
                                   "--batch-size", batch], cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for name in ("a", "b")]
        for load in loads:
            out, err = load.communicate(timeout=300)
            assert load.returncode == 0, err
        with Database(neo4j_connection) as database:
            contents = _without_title_order(snapshot(database))
        assert contents == expected, f"batch size {batch}"
