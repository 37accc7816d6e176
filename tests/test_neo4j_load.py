"""The loader against a real Neo4j: idempotent, incremental (A then B == A∪B), schema-only labels,
values as parameters, nothing written for a bad graph, one-line errors from the command line."""
from __future__ import annotations

import json

import networkx as nx
import pytest
from neo4j_fixture import cli_env, expected_snapshot, free_port, govkg, snapshot

from graph import schema as S
from graph.build import build_graph
from graph.model import Article, ArticleFacts, Entity, Evidence, Relation
from loaders import graph_records as R
from loaders.export import GraphFileError, graph_to_json, write_graph_json
from loaders.neo4j import (Connection, Database, DatabaseError, display_width, node_merge_query,
                           schema_statements)


def person(name, article, *extra, aliases=()):
    return Entity(S.node_id(S.PERSON, name), [S.PERSON, *extra], name, list(aliases), sources=[article])


def org(name, article, *extra, aliases=(), kind=None):
    return Entity(S.node_id(S.ORGANIZATION, name), [S.ORGANIZATION, *extra], name, list(aliases),
                  attrs={S.KIND: kind}, sources=[article])


def reform(name, article):
    return Entity(S.node_id(S.REFORM, name), [S.REFORM], name, attrs={S.KIND: "reform"}, sources=[article])


def facts(article_id, text, entities, relations):
    return ArticleFacts(Article(article_id, f"{article_id}.txt", text, title=f"标题{article_id}"), entities, relations)


def rel(rel_type, source, target, article, sentence, start=0, **attrs):
    return Relation(rel_type, source.id, target.id, [Evidence(article, sentence, start, start + len(sentence))], attrs)


def article_a():
    text = "某市某局局长张三出席会议。张三说，推行“一证通”。"
    zhang = person("张三", "a", S.OFFICIAL)
    bureau = org("某市某局", "a", S.BUREAU, aliases=["市某局"], kind="government")
    card = reform("一证通", "a")
    return facts("a", text, [zhang, bureau, card], [
        rel(S.HOLDS_POSITION, zhang, bureau, "a", "某市某局局长张三出席会议。", title="局长"),
        rel(S.PROMOTES, bureau, card, "a", "张三说，推行“一证通”。", start=13),
    ])


def article_b():
    text = "某市某局党组书记、局长张三介绍“一证通”。记者 李四"
    zhang = person("张三", "b", S.OFFICIAL, aliases=["老张"])
    bureau = org("某市某局", "b", S.BUREAU, aliases=["某局"])
    card = reform("一证通", "b")
    li = person("李四", "b", S.JOURNALIST)
    art = S.node_id(S.ARTICLE, "b")
    return ArticleFacts(Article("b", "b.txt", text, title="标题b", date="2024-03-14"), [zhang, bureau, card, li], [
        rel(S.HOLDS_POSITION, zhang, bureau, "b", "某市某局党组书记、局长张三介绍“一证通”。", title="党组书记、局长"),
        rel(S.PROMOTES, bureau, card, "b", "某市某局党组书记、局长张三介绍“一证通”。"),
        Relation(S.AUTHORED, li.id, art, [Evidence("b", "记者 李四", 21, 26)]),
    ])


def test_load_creates_exactly_the_graph_with_schema_labels(neo4j_db):
    graph = build_graph([article_a(), article_b()])
    summary = neo4j_db.load(graph, "test")
    assert (summary.nodes_created, summary.nodes_matched) == (graph.number_of_nodes(), 0)
    assert (summary.relationships_created, summary.relationships_matched) == (graph.number_of_edges(), 0)
    contents = snapshot(neo4j_db)
    assert contents == expected_snapshot(graph)
    zhang = contents["nodes"][S.node_id(S.PERSON, "张三")]
    assert zhang["labels"] == [S.OFFICIAL, S.PERSON] and zhang[S.LABEL] == S.OFFICIAL
    assert zhang[S.ALIASES] == ["老张"] and zhang[S.SOURCES] == ["a", "b"]
    post = contents["relationships"][f"{S.node_id(S.PERSON, '张三')} -[{S.HOLDS_POSITION}]-> "
                                     f"{S.node_id(S.ORGANIZATION, '某市某局')}"]
    assert post[S.TITLE] == "局长、党组书记"
    assert post[S.ARTICLES] == ["a", "b"]
    assert post[S.EVIDENCE] == sorted(["某市某局局长张三出席会议。", "某市某局党组书记、局长张三介绍“一证通”。"])
    assert sorted(json.loads(item)["article"] for item in post[R.EVIDENCE_JSON]) == ["a", "b"]


def test_loading_twice_changes_nothing(neo4j_db):
    graph = build_graph([article_a(), article_b()])
    neo4j_db.load(graph, "test")
    before = snapshot(neo4j_db)
    again = neo4j_db.load(graph, "test", batch_size=2)
    assert (again.nodes_created, again.relationships_created) == (0, 0)
    assert (again.nodes_matched, again.relationships_matched) == (graph.number_of_nodes(), graph.number_of_edges())
    assert snapshot(neo4j_db) == before


