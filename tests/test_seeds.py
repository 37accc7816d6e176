"""End to end on the sample articles in seeds/: specific facts, and every edge auditable."""
from pathlib import Path

import pytest

from graph import schema as S
from graph.build import build_graph
from graph.extract import extract
from loaders.articles import iter_articles
from tests.extract_helpers import person_node

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def graph():
    return build_graph(extract(article) for article in iter_articles([SEEDS]))


def _edges(graph, rel_type):
    return {(graph.nodes[u][S.NAME], graph.nodes[v][S.NAME]): d
            for u, v, d in graph.edges(data=True) if d[S.TYPE] == rel_type}


def test_who_holds_which_post(graph):
    posts = _edges(graph, S.HOLDS_POSITION)
    assert posts[("张青", "泰安市行政审批服务局")][S.TITLE] == "党组书记、局长"
    assert posts[("赵寿娟", "中国人民政治协商会议济南市委员会")][S.TITLE] == "委员"
    assert posts[("马保文", "泰安市人民政府")][S.TITLE] == "副市长"
    assert posts[("焉志", "泰安军分区")][S.TITLE] == "司令员"
    assert ("蒋永斌", "泰安市人民代表大会常务委员会") in posts and ("蒋永斌", "泰安市总工会") in posts


def test_which_bureau_promotes_which_reform(graph):
    promotes = _edges(graph, S.PROMOTES)
    assert ("泰安市行政审批服务局", "信易批") in promotes
    assert ("国务院办公厅", "信易批") in promotes
    assert ("山东省人民政府办公厅", "信易批") in promotes
    assert ("泰安市人力资源和社会保障局", "12333数字帮办") in promotes
    assert ("济南市行政审批服务局", "一业一证") in promotes


def test_events_dates_and_attendance(graph):
    festival = graph.nodes[S.node_id(S.EVENT, "第二十三届中国肥城桃花节")]
    assert (festival[S.DATE], festival[S.END_DATE]) == ("2024-03-25", "2024-04-20")
    assert "肥城桃花节" in festival[S.ALIASES]
    attends = _edges(graph, S.ATTENDS)
    assert ("焉志", "岱岳区2024年上半年入伍新兵欢送大会") in attends
    assert {p for p, e in attends if e == "泰安市残联第八届主席团第二次全体会议"} == {"蒋永斌", "马保文", "孙信峰"}


def test_labels_and_article_metadata(graph):
    assert S.BUREAU in graph.nodes[S.node_id(S.ORGANIZATION, "泰安市行政审批服务局")][S.LABELS]
    assert S.JOURNALIST in graph.nodes[person_node(graph, "苏婷")][S.LABELS]
    article = graph.nodes[S.node_id(S.ARTICLE, "003_0b007ece1c00521b")]
    assert article[S.DATE] == "2024-03-14"
    assert ("苏婷", "003_0b007ece1c00521b") in _edges(graph, S.AUTHORED)


def test_every_edge_evidence_sentence_occurs_in_its_article(graph):
    texts = {a.id: a.text for a in iter_articles([SEEDS])}
    for _, _, data in graph.edges(data=True):
        assert data[S.EVIDENCE], data
        for evidence in data[S.EVIDENCE]:
            text = texts[evidence["article"]]
            assert text[evidence["start"]:evidence["end"]] == evidence["sentence"]
            if "span" in evidence:
                start, end = evidence["span"]
                assert evidence["start"] <= start < end <= evidence["end"]


def test_every_node_has_sources_and_schema_labels(graph):
    for _, data in graph.nodes(data=True):
        assert data[S.SOURCES] and data[S.LABEL] in S.NODE_LABELS
        assert all(label in S.NODE_LABELS for label in data[S.LABELS])
