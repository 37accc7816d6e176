"""Time and identity in a real Neo4j: dates are Cypher dates, loads of single articles merge into what one build
of all gives (start, end, status included), and the cookbook's time queries answer as the
networkx graph does."""
from __future__ import annotations

import datetime
import itertools

import neo4j.time
import pytest
from neo4j_fixture import expected_snapshot, snapshot

from graph import schema as S
from graph import tenure
from loaders.neo4j import cookbook_query
from tests.tenure_articles import ARTICLES, BODY, graph_of


@pytest.fixture
def tenure_db(neo4j_db):
    neo4j_db.load(graph_of(*ARTICLES), "test")
    return neo4j_db


def run(database, name: str, **params) -> list[dict]:
    keys, records = database.query(cookbook_query(name, params).cypher, params)
    return [dict(zip(keys, record.values())) for record in records]


@pytest.mark.parametrize("order", list(itertools.permutations(range(len(ARTICLES))))[::5])
def test_single_article_loads_merge_into_the_graph_of_all(neo4j_db, order):
    for index in order:
        neo4j_db.load(graph_of(ARTICLES[index]), ARTICLES[index][0])
    assert snapshot(neo4j_db) == expected_snapshot(graph_of(*ARTICLES))


def test_dates_are_cypher_dates(tenure_db):
    _, records = tenure_db.query(
        "MATCH (:Person {name: '龚雪'})-[r:HOLDS_POSITION]->() RETURN r.start AS start, r.last_seen AS seen")
    (record,) = records
    assert isinstance(record["start"], neo4j.time.Date) and record["start"].iso_format() == "2023-06-15"
    assert record["seen"].iso_format() == "2024-01-10"


@pytest.mark.parametrize("on", ["2022-01-01", "2022-05-01", "2023-06-15", "2023-07-01", "2024-03-01"])
def test_holder_on_date_answers_as_the_graph_does(tenure_db, on):
    graph = graph_of(*ARTICLES)
    expected = sorted(graph.nodes[u][S.NAME] for u, v, d in graph.edges(data=True)
                      if d[S.TYPE] == S.HOLDS_POSITION and graph.nodes[v][S.NAME] == BODY and tenure.held_on(d, on))
    rows = run(tenure_db, "holder_on_date", body=BODY, on=on)
    assert [r["person"] for r in rows] == expected
    assert expected == {"2022-01-01": [], "2022-05-01": ["洪文涛"], "2023-06-15": ["龚雪"],
                        "2023-07-01": ["龚雪"], "2024-03-01": ["龚雪"]}[on]


def test_succession_timeline_changes_and_diffusion(tenure_db):
    succession = run(tenure_db, "post_holders_over_time", body=BODY)
    assert [(r["person"], r["status"]) for r in succession] == [("洪文涛", "former"), ("龚雪", "current")]
    assert succession[0]["end"] == datetime.date(2023, 6, 15)

    (post,) = run(tenure_db, "person_timeline", person="洪文涛")
    assert (post["body"], post["first_seen"].iso_format(), post["end"].iso_format()) == \
        (BODY, "2022-03-01", "2023-06-15")

    changes = run(tenure_db, "changes_between", **{"from": "2023-01-01", "to": "2023-12-31"})
    assert {(r["change"], r["subject"]) for r in changes} == {("post begun", "龚雪"), ("post ended", "洪文涛")}

    (spread,) = run(tenure_db, "reform_diffusion", reform="一业一证")
    assert (spread["body"], spread["first_reported"].iso_format()) == (BODY, "2022-03-01")


def test_namesakes_come_apart_with_what_tells_them_apart(neo4j_db):
    from tests.identity_articles import identity_graph
    neo4j_db.load(identity_graph(), "identity")
    rows = run(neo4j_db, "namesakes")
    assert [(r["id"], r["posts"], r["articles"]) for r in rows] == [
        ("Person:王伟@#w4", [], 1),
        ("Person:王伟@济宁市", ["济宁市行政审批服务局局长"], 2),
        ("Person:王伟@潍坊市", ["潍坊市市场监督管理局局长"], 1)]
