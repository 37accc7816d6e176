"""The views without a browser: selections, styling, hover text, offline pages, the CLI."""
from __future__ import annotations

import json
import math
import re
import subprocess
import sys

import networkx as nx
import pytest

from graph import schema as S
from graph import views as V
from loaders.export import read_graph_json
from test_views_sample import XSS, article_node, node, write_corpus


@pytest.fixture(scope="module")
def graph_path(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def graph(graph_path):
    return read_graph_json(graph_path)


def names(graph, nodes):
    return {graph.nodes[n][S.NAME] for n in nodes}


# --------------------------------------------------------------------------- selections


def test_find_node_by_id_name_and_alias(graph):
    assert V.find_node(graph, node("王五")) == node("王五")
    assert V.find_node(graph, "王五") == node("王五")
    assert V.find_node(graph, "王局长") == node("王五")
    with pytest.raises(V.ViewError, match="no node named"):
        V.find_node(graph, "无此人")


def test_find_node_refuses_an_ambiguous_name():
    g = nx.MultiDiGraph()
    for label in (S.PERSON, S.PLACE):
        g.add_node(S.node_id(label, "同名"), **{S.NAME: "同名", S.LABELS: [label], S.LABEL: label})
    with pytest.raises(V.ViewError, match="several nodes"):
        V.find_node(g, "同名")


def test_focus_walks_both_ways_and_not_through_articles(graph):
    one = V.focus_nodes(graph, node("王五"), 1)
    assert names(graph, one) == {"王五", "某市数据局", "第三届数字政务大会"}
    two = V.focus_nodes(graph, node("王五"), 2)
    assert names(graph, two) == {"王五", "某市数据局", "第三届数字政务大会", "一网通办", "某市"}
    assert V.focus_nodes(graph, node("王五"), 0) == {node("王五")}


def test_focus_on_an_article_shows_what_it_mentions(graph):
    around = V.focus_nodes(graph, article_node("b_neighbour_city"), 1)
    assert names(graph, around) >= {"b_neighbour_city", "赵六", "邻市数据局", "一网通办", "某省"}
    assert "王五" not in names(graph, around)


def test_place_holds_what_is_inside_it_and_their_ties(graph):
    city = names(graph, V.place_nodes(graph, node("某市")))
    assert city == {"某市", "某市数据局", "第三届数字政务大会", "王五", "一网通办"}
    province = names(graph, V.place_nodes(graph, node("某省")))
    assert {"某市", "邻市", "某市数据局", "邻市数据局", "邻市人民政府", "赵六", "王五"} <= province
    assert "a_digital_conference" not in province


def test_label_selection_keeps_those_labels_and_the_edges_between(graph):
    shown = V.select(graph, V.Selection(labels=("Official", "机关")))
    assert names(graph, shown) == {"王五", "赵六", "某市数据局", "邻市数据局", "邻市人民政府"}
    assert {data[S.TYPE] for *_, data in shown.edges(data=True)} == {S.HOLDS_POSITION}


def test_selections_intersect_and_report_errors(graph):
    shown = V.select(graph, V.Selection(focus="某市数据局", hops=1, labels=(S.PERSON,)))
    assert names(graph, shown) == {"王五"}
    with pytest.raises(V.ViewError, match="unknown label"):
        V.select(graph, V.Selection(labels=("Nope",)))
    with pytest.raises(V.ViewError, match="not a Place"):
        V.select(graph, V.Selection(place="王五"))
    with pytest.raises(V.ViewError, match="empty"):
        V.select(graph, V.Selection(place="邻市", labels=(S.JOURNALIST,)))


# --------------------------------------------------------------------------- network records


def test_every_node_and_edge_becomes_one_record_styled_from_the_schema(graph):
    net = V.network(graph)
    assert {n["id"] for n in net.nodes} == set(graph)
    assert {e["id"] for e in net.edges} == {V.edge_id(s, t, k) for s, t, k in graph.edges(keys=True)}
    for record in net.nodes:
        data = graph.nodes[record["id"]]
        style = S.STYLES[data[S.LABEL]]
        assert (record["color"], record["shape"], record["style"]) == (style.colour, style.shape, data[S.LABEL])


def test_size_follows_degree_without_mentions(graph):
    values = {n["id"]: n["value"] for n in V.network(graph).nodes}
    assert values[node("某市数据局")] == 4  # HOLDS_POSITION, ORGANIZES, PROMOTES, LOCATED_IN; no MENTIONS
    assert values[node("某市数据局")] > values[node("王五")] > values[node("李明")]


def test_edge_captions_use_the_short_word_and_title(graph):
    captions = {(e["from"], e["type"]): e["label"] for e in V.network(graph).edges}
    assert captions[(node("王五"), S.HOLDS_POSITION)] == f"{S.RELATIONS[S.HOLDS_POSITION].short} 局长"
    assert captions[(node("某市数据局"), S.PROMOTES)] == S.RELATIONS[S.PROMOTES].short


def test_hover_text_names_labels_aliases_articles_and_evidence(graph):
    text = V.node_hover(graph, node("王五"))
    assert text.splitlines()[0] == "王五"
    assert "Official" in text and "王局长" in text and "a_digital_conference 《数字政务大会在某市召开》" in text
    data = graph.get_edge_data(node("王五"), node("某市数据局"), S.HOLDS_POSITION)
    text = V.edge_hover(graph, node("王五"), node("某市数据局"), data)
    assert "HOLDS_POSITION" in text and "局长" in text
    assert "[a_digital_conference] 某市数据局局长王五出席大会。" in text


def test_hover_lists_a_bounded_number_of_sentences():
    g = nx.MultiDiGraph()
    for name, label in (("甲", S.PERSON), ("乙", S.ORGANIZATION)):
        g.add_node(S.node_id(label, name), **{S.NAME: name, S.LABELS: [label], S.LABEL: label})
    evidence = [{"article": f"a{i}", "sentence": f"第{i}句。", "start": 0, "end": 3} for i in range(9)]
    text = V.edge_hover(g, "Person:甲", "Organization:乙", {S.TYPE: S.HOLDS_POSITION, S.EVIDENCE: evidence})
    assert text.count("句。") == V.HOVER_EVIDENCE and f"另 {9 - V.HOVER_EVIDENCE} 条" in text


def test_hover_names_a_bounded_number_of_articles():
    g = nx.MultiDiGraph()
    sources = [f"a{i:03}" for i in range(40)]
    g.add_node("Place:甲市", **{S.NAME: "甲市", S.LABELS: [S.PLACE], S.LABEL: S.PLACE, S.SOURCES: sources})
    text = V.node_hover(g, "Place:甲市")
    assert "文章 articles (40)" in text and "a000" in text and "a039" not in text
    assert f"另 {40 - V.HOVER_ARTICLES} 篇" in text


# --------------------------------------------------------------------------- the page


def test_page_is_offline_utf8_and_data_cannot_close_its_script(graph, tmp_path):
    path = tmp_path / "v.html"
    V.write_html(graph, path)
    page = path.read_bytes().decode("utf-8")
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page), "page links something remote"
    assert "@import" not in page
    assert XSS not in page and "<b>bold</b>" not in page   # data is JSON with <, > escaped
    assert page.count("</script") == 4 and "<!--" not in page  # vis, view.js, data, call
    config = re.search(r'<script id="govkg-data" type="application/json">(.*?)</script>', page, re.S).group(1)
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in config
    assert "王五" in config   # readable UTF-8, not \\u escapes


