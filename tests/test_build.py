import json
import pickle

import networkx as nx

from graph import schema as S
from graph.build import build_graph
from graph.model import Article, ArticleFacts, Entity, Evidence, Relation
from loaders.export import FORMAT, FORMAT_VERSION, graph_to_json


def _facts(article_id, title):
    art = Article(id=article_id, path=f"{article_id}.txt", text="甲乙。")
    person = Entity(S.node_id(S.PERSON, "张三"), [S.PERSON, S.OFFICIAL], "张三", sources=[article_id])
    org = Entity(S.node_id(S.ORGANIZATION, "某市某局"), [S.ORGANIZATION], "某市某局", ["市某局"], sources=[article_id])
    rel = Relation(S.HOLDS_POSITION, person.id, org.id, [Evidence(article_id, "甲乙。", 0, 3)], {S.TITLE: title})
    return ArticleFacts(art, [person, org], [rel])


def test_merge_is_order_independent_and_unions_evidence():
    a, b = _facts("a", "局长"), _facts("b", "党组书记、局长")
    g1, g2 = build_graph([a, b]), build_graph([b, a])
    assert list(g1.nodes(data=True)) == list(g2.nodes(data=True))
    assert list(g1.edges(data=True, keys=True)) == list(g2.edges(data=True, keys=True))
    (_, _, data), = [e for e in g1.edges(data=True) if e[2][S.TYPE] == S.HOLDS_POSITION]
    assert data[S.TITLE] == "局长、党组书记"
    assert data[S.ARTICLES] == ["a", "b"]
    assert len(data[S.EVIDENCE]) == 2
    person = g1.nodes[S.node_id(S.PERSON, "张三")]
    assert person[S.LABEL] == S.OFFICIAL and person[S.SOURCES] == ["a", "b"]


def test_graph_json_is_networkx_node_link_json_one_record_per_line():
    """graph.json is written piece by piece; it holds the data of node_link_data (evidence items are
    graph.model.Evidence records, written as the mappings they read as), each node and link on a
    line of its own, keys sorted."""
    graph = build_graph([_facts("a", "局长"), _facts("b", "党组书记、<b>局长</b>")])
    for g in (graph, nx.MultiDiGraph()):
        data = nx.node_link_data(g, edges="links")
        data["graph"] = {"format": FORMAT, "version": FORMAT_VERSION}
        text = graph_to_json(g)
        assert json.loads(text) == json.loads(json.dumps(data, ensure_ascii=False, default=dict))
        lines = text.splitlines()
        records = [json.loads(line.removesuffix(",")) for line in lines[1:] if line.startswith("{")]
        assert records == data["links"] + data["nodes"]
        assert all(list(record) == sorted(record) for record in records)


def test_evidence_reads_as_the_mapping_graph_json_stores():
    post = Evidence("a", "甲乙。", 0, 3, date="2024-01-01", change=S.APPOINTED, change_date="2023-12-28")
    mention = Evidence("a", "甲乙。", 0, 3, (1, 2))
    assert dict(post) == post == {"article": "a", "sentence": "甲乙。", "start": 0, "end": 3, "date": "2024-01-01",
                                  "change": S.APPOINTED, "change_date": "2023-12-28"}
    assert dict(mention) == {"article": "a", "sentence": "甲乙。", "start": 0, "end": 3, "date": None, "span": [1, 2]}
    assert mention.span == (1, 2) and "change" not in mention and mention.get("change") is None
    for item in (post, mention):
        copy = pickle.loads(pickle.dumps(item))
        assert copy == item and hash(copy) == hash(item) and copy != Evidence("b", "甲乙。", 0, 3)


def test_no_html_writes_graph_json_only(tmp_path):
    from cli_run import govkg
    (tmp_path / "a.txt").write_text("某市召开会议。\n市长王大川出席会议。\n", encoding="utf-8")
    run = govkg("build", tmp_path / "a.txt", "--out", tmp_path / "out", "--no-html", "--quiet")
    assert run.code == 0, run.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["graph.json"]
    assert "graph.html" not in run.stdout
