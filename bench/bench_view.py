"""How long a 2,000-node view takes: layout and writing in Python, then until the page is stable
(laid out and drawn) in headless Chromium, and the time one redraw takes once it is.

    python bench/bench_view.py [--nodes 2000] [--runs 3] [--browser-layout]

The graph is generated (seeded) with every label and relationship type in proportions like a
city's news archive; the last line printed is the summary bench/run.py puts in its table.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))   # the Chromium helper the page tests use

import browser  # noqa: E402
from graph import schema as S  # noqa: E402
from graph.build import GraphBuilder  # noqa: E402
from graph.model import Article, ArticleFacts, Entity, Evidence, Relation  # noqa: E402
from graph import views  # noqa: E402

#: Share of the nodes per kind (articles take what is left).
SHARES = {S.PLACE: 0.03, S.BUREAU: 0.15, S.ORGANIZATION: 0.07, S.OFFICIAL: 0.30, S.JOURNALIST: 0.03,
          S.REFORM: 0.12, S.EVENT: 0.15}
MENTIONS_PER_ARTICLE = 12


def generate(total: int, seed: int = 1) -> GraphBuilder:
    rng = random.Random(seed)
    made: dict[str, list[Entity]] = {}
    for label, share in SHARES.items():
        base = S.SUB_LABELS.get(label, label)
        labels = [base, label] if base != label else [label]
        made[label] = [Entity(S.node_id(base, f"{label}{i}号"), labels, f"{label}{i}号")
                       for i in range(int(total * share))]
    articles = total - sum(len(items) for items in made.values())
    bodies = made[S.BUREAU] + made[S.ORGANIZATION]
    relations: list[tuple[str, Entity, Entity]] = []
    places = made[S.PLACE]
    relations += [(S.PART_OF, place, rng.choice(places[:i])) for i, place in enumerate(places) if i]
    relations += [(S.LOCATED_IN, body, rng.choice(places)) for body in bodies]
    relations += [(S.HOLDS_POSITION, person, rng.choice(made[S.BUREAU])) for person in made[S.OFFICIAL]]
    relations += [(S.PROMOTES, rng.choice(bodies), reform) for reform in made[S.REFORM] for _ in range(2)]
    for event in made[S.EVENT]:
        relations += [(S.ORGANIZES, rng.choice(bodies), event), (S.HELD_IN, event, rng.choice(places))]
        relations += [(S.ATTENDS, person, event) for person in rng.sample(made[S.OFFICIAL], 3)]
    entities = [entity for items in made.values() for entity in items]
    builder = GraphBuilder()
    for index in range(articles):
        article_id = f"bench{index:05d}"
        text = "。".join(f"第{index}篇第{i}句" for i in range(20)) + "。"
        evidence = [Evidence(article_id, text[:8], 0, 8)]
        mine = relations[index::articles]
        mentioned = rng.sample(entities, MENTIONS_PER_ARTICLE)
        mine_entities = {e.id: e for _, a, b in mine for e in (a, b)} | {e.id: e for e in mentioned}
        author = rng.choice(made[S.JOURNALIST])
        mine_entities[author.id] = author
        facts = [Relation(rel, a.id, b.id, evidence, {S.TITLE: "局长"} if rel == S.HOLDS_POSITION else {})
                 for rel, a, b in mine]
        facts += [Relation(S.MENTIONS, S.node_id(S.ARTICLE, article_id), e.id, evidence) for e in mentioned]
        facts.append(Relation(S.AUTHORED, author.id, S.node_id(S.ARTICLE, article_id), evidence))
        people = [Entity(e.id, e.labels, e.name, sources=[article_id]) for e in mine_entities.values()]
        builder.add(ArticleFacts(Article(article_id, f"{article_id}.txt", text, f"标题{index}"), people, facts))
    return builder


def measure(page_path: Path, runs: int) -> tuple[list[float], list[float], list[float]]:
    """Wall seconds to stable, the page's own clock at stable, and one redraw, per run."""
    walls, clocks, redraws = [], [], []
    with browser.launch() as chromium:
        for _ in range(runs):
            with browser.open_page(chromium, page_path) as (page, watch):
                started = time.perf_counter()
                page.reload()
                browser.wait_view_ready(page, timeout_s=600)
                walls.append(time.perf_counter() - started)
                clocks.append(page.evaluate("() => window.govkg.readyMs") / 1000)
                redraws.append(page.evaluate("""() => new Promise(done => {
                    const net = window.govkg.network, t0 = performance.now();
                    net.once("afterDrawing", () => done((performance.now() - t0) / 1000));
                    net.redraw();
                })"""))
                if watch.problems():
                    raise SystemExit(f"page problems: {watch.problems()}")
    return walls, clocks, redraws


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--browser-layout", action="store_true",
                        help="for comparison: leave the layout to vis physics whatever the size")
    args = parser.parse_args()
    if args.browser_layout:
        views.PHYSICS_NODE_LIMIT = args.nodes
    if not browser.CHROMIUM.exists():
        print(f"not measured: {browser.CHROMIUM} missing (scripts/install-browser.sh)")
        return 1
    graph = generate(args.nodes).graph()
    with tempfile.TemporaryDirectory() as work:
        page_path = Path(work) / "view.html"
        started, started_cpu = time.perf_counter(), time.process_time()
        views.write_html(graph, page_path)
        python_s, python_cpu = time.perf_counter() - started, time.process_time() - started_cpu
        size_mb = page_path.stat().st_size / 1e6
        walls, clocks, redraws = measure(page_path, args.runs)
    print(f"graph: {graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges; "
          f"page {size_mb:.1f} MB; layout + write in Python {python_s:.2f} s ({python_cpu:.2f} s CPU); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"stable in Chromium, {args.runs} runs: wall {', '.join(f'{w:.2f}' for w in walls)} s; "
          f"page clock {', '.join(f'{c:.2f}' for c in clocks)} s; one redraw "
          f"{statistics.median(redraws) * 1000:.0f} ms")
    print(f"{graph.number_of_nodes():,}-node view stable in {statistics.median(walls):.2f} s "
          f"(median of {args.runs}, headless Chromium; + {python_s:.1f} s layout/write in Python; "
          f"redraw {statistics.median(redraws) * 1000:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