def test_site_style_page_links_assets_instead_of_inlining(graph):
    page = V.render_html(graph, "t", assets_href="../assets")
    assert '<script src="../assets/vis-network.min.js"></script>' in page
    assert len(page) < 100_000


def test_small_graphs_use_browser_physics_large_ones_fixed_positions():
    small = nx.path_graph(10, create_using=nx.MultiDiGraph)
    assert V.positions(_labelled(small)) is None
    big = _labelled(nx.MultiDiGraph(nx.barabasi_albert_graph(V.PHYSICS_NODE_LIMIT + 50, 2, seed=3)))
    first, second = V.positions(big), V.positions(big)
    assert first == second and len(first) == big.number_of_nodes()
    assert len({(round(x), round(y)) for x, y in first.values()}) > 0.9 * big.number_of_nodes()
    net = V.network(big)
    assert net.options["physics"] == {"enabled": False}
    assert all("x" in n and "y" in n for n in net.nodes)


def test_leaves_and_articles_sit_beside_what_they_are_tied_to():
    core = nx.MultiDiGraph(nx.barabasi_albert_graph(V.PHYSICS_NODE_LIMIT, 2, seed=5))
    for i in range(60):
        core.add_edge(f"leaf{i}", i % 7)
    g = _labelled(core)
    placed = V.positions(g)
    assert set(placed) == set(g)
    for i in range(60):
        leaf, anchor = placed[f"Person:pleaf{i}"], placed[f"Person:p{i % 7}"]
        assert math.dist(leaf, anchor) <= V.SATELLITE_GAP * math.sqrt(60)
    spread = max(math.dist(placed[a], placed[b]) for a in list(placed)[:50] for b in list(placed)[:50])
    assert spread > 4 * V.SATELLITE_GAP * math.sqrt(60)


