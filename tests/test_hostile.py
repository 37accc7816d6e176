"""Hostile text is data: it reaches graph.json exactly as written, never run, escaped or dropped.

(The Neo4j side — parameters only — and the browser side — escaping in the views — are tested
with the loader and the views.)"""
from __future__ import annotations

import json

import pytest

from cli_run import article_node, govkg, graph_data
from graph import schema as S
from graph.build import build_graph
from graph.extract import extract
from graph.model import Article, ArticleFacts, Entity, Evidence, Relation
from loaders.articles import read_article
from loaders.export import graph_to_json, read_graph_json, write_graph_json

HOSTILE = [
    "'}) DETACH DELETE n //",
    '"}) MATCH (n) DETACH DELETE n //',
    "`) CALL dbms.shutdown() //",
    "$param} RETURN 1 UNION MATCH (n) RETURN n //",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"><svg onload=alert(1)>",
    "javascript:alert(document.cookie)",
    "{{7*7}} ${7*7} <%= 7*7 %>",
    "'; DROP TABLE articles; --",
    "\u202eevil\u202c \u200b zero\u2028line\u2029sep",
    "&lt;b&gt; &amp;amp; &#x3C;script&#x3E;",
]
SENTENCE = "某市行政审批服务局局长王五出席会议。"


def hostile_article_text() -> str:
    return "\n".join(HOSTILE) + "\n" + SENTENCE + "\n" + "".join(HOSTILE) + SENTENCE + "\n"


def test_hostile_txt_builds_and_its_text_is_plain_data(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    name = "<img src=x onerror=alert(1)> '}) DETACH DELETE n ;"
    (folder / f"{name}.txt").write_text(hostile_article_text(), encoding="utf-8")
    run = govkg("build", folder, "--out", tmp_path / "out")
    assert run.code == 0, run.stderr
    data = graph_data(tmp_path / "out")
    node = article_node(data, name)
    assert node[S.TITLE] == HOSTILE[0] and node[S.NAME] == name
    for node in data["nodes"]:  # whatever the extractor found, its names came from the text as is
        assert set(node[S.SOURCES]) == {name}


def test_hostile_jsonl_fields_arrive_unchanged(tmp_path):
    corpus = tmp_path / "c.jsonl"
    records = [{"id": value, "title": value, "text": value + SENTENCE} for value in HOSTILE]
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    run = govkg("build", corpus, "--out", tmp_path / "out")
    assert run.code == 0, run.stderr
    data = graph_data(tmp_path / "out")
    for value in HOSTILE:
        assert article_node(data, value)[S.TITLE] == value


def test_html_page_text_about_markup_is_text_and_its_scripts_are_gone(tmp_path):
    escaped = "".join(f"<p>{value.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')}</p>"
                      for value in HOSTILE)
    page = (f"<html><head><title>标题</title><script>window.stolen = '脚本正文';</script></head><body>"
            f"<article><h1>标题</h1><p>{SENTENCE}</p>{escaped}<p>{SENTENCE}</p>"
            f"<img src=x onerror=\"alert('属性里的脚本')\"><script>alert('页内脚本')</script></article></body></html>")
    path = tmp_path / "p.html"
    path.write_text(page, encoding="utf-8")
    article = read_article(path)
    lines = article.text.split("\n")
    for value in HOSTILE:
        assert " ".join(value.split()) in lines  # as a browser shows it: runs of white space are one  # the page *says* these strings: they are its text
    for code in ("脚本正文", "属性里的脚本", "页内脚本", "window.stolen"):
        assert code not in article.text


def test_graph_json_round_trips_hostile_names_byte_for_byte(tmp_path):
    article = Article(id="a", path="a.txt", text=SENTENCE, title=HOSTILE[4])
    entities = [Entity(S.node_id(S.PERSON, value), [S.PERSON, S.OFFICIAL], value, aliases=[value + "x"],
                       sources=["a"]) for value in HOSTILE]
    org = Entity(S.node_id(S.ORGANIZATION, HOSTILE[0]), [S.ORGANIZATION, S.BUREAU], HOSTILE[0], sources=["a"])
    relations = [Relation(S.HOLDS_POSITION, e.id, org.id, [Evidence("a", value, 0, len(value))], {S.TITLE: value})
                 for e, value in zip(entities, HOSTILE)]
    graph = build_graph([ArticleFacts(article, entities + [org], relations)])
    write_graph_json(graph, tmp_path / "graph.json")
    raw = (tmp_path / "graph.json").read_text(encoding="utf-8")
    assert "&lt;" not in raw.replace(json.dumps(HOSTILE[-1], ensure_ascii=False)[1:-1], "")  # nothing escaped
    back = read_graph_json(tmp_path / "graph.json")
    assert graph_to_json(back) == raw
    for value in HOSTILE:
        node_id = S.node_id(S.PERSON, value)
        node = back.nodes[node_id]
        assert (node[S.NAME], node[S.ALIASES]) == (value, [value + "x"])
        (_, _, edge), = back.out_edges(node_id, data=True)
        assert edge[S.TITLE] == value and edge[S.EVIDENCE][0]["sentence"] == value


@pytest.mark.parametrize("value", HOSTILE)
def test_extracted_facts_of_hostile_text_point_into_it_and_serialise(tmp_path, value):
    text = f"{value}\n{SENTENCE}{value}{SENTENCE}"
    facts = extract(Article(id="h", path="h.txt", text=text))
    for relation in facts.relations:
        for evidence in relation.evidence:
            assert text[evidence.start:evidence.end] == evidence.sentence
    write_graph_json(build_graph([facts]), tmp_path / "graph.json")
    assert read_graph_json(tmp_path / "graph.json").nodes[S.node_id(S.ARTICLE, "h")][S.PATH] == "h.txt"
