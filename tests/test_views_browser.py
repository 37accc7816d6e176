"""The views as a person sees them: real headless Chromium, network blocked.

Skipped outside CI when /usr/bin/chromium is missing (scripts/install-browser.sh installs it);
under CI=true they always run.
"""
from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

import browser
from graph import schema as S
from graph import views as V
from graph.pipeline import build
from loaders.export import read_graph_json
from test_views_sample import XSS, node, write_corpus
from tests.extract_helpers import person_node

SEEDS = Path(__file__).resolve().parent.parent / "seeds"



@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    graph_path = write_corpus(tmp_path_factory.mktemp("corpus"))
    page = graph_path.parent / "graph.html"
    V.write_html(read_graph_json(graph_path), page)
    return graph_path, page


def graph_json_items(graph_path: Path) -> tuple[set, set]:
    data = json.loads(graph_path.read_text(encoding="utf-8"))
    return ({n["id"] for n in data["nodes"]},
            {(link["source"], link["target"], link[S.TYPE]) for link in data["links"]})


def page_items(page) -> tuple[set, set]:
    nodes = browser.dataset_items(page, "nodes")
    edges = browser.dataset_items(page, "edges")
    return {n["id"] for n in nodes}, {(e["from"], e["to"], e["type"]) for e in edges}


def assert_clean(watch: browser.Watch) -> None:
    assert watch.problems() == {}


def test_full_view_holds_exactly_the_graph_and_hides_articles_at_start(chromium, corpus):
    graph_path, page_path = corpus
    with browser.open_page(chromium, page_path) as (page, watch):
        browser.wait_view_ready(page)
        assert page_items(page) == graph_json_items(graph_path)
        hidden = {n["id"] for n in browser.dataset_items(page, "nodes") if n.get("hidden")}
        assert hidden == {n for n in graph_json_items(graph_path)[0] if n.startswith(f"{S.ARTICLE}:")}
        hidden_types = {e["type"] for e in browser.dataset_items(page, "edges") if e.get("hidden")}
        assert hidden_types == {S.MENTIONS, S.AUTHORED}   # AUTHORED ends at a hidden article
        assert page.evaluate("() => window.govkg.network.body.data.nodes.length") == len(page_items(page)[0])
        assert_clean(watch)


def test_legend_toggles_labels_and_relation_types(chromium, corpus):
    _, page_path = corpus
    with browser.open_page(chromium, page_path) as (page, watch):
        browser.wait_view_ready(page)
        page.locator(f'#legend input[data-key="{S.ARTICLE}"]').check()
        edges = {e["type"]: e for e in browser.dataset_items(page, "edges")}
        assert not edges[S.AUTHORED].get("hidden") and edges[S.MENTIONS]["hidden"]
        page.locator(f'#legend input[data-key="{S.MENTIONS}"]').check()
        page.locator(f'#legend input[data-key="{S.OFFICIAL}"]').uncheck()
        nodes = {n["id"]: n for n in browser.dataset_items(page, "nodes")}
        assert nodes[node("王五")]["hidden"] and not nodes[node("李明")]["hidden"]
        shown = [e for e in browser.dataset_items(page, "edges") if not e["hidden"]]
        assert shown and all(node("王五") not in (e["from"], e["to"]) for e in shown)
        assert any(e["type"] == S.MENTIONS for e in shown)
        assert_clean(watch)


def test_hover_shows_node_facts_and_edge_evidence(chromium, corpus):
    _, page_path = corpus
    with browser.open_page(chromium, page_path) as (page, watch):
        browser.wait_view_ready(page)
        text = browser.hover_text(page, "node", node("王五"))
        assert text.startswith("王五") and "官员 Official" in text and "王局长" in text
        assert "a_digital_conference" in text
        text = browser.hover_text(page, "edge", V.edge_id(node("王五"), node("某市数据局"), S.HOLDS_POSITION))
        assert "HOLDS_POSITION" in text and "局长" in text
        assert "[a_digital_conference] 某市数据局局长王五出席大会。" in text
        assert_clean(watch)


def test_hostile_names_show_as_text_and_run_nothing(chromium, corpus):
    _, page_path = corpus
    with browser.open_page(chromium, page_path) as (page, watch):
        browser.wait_view_ready(page)
        text = browser.hover_text(page, "node", node(XSS))
        assert text.splitlines()[0] == XSS and "<b>bold</b>" in text
        page.fill("#search", XSS)
        page.press("#search", "Enter")
        assert XSS in page.locator("#details").inner_text()
        assert page.evaluate("() => window.govkg.network.getSelectedNodes()") == [node(XSS)]
        assert page.evaluate("() => document.querySelectorAll('img, b').length") == 0
        assert page.evaluate("() => document.getElementById('search-names').options.length") == len(page_items(page)[0])
        assert watch.dialogs == []
        assert_clean(watch)


def test_search_jumps_to_a_node_and_reveals_a_hidden_label(chromium, corpus):
    _, page_path = corpus
    with browser.open_page(chromium, page_path) as (page, watch):
        browser.wait_view_ready(page)
        page.fill("#search", "a_digital")
        page.press("#search", "Enter")
        article = S.node_id(S.ARTICLE, "a_digital_conference")
        assert page.evaluate("() => window.govkg.network.getSelectedNodes()") == [article]
        assert not page.evaluate(f"() => window.govkg.nodes.get({json.dumps(article)}).hidden")
        assert page.locator(f'#legend input[data-key="{S.ARTICLE}"]').is_checked()
        assert "数字政务大会在某市召开" in page.locator("#details").inner_text()
        assert_clean(watch)