def test_a_view_of_a_huge_graph_draws_the_most_connected_nodes(graph, monkeypatch):
    monkeypatch.setattr(V, "VIEW_NODE_LIMIT", 4)
    page = V.render_html(graph, "全图")
    config = json.loads(re.search(r'type="application/json">(.*?)</script>', page, re.S).group(1))
    # degree 4, then the first three (by id) of the five with degree 3
    assert {n["id"] for n in config["nodes"]} == {node("某市数据局"), node("第三届数字政务大会"), node("某市"), node("邻市")}
    assert f"最相关的 4 / {graph.number_of_nodes()} 个节点" in page


def _labelled(g):
    g = nx.relabel_nodes(g, {n: S.node_id(S.PERSON, f"p{n}") for n in g})
    for n in g:
        g.nodes[n].update({S.NAME: n, S.LABELS: [S.PERSON], S.LABEL: S.PERSON})
    for s, t, k in list(g.edges(keys=True)):
        g.edges[s, t, k][S.TYPE] = S.ATTENDS
    return g


# --------------------------------------------------------------------------- CLI


def _govkg(*args):
    return subprocess.run([sys.executable, "-m", "graph", *args], capture_output=True, text=True, timeout=120)


def test_cli_view_writes_the_selection(graph_path, tmp_path):
    out = tmp_path / "focus.html"
    run = _govkg("view", str(graph_path), "--focus", "王五", "--hops", "1", "--out", str(out))
    assert run.returncode == 0, run.stderr
    assert "3 nodes" in run.stdout and out.exists()
    assert "焦点 王五（1 跳）" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("args, message", [
    (["--focus", "无此人"], "no node named '无此人'"),
    (["--label", "Nope"], "unknown label 'Nope'"),
    (["--place", "王五"], "is not a Place"),
])
def test_cli_view_errors_are_one_line_naming_the_file(graph_path, tmp_path, args, message):
    out = tmp_path / "never.html"
    run = _govkg("view", str(graph_path), *args, "--out", str(out))
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1 and run.stderr.startswith(f"govkg: {graph_path}: ")
    assert message in run.stderr
    assert not out.exists()


def test_cli_view_of_a_file_that_is_not_a_graph(tmp_path):
    bad = tmp_path / "graph.json"
    bad.write_text("{}", encoding="utf-8")
    run = _govkg("view", str(bad))
    assert run.returncode == 1 and run.stderr.startswith(f"govkg: {bad}: not a govkg graph.json")
    assert "Traceback" not in run.stderr