@pytest.mark.parametrize("order", ["ab", "ba"])
def test_loading_a_then_b_gives_the_graph_of_both(neo4j_db, order):
    parts = {"a": article_a(), "b": article_b()}
    for key in order:
        neo4j_db.load(build_graph([parts[key]]), key)
    merged = snapshot(neo4j_db)
    expected = expected_snapshot(build_graph(parts.values()))
    if order == "ba":
        # post words keep the order the loads arrived in (documented); everything else is exact
        key = next(k for k in expected["relationships"] if S.HOLDS_POSITION in k)
        assert merged["relationships"][key].pop(S.TITLE) == "党组书记、局长"
        expected["relationships"][key].pop(S.TITLE)
    assert merged == expected


def test_names_aliases_and_scalars_merge_as_the_builder_does(neo4j_db):
    """Two loads naming one id differently, with Chinese, full-width and supplementary-plane text:
    the stored node equals the builder's merge (name the smallest, the other an alias, lists sorted
    in Neo4j's string order)."""
    ident = S.node_id(S.ORGANIZATION, "X局")
    one = Entity(ident, [S.ORGANIZATION], "X局", ["\U00020000局", "ｘ局"], attrs={S.KIND: "b"}, sources=["1"])
    two = Entity(ident, [S.ORGANIZATION, S.BUREAU], "W局", ["！局"], attrs={S.KIND: "a"}, sources=["2"])
    first = build_graph([ArticleFacts(Article("1", "1.txt", "x"), [one], [])])
    second = build_graph([ArticleFacts(Article("2", "2.txt", "x"), [two], [])])
    both = build_graph([ArticleFacts(Article("1", "1.txt", "x"), [one], []),
                        ArticleFacts(Article("2", "2.txt", "x"), [two], [])])
    neo4j_db.load(first, "1")
    neo4j_db.load(second, "2")
    assert snapshot(neo4j_db) == expected_snapshot(both)
    stored = snapshot(neo4j_db)["nodes"][ident]
    assert stored[S.NAME] == "W局" and stored[S.KIND] == "a" and stored[S.LABEL] == S.BUREAU
    assert set(stored[S.ALIASES]) == {"X局", "\U00020000局", "ｘ局", "！局"}


def test_constraints_cover_every_schema_label_and_are_idempotent(neo4j_db):
    neo4j_db.ensure_schema()
    neo4j_db.ensure_schema()
    _, records = neo4j_db.query("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type "
                                "RETURN labelsOrTypes[0] AS label, properties, type")
    unique = {r["label"] for r in records if r["properties"] == [S.ID] and "UNIQUE" in r["type"]}
    assert unique >= set(S.NODE_LABELS)
    assert len(schema_statements()) == len(set(schema_statements()))


def test_hostile_names_travel_as_data(neo4j_db):
    hostile = "x'}) DETACH DELETE n //`) MATCH (m) DETACH DELETE m //"
    bad = Entity(S.node_id(S.PERSON, hostile), [S.PERSON], hostile, [hostile + "\\"], sources=["h"])
    graph = build_graph([ArticleFacts(Article("h", "h.txt", hostile), [bad], [])])
    neo4j_db.load(graph, "h")
    neo4j_db.load(graph, "h")
    assert snapshot(neo4j_db) == expected_snapshot(graph)


def test_the_cypher_text_holds_schema_names_only():
    query = node_merge_query(S.PERSON, (S.OFFICIAL, S.PERSON))
    assert "`Person`" in query and "`Official`" in query
    with pytest.raises(ValueError):
        node_merge_query("Person`) DETACH DELETE n //", ())


def _bad_graphs():
    good = build_graph([article_a()])
    wrong_label = good.copy()
    wrong_label.nodes[S.node_id(S.PERSON, "张三")][S.LABELS] = [S.PERSON, "Villain"]
    wrong_ends = good.copy()
    wrong_ends.add_edge(S.node_id(S.REFORM, "一证通"), S.node_id(S.PERSON, "张三"), key=S.ATTENDS,
                        type=S.ATTENDS, evidence=[], articles=[])
    nested = good.copy()
    nested.nodes[S.node_id(S.REFORM, "一证通")][S.KIND] = {"not": "storable"}
    dangling_sub = good.copy()
    dangling_sub.nodes[S.node_id(S.REFORM, "一证通")][S.LABELS] = [S.REFORM, S.OFFICIAL]
    return {"label not in schema": wrong_label, "edge between wrong labels": wrong_ends,
            "map property": nested, "sub-label of another base": dangling_sub}


@pytest.mark.parametrize("case", list(_bad_graphs()))
def test_a_bad_graph_writes_nothing(neo4j_db, case):
    with pytest.raises(GraphFileError):
        neo4j_db.load(_bad_graphs()[case], "bad.json")
    assert neo4j_db.counts() == (0, 0)


