"""Neo4j load rate: a generated graph of NODES nodes and EDGES relationships, loaded into an empty
database with several batch sizes, then loaded again (everything matched), then once through the
`govkg load` command; prints rows/s (nodes + relationships per second) against the target.

    .venv/bin/python -m bench.bench_load [--nodes 50000] [--edges 100000] [--batch-sizes 1000,5000,10000,20000]
                                         [--parallel 1,2]

Uses the server named by NEO4J_URI (its database is emptied!) or starts the local one in a
temporary home on a free port. The graph has the shape graph.build produces: ids from the schema,
aliases, sources, evidence sentences, titles, sub-labels.
"""
from __future__ import annotations

import argparse
import os
import platform
import random
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

from graph import schema as S
from loaders.export import write_graph_json
from loaders.neo4j import DEFAULT_BATCH_SIZE, DEFAULT_PARALLEL, Connection, Database

TARGET_ROWS_PER_SECOND = 20_000
ROOT = Path(__file__).resolve().parent.parent

#: Share of nodes per base label, and of relationships per type (roughly a news archive's mix).
NODE_MIX = {S.PERSON: 0.30, S.ORGANIZATION: 0.20, S.REFORM: 0.10, S.EVENT: 0.15, S.PLACE: 0.15, S.ARTICLE: 0.10}
EDGE_MIX = {S.MENTIONS: 0.30, S.HOLDS_POSITION: 0.15, S.PROMOTES: 0.10, S.ORGANIZES: 0.08, S.ATTENDS: 0.12,
            S.HELD_IN: 0.08, S.LOCATED_IN: 0.08, S.PART_OF: 0.05, S.AUTHORED: 0.04}
SUB_LABEL_SHARE = {S.OFFICIAL: 0.6, S.JOURNALIST: 0.1, S.BUREAU: 0.5}
SYLLABLES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢"
WORDS = "市区县局委会中心服务管理发展改革审批政务数字平台行动工程建设项目企业群众办事窗口一网通办高效"