def test_focus_view_holds_the_neighbourhood(chromium, corpus, tmp_path):
    graph_path, _ = corpus
    out, shown = V.write_view(graph_path, V.Selection(focus="王五", hops=1), tmp_path / "focus.html")
    with browser.open_page(chromium, out) as (page, watch):
        browser.wait_view_ready(page)
        nodes, edges = page_items(page)
        assert nodes == {node("王五"), node("某市数据局"), node("第三届数字政务大会")}
        assert edges == {(node("王五"), node("某市数据局"), S.HOLDS_POSITION),
                         (node("王五"), node("第三届数字政务大会"), S.ATTENDS),
                         (node("某市数据局"), node("第三届数字政务大会"), S.ORGANIZES)}
        assert_clean(watch)


def test_place_view_holds_what_is_in_the_city(chromium, corpus, tmp_path):
    graph_path, _ = corpus
    out, _ = V.write_view(graph_path, V.Selection(place="某市"), tmp_path / "place.html")
    with browser.open_page(chromium, out) as (page, watch):
        browser.wait_view_ready(page)
        nodes, _ = page_items(page)
        assert node("某市数据局") in nodes and node("第三届数字政务大会") in nodes
        assert node("邻市数据局") not in nodes and node("赵六") not in nodes
        assert_clean(watch)


def test_a_large_graph_is_drawn_from_fixed_positions(chromium, tmp_path):
    g = nx.MultiDiGraph()
    size = V.PHYSICS_NODE_LIMIT * 2
    for i in range(size):
        g.add_node(f"Person:p{i}", **{S.NAME: f"人{i}", S.LABELS: [S.PERSON], S.LABEL: S.PERSON})
    for i in range(1, size):
        g.add_edge(f"Person:p{i}", f"Person:p{(i * 7) % i}", key=S.ATTENDS, **{S.TYPE: S.ATTENDS})
    V.write_html(g, tmp_path / "big.html")
    with browser.open_page(chromium, tmp_path / "big.html") as (page, watch):
        browser.wait_view_ready(page, timeout_s=60)
        assert page.evaluate("() => window.govkg.network.physics.options.enabled") is False
        assert len(page_items(page)[0]) == size
        assert_clean(watch)


# --------------------------------------------------------------------------- the sample articles


@pytest.fixture(scope="module")
def seed_graph(tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds-out")
    build([str(SEEDS)], out)
    return out / "graph.json", out / "graph.html"


def test_sample_full_view_matches_graph_json_and_renders(chromium, seed_graph, tmp_path):
    graph_path, page_path = seed_graph
    with browser.open_page(chromium, page_path) as (page, watch):
        browser.wait_view_ready(page)
        assert page_items(page) == graph_json_items(graph_path)
        shot = tmp_path / "screenshot.png"
        page.screenshot(path=str(shot))
        # a drawn page has many distinct colours; a blank or failed one has a handful
        colours = page.evaluate("""() => {
            const canvas = document.querySelector('#network canvas');
            const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            const seen = new Set();
            for (let i = 0; i < data.length; i += 16) seen.add(data[i] << 16 | data[i+1] << 8 | data[i+2]);
            return seen.size;
        }""")
        assert colours > 20
        assert_clean(watch)


def test_sample_focus_on_an_official(chromium, seed_graph, tmp_path):
    graph_path, _ = seed_graph
    out, _ = V.write_view(graph_path, V.Selection(focus="张青", hops=1), tmp_path / "focus.html")
    with browser.open_page(chromium, out) as (page, watch):
        browser.wait_view_ready(page)
        _, edges = page_items(page)
        bureau = S.node_id(S.ORGANIZATION, "泰安市行政审批服务局")
        official = person_node(read_graph_json(graph_path), "张青")
        assert (official, bureau, S.HOLDS_POSITION) in edges
        text = browser.hover_text(page, "edge", V.edge_id(official, bureau, S.HOLDS_POSITION))
        evidence = read_graph_json(graph_path).get_edge_data(official, bureau, S.HOLDS_POSITION)[S.EVIDENCE]
        assert "党组书记、局长" in text
        assert f"[{V.evidence_source(evidence[0])}] {evidence[0]['sentence']}" in text
        assert evidence[0]["date"] and evidence[0]["date"] in V.evidence_source(evidence[0])
        assert_clean(watch)


def test_a_date_range_fades_what_lies_outside_it_and_hover_dates_the_evidence(chromium, tmp_path):
    from tests.tenure_articles import BODY, graph_of, ARTICLES
    graph = graph_of(*ARTICLES)
    page_path = tmp_path / "tenure.html"
    V.write_html(graph, page_path)
    old = V.edge_id(person_node(graph, "洪文涛"), S.node_id(S.ORGANIZATION, BODY), S.HOLDS_POSITION)
    new = V.edge_id(person_node(graph, "龚雪"), S.node_id(S.ORGANIZATION, BODY), S.HOLDS_POSITION)
    located = V.edge_id(S.node_id(S.ORGANIZATION, BODY), S.node_id(S.PLACE, "济宁市"), S.LOCATED_IN)
    with browser.open_page(chromium, page_path) as (page, watch):
        browser.wait_view_ready(page)
        page.fill("#date-from", "2022-01-01")
        page.fill("#date-to", "2022-12-31")
        faded = set(page.evaluate("() => Array.from(window.govkg.faded)"))
        assert new in faded and old not in faded
        page.fill("#date-from", "2024-01-01")
        page.fill("#date-to", "2024-12-31")
        faded = set(page.evaluate("() => Array.from(window.govkg.faded)"))
        assert old in faded and new not in faded and located not in faded
        text = browser.hover_text(page, "edge", old)
        assert "曾任 former" in text and "[a2 · 2023-06-15 · 免去 removed 2023-06-15]" in text
        assert_clean(watch)