# ------------------------------------------------------------------------------ command line

def test_cli_load_summary_and_query_table(neo4j_connection, neo4j_db, tmp_path):
    path = tmp_path / "graph.json"
    write_graph_json(build_graph([article_a(), article_b()]), path)
    env = cli_env(neo4j_connection)
    first = govkg("load", "--graph", str(path), "--batch-size", "3", env=env)
    assert first.returncode == 0, first.stderr
    assert "nodes: 6 created, 0 matched" in first.stdout and "rows/s" in first.stdout
    second = govkg("load", "--graph", str(path), env=env)
    assert "nodes: 0 created, 6 matched" in second.stdout
    assert "relationships: 0 created, 3 matched" in second.stdout

    table = govkg("query", "MATCH (p:Person)-[r:HOLDS_POSITION]->(o) RETURN p.name AS person, "
                  "r.title AS title, o.name AS org, 1 AS n", env=env)
    assert table.returncode == 0, table.stderr
    header, rule, row, count = table.stdout.splitlines()
    assert row.split(" | ") == ["张三  ", "局长、党组书记", "某市某局", "1"]
    # columns line up on screen: Chinese characters take two columns
    assert header.index("|") == rule.index("+") == display_width(row[:row.index("|")]) == 7
    assert count == "(1 row)"

    as_json = govkg("query", "MATCH (p:Person {name: $name}) RETURN p", "--param", "name=张三", "--json", env=env)
    [record] = json.loads(as_json.stdout)
    assert record["p"][S.NAME] == "张三" and record["p"]["labels"] == [S.OFFICIAL, S.PERSON]


def test_cli_query_is_read_only_unless_write(neo4j_connection, neo4j_db):
    env = cli_env(neo4j_connection)
    refused = govkg("query", "CREATE (:Scratch {x: 1})", env=env)
    assert refused.returncode == 1 and "Traceback" not in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert neo4j_db.counts() == (0, 0)
    allowed = govkg("query", "CREATE (:Scratch {x: $x}) RETURN 1 AS ok", "--param", "x=[1, 2]", "--write", env=env)
    assert allowed.returncode == 0, allowed.stderr
    _, [[value]] = neo4j_db.query("MATCH (s:Scratch) RETURN s.x")
    assert value == [1, 2]


def _one_line_error(done, *expected):
    assert done.returncode == 1, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("govkg: "), done.stderr
    for part in expected:
        assert part in lines[0]


def test_cli_errors_are_one_line_and_write_nothing(neo4j_connection, neo4j_db, tmp_path):
    good = tmp_path / "graph.json"
    write_graph_json(build_graph([article_a()]), good)
    env = cli_env(neo4j_connection)
    dead = f"bolt://127.0.0.1:{free_port()}"
    _one_line_error(govkg("load", "--graph", str(good), "--uri", dead, env=env), dead, "cannot reach")
    _one_line_error(govkg("load", "--graph", str(good), "--password", "wrong-password", env=env),
                    "credentials", neo4j_connection.username)
    _one_line_error(govkg("load", "--graph", str(good), "--database", "nosuchdb", env=env), "nosuchdb")
    foreign = tmp_path / "other.json"
    foreign.write_text(json.dumps(nx.node_link_data(nx.path_graph(3), edges="links")))
    _one_line_error(govkg("load", "--graph", str(foreign), env=env), str(foreign))
    unknown_label = tmp_path / "bad.json"
    data = json.loads(graph_to_json(build_graph([article_a()])))
    data["nodes"][0][S.LABELS].append("Villain")
    unknown_label.write_text(json.dumps(data, ensure_ascii=False))
    _one_line_error(govkg("load", "--graph", str(unknown_label), env=env), str(unknown_label), "Villain")
    _one_line_error(govkg("query", "MATCH (n RETURN n", env=env), "query")
    _one_line_error(govkg("query", "--name", "no_such_query", env=env), "no_such_query")
    assert neo4j_db.counts() == (0, 0)


def test_database_error_messages_name_the_server():
    with pytest.raises(DatabaseError, match="not a usable Neo4j URI"):
        Database(Connection(uri="http://127.0.0.1:1"))


@pytest.mark.parametrize("parallel", [1, 2, 3])
def test_concurrent_relationship_lanes_never_share_a_node(parallel):
    from loaders.neo4j import _edge_rounds
    ends = [f"{S.PERSON}:{i}" for i in range(60)]
    edges = [R.EdgeRecord(S.ATTENDS, a, b, S.PERSON, S.EVENT, {}) for a in ends[:30] for b in ends[25:]]
    rounds = _edge_rounds(edges, parallel)
    assert sorted(id(e) for lanes in rounds for lane in lanes for e in lane) == sorted(map(id, edges))
    for lanes in rounds:
        assert len(lanes) == parallel
        touched = [{end for e in lane for end in (e.source, e.target)} for lane in lanes]
        for i, first in enumerate(touched):
            for second in touched[i + 1:]:
                assert not first & second