def generate(nodes: int, edges: int, seed: int = 7) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    by_label: dict[str, list[str]] = {}
    articles = [f"{i:06d}_{rng.getrandbits(32):08x}" for i in range(max(1, int(nodes * NODE_MIX[S.ARTICLE])))]
    for label, share in NODE_MIX.items():
        count = len(articles) if label == S.ARTICLE else int(nodes * share)
        ids = by_label[label] = []
        for i in range(count):
            name = articles[i] if label == S.ARTICLE else (
                "".join(rng.choice(SYLLABLES if label == S.PERSON else WORDS) for _ in range(rng.randint(2, 8))) + str(i))
            labels = [label] + [sub for sub, base in S.SUB_LABELS.items()
                                if base == label and rng.random() < SUB_LABEL_SHARE[sub]]
            labels.sort(key=S.SPECIFICITY.index)
            attrs = {key: rng.choice(["2024-03-14", "2023-11-02"] if key in S.DATE_PROPERTIES
                                     else ["reform", "city", "government"]) for key in S.NODE_PROPERTIES[label]}
            node_id = S.node_id(label, name)
            graph.add_node(node_id, **{S.ID: node_id, S.NAME: name, S.LABELS: labels, S.LABEL: labels[0],
                                       S.ALIASES: [name[:-1] + "简称"] if rng.random() < 0.3 else [],
                                       S.SOURCES: sorted(rng.sample(articles, k=min(len(articles), rng.randint(1, 3)))),
                                       **attrs})
            ids.append(node_id)
    for rel_type, share in EDGE_MIX.items():
        relation = S.RELATIONS[rel_type]
        sources = [n for label in relation.sources for n in by_label[label]]
        targets = [n for label in relation.targets for n in by_label[label]]
        made, wanted = 0, int(edges * share)
        while made < wanted:
            u, v = rng.choice(sources), rng.choice(targets)
            if u == v or graph.has_edge(u, v, key=rel_type):
                continue
            article = rng.choice(articles)
            sentence = "".join(rng.choice(WORDS) for _ in range(rng.randint(20, 60))) + "。"
            attrs = {S.TYPE: rel_type, S.ARTICLES: [article],
                     S.EVIDENCE: [{"article": article, "sentence": sentence, "start": 0, "end": len(sentence)}]}
            if S.TITLE in relation.properties:
                attrs[S.TITLE] = rng.choice(["局长", "党组书记、局长", "副主任", "主席"])
            if S.STATUS in relation.properties:
                attrs.update({S.START: rng.choice([None, "2021-05-20"]), S.STATUS: rng.choice(["current", "former"])})
            attrs[S.FIRST_SEEN] = attrs[S.LAST_SEEN] = rng.choice([None, "2024-03-14"])
            graph.add_edge(u, v, key=rel_type, **attrs)
            made += 1
    return graph


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=50_000)
    parser.add_argument("--edges", type=int, default=100_000)
    parser.add_argument("--batch-sizes", default="1000,5000,10000,20000")
    parser.add_argument("--parallel", default="1,2", help="concurrent transactions to compare (default: 1,2)")
    args = parser.parse_args(argv)
    batch_sizes = [int(size) for size in args.batch_sizes.split(",")]
    parallels = [int(count) for count in args.parallel.split(",")]

    started = time.perf_counter()
    graph = generate(args.nodes, args.edges)
    rows = graph.number_of_nodes() + graph.number_of_edges()
    print(f"generated {graph.number_of_nodes():,} nodes and {graph.number_of_edges():,} relationships "
          f"in {time.perf_counter() - started:.1f}s", flush=True)

    server = None
    with tempfile.TemporaryDirectory(prefix="govkg-bench-") as scratch:
        if os.environ.get("NEO4J_URI"):
            connection = Connection.from_env()
        else:
            from graph.neo4j_server import LocalServer
            server = LocalServer(home=Path(scratch) / "neo4j", bolt_port=free_port(), password="govkg-bench-pw")
            server.start()
            connection = Connection(uri=server.uri, password=server.password)
        try:
            results = run(connection, graph, batch_sizes, parallels, Path(scratch))
        finally:
            if server is not None:
                server.stop()
    print()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"{rows:,} rows per load")
    print(f"{'run':34} {'batch':>6} {'tx':>3} {'seconds':>8} {'rows/s':>9} {'/ target':>9}")
    for name, batch, parallel, seconds in results:
        rate = rows / seconds
        print(f"{name:34} {batch:>6} {parallel:>3} {seconds:>8.1f} {rate:>9,.0f} "
              f"{rate / TARGET_ROWS_PER_SECOND:>8.2f}x")
    return 0


def run(connection: Connection, graph: nx.MultiDiGraph, batch_sizes: list[int], parallels: list[int],
        scratch: Path):
    results = []
    with Database(connection) as database:
        database.clear()
        database.ensure_schema()
        # a first load so the server has planned every statement and warmed its JIT, as in steady use
        database.load(generate(5000, 10000, seed=1), "warm-up")
        for batch in batch_sizes:
            for parallel in parallels:
                database.clear()
                summary = database.load(graph, "bench", batch_size=batch, parallel=parallel)
                assert summary.nodes_created == graph.number_of_nodes(), summary
                results.append(("load into empty database", batch, parallel, summary.seconds))
                print(f"batch {batch}, {parallel} tx: {summary}", flush=True)
        summary = database.load(graph, "bench", batch_size=DEFAULT_BATCH_SIZE)
        assert summary.nodes_created == 0 and summary.relationships_created == 0, summary
        results.append(("load again (all matched)", DEFAULT_BATCH_SIZE, DEFAULT_PARALLEL, summary.seconds))
        print(f"again: {summary}", flush=True)
        database.clear()
    graph_json = scratch / "graph.json"
    write_graph_json(graph, graph_json)
    env = {**os.environ, "NEO4J_URI": connection.uri, "NEO4J_USERNAME": connection.username,
           "NEO4J_PASSWORD": connection.password}
    began = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "graph", "load", "--graph", str(graph_json), "--quiet"],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    print(f"govkg load: {done.stdout.strip()} (wall {wall:.1f}s with start-up and reading graph.json)")
    seconds = float(done.stdout.split(" rows in ")[1].split("s")[0])
    results.append(("govkg load --graph (defaults)", DEFAULT_BATCH_SIZE, DEFAULT_PARALLEL, seconds))
    results.append(("  same, wall clock incl. JSON read", DEFAULT_BATCH_SIZE, DEFAULT_PARALLEL, wall))
    return results


if __name__ == "__main__":
    sys.exit(main())
