"""Every query of graph/queries.cypher, run against a real Neo4j loaded with seeds/ through
`govkg load seeds`, checked against the same question answered in Python over the networkx graph
the pipeline builds, and against facts the sample articles state."""
from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from neo4j_fixture import SEEDS, cli_env, expected_snapshot, govkg, snapshot

from graph import schema as S
from graph import tenure
from loaders.graph_records import neo4j_order
from loaders.neo4j import Database, cookbook, cookbook_query

ZHANG_QING = "张青"
MA_BAOWEN = "马保文"
TAIAN = "泰安市"
APPROVAL_BUREAU = "泰安市行政审批服务局"
STATE_COUNCIL_OFFICE = "国务院办公厅"
CREDIT_APPROVAL = "信易批"
SEEDS_MONTH = "2024-03"

@pytest.fixture(scope="module")
def seeds_db(neo4j_connection, neo4j_seeds_graph):
    """The database holding exactly the seeds graph, loaded by the command line from the articles."""
    graph, _ = neo4j_seeds_graph
    with Database(neo4j_connection) as database:
        database.clear()
        done = govkg("load", str(SEEDS), env=cli_env(neo4j_connection))
        assert done.returncode == 0, done.stderr
        assert f"nodes: {graph.number_of_nodes()} created" in done.stdout
        yield database, graph


def run(seeds_db, name: str, **params) -> list[dict]:
    database, _ = seeds_db
    keys, records = database.query(cookbook_query(name, params).cypher, params)
    return [dict(zip(keys, record.values())) for record in records]


def names(graph, label: str) -> dict[str, str]:
    return {data[S.NAME]: node for node, data in graph.nodes(data=True) if label in data[S.LABELS]}


def has(graph, node, label: str) -> bool:
    return label in graph.nodes[node][S.LABELS]


def edges(graph, rel_type: str):
    return [(u, v, d) for u, v, d in graph.edges(data=True) if d[S.TYPE] == rel_type]


def name_of(graph, node) -> str:
    return graph.nodes[node][S.NAME]


def test_the_database_holds_the_seeds_graph(seeds_db):
    database, graph = seeds_db
    assert snapshot(database) == expected_snapshot(graph)


def test_who_heads_which_bureau(seeds_db):
    _, graph = seeds_db
    rows = run(seeds_db, "who_heads_which_bureau")
    expected = sorted(((name_of(graph, v), name_of(graph, u), d.get(S.TITLE))
                       for u, v, d in edges(graph, S.HOLDS_POSITION) if has(graph, v, S.BUREAU)),
                      key=lambda row: (row[0].encode("utf-16-be"), row[1].encode("utf-16-be")))
    assert [(r["bureau"], r["person"], r["title"]) for r in rows] == expected
    assert {"bureau": APPROVAL_BUREAU, "person": ZHANG_QING, "title": "党组书记、局长"} in rows
    assert {"bureau": "泰安市人民政府", "person": MA_BAOWEN, "title": "副市长"} in rows


def _cities_of(graph, org) -> set[str]:
    """Cities an organization is located in, directly or through places that are part of them."""
    cities = set()
    for _, place, d in graph.out_edges(org, data=True):
        if d[S.TYPE] != S.LOCATED_IN:
            continue
        frontier, seen = [place], {place}
        while frontier:
            here = frontier.pop()
            if graph.nodes[here].get(S.LEVEL) == "city":
                cities.add(name_of(graph, here))
            for _, up, e in graph.out_edges(here, data=True):
                if e[S.TYPE] == S.PART_OF and up not in seen:
                    seen.add(up)
                    frontier.append(up)
    return cities


def test_city_bureau_reforms(seeds_db):
    _, graph = seeds_db
    rows = run(seeds_db, "city_bureau_reforms")
    expected = set()
    for bureau in names(graph, S.BUREAU).values():
        reforms = [name_of(graph, v) for _, v, d in graph.out_edges(bureau, data=True) if d[S.TYPE] == S.PROMOTES]
        for city in _cities_of(graph, bureau) if reforms else ():
            expected.add((city, name_of(graph, bureau), tuple(neo4j_order(reforms))))
    assert {(r["city"], r["bureau"], tuple(r["reforms"])) for r in rows} == expected
    taian = next(r for r in rows if r["bureau"] == APPROVAL_BUREAU)
    assert taian["city"] == TAIAN and {CREDIT_APPROVAL, "高效办成一件事"} <= set(taian["reforms"])


def test_events_in_city_month(seeds_db):
    _, graph = seeds_db
    rows = run(seeds_db, "events_in_city_month", city=TAIAN, month=SEEDS_MONTH)
    part_of = _part_of(graph)
    in_city = {place for place in names(graph, S.PLACE).values()
               if TAIAN in {name_of(graph, p) for p in _within(part_of, place)}}
    expected = set()
    for event in names(graph, S.EVENT).values():
        data = graph.nodes[event]
        held = {v for _, v, d in graph.out_edges(event, data=True) if d[S.TYPE] == S.HELD_IN}
        start, end = data.get(S.DATE), data.get(S.END_DATE) or data.get(S.DATE)
        if held & in_city and start and start[:7] <= SEEDS_MONTH <= end[:7]:
            expected.add(data[S.NAME])
    assert {r["event"] for r in rows} == expected
    send_off = next(r for r in rows if "新兵欢送大会" in r["event"])
    assert "焉志" in send_off["attended_by"]
    for row in rows:
        event = names(graph, S.EVENT)[row["event"]]
        attendees = [name_of(graph, u) for u, _, d in graph.in_edges(event, data=True) if d[S.TYPE] == S.ATTENDS]
        assert row["attended_by"] == neo4j_order(attendees)


def _part_of(graph) -> nx.DiGraph:
    return nx.DiGraph([(u, v) for u, v, d in edges(graph, S.PART_OF)])


def _within(part_of: nx.DiGraph, place) -> set:
    """The place and every place it is part of."""
    return {place} | (nx.descendants(part_of, place) if place in part_of else set())


def test_officials_sharing_event_or_organization(seeds_db):
    _, graph = seeds_db
    rows = run(seeds_db, "officials_sharing_event_or_organization")
    expected = set()
    for rel_type in (S.ATTENDS, S.HOLDS_POSITION):
        by_target: dict[str, set[str]] = {}
        for u, v, _ in edges(graph, rel_type):
            if has(graph, u, S.OFFICIAL):
                by_target.setdefault(v, set()).add(u)
        for target, people in by_target.items():
            for a in people:
                for b in people:
                    if a < b:
                        expected.add((name_of(graph, a), name_of(graph, b), name_of(graph, target)))
    assert expected and {(r["official"], r["other_official"], r["shared"]) for r in rows} == expected


def test_shortest_path_between_people(seeds_db):
    _, graph = seeds_db
    [row] = run(seeds_db, "shortest_path_between_people", **{"from": ZHANG_QING, "to": MA_BAOWEN})
    people = names(graph, S.PERSON)
    undirected = nx.Graph(graph.to_undirected())
    undirected.remove_nodes_from([n for n in graph if has(graph, n, S.ARTICLE)])
    assert row["hops"] == nx.shortest_path_length(undirected, people[ZHANG_QING], people[MA_BAOWEN])
    chain = row["chain"]
    assert chain[0] == ZHANG_QING and chain[-1] == MA_BAOWEN and len(chain) == row["hops"] + 1
    by_name = {data[S.NAME]: node for node, data in graph.nodes(data=True)}
    for (a, b), rel_type in zip(zip(chain, chain[1:]), row["via"]):
        types = {d[S.TYPE] for d in graph.get_edge_data(by_name[a], by_name[b], default={}).values()}
        types |= {d[S.TYPE] for d in graph.get_edge_data(by_name[b], by_name[a], default={}).values()}
        assert rel_type in types
    assert run(seeds_db, "shortest_path_between_people", **{"from": ZHANG_QING, "to": "无此人"}) == []


def test_reforms_recognized_by_higher_bodies(seeds_db):
    rows = run(seeds_db, "reforms_recognized_by_higher_bodies")
    row = next(r for r in rows if r["reform"] == CREDIT_APPROVAL and r["promoted_by"] == APPROVAL_BUREAU)
    assert row["place"] == TAIAN and STATE_COUNCIL_OFFICE in row["recognized_by"]
    # a higher body is never the local one, and never a body of the same place
    for r in rows:
        assert r["promoted_by"] not in r["recognized_by"]
    assert all(r["recognized_by"] == neo4j_order(r["recognized_by"]) for r in rows)


def test_evidence_for_relationship(seeds_db):
    _, graph = seeds_db
    rows = run(seeds_db, "evidence_for_relationship", source=ZHANG_QING, type=S.HOLDS_POSITION,
               target=APPROVAL_BUREAU)
    data = graph.get_edge_data(names(graph, S.PERSON)[ZHANG_QING], names(graph, S.BUREAU)[APPROVAL_BUREAU])[S.HOLDS_POSITION]
    assert [r["sentence"] for r in rows] == neo4j_order(e["sentence"] for e in data[S.EVIDENCE])
    assert all(ZHANG_QING in r["sentence"] for r in rows)
    assert rows[0]["articles"] == data[S.ARTICLES] == ["003_0b007ece1c00521b"]
    assert rows[0]["title"] == "党组书记、局长"


def test_most_connected_entities(seeds_db):
    _, graph = seeds_db
    rows = run(seeds_db, "most_connected_entities")
    entities = [n for n in graph if not has(graph, n, S.ARTICLE)]
    degree = {n: sum(1 for u, v in graph.to_undirected(as_view=True).edges(n) if not has(graph, v, S.ARTICLE))
              for n in entities}
    top = sorted(entities, key=lambda n: (-degree[n], name_of(graph, n).encode("utf-16-be")))[:10]
    assert [(r["entity"], r["degree"]) for r in rows] == [(name_of(graph, n), degree[n]) for n in top]
    assert rows[0]["label"] == graph.nodes[top[0]][S.LABEL]


def test_articles_and_authors(seeds_db):
    _, graph = seeds_db
    rows = run(seeds_db, "articles_and_authors")
    articles = names(graph, S.ARTICLE)
    assert [r["article"] for r in rows] == sorted(articles)
    for row in rows:
        node = articles[row["article"]]
        authors = [name_of(graph, u) for u, _, d in graph.in_edges(node, data=True) if d[S.TYPE] == S.AUTHORED]
        assert row["authors"] == neo4j_order(authors)
        assert row["mentions"] == sum(1 for _, _, d in graph.out_edges(node, data=True) if d[S.TYPE] == S.MENTIONS)
        assert row["title"] == graph.nodes[node].get(S.TITLE)
    assert "苏婷" in next(r for r in rows if r["article"] == "003_0b007ece1c00521b")["authors"]


def test_cli_runs_a_named_query_with_params(seeds_db, neo4j_connection):
    done = govkg("query", "--name", "evidence_for_relationship", "--param", f"source={ZHANG_QING}",
                 "--param", f"type={S.HOLDS_POSITION}", "--param", f"target={APPROVAL_BUREAU}", "--json",
                 env=cli_env(neo4j_connection))
    assert done.returncode == 0, done.stderr
    assert all(row["source"] == ZHANG_QING for row in json.loads(done.stdout))


def _iso(value):
    return value.iso_format() if value is not None else None


def _posts(graph, body=None, person=None):
    return [(u, v, d) for u, v, d in edges(graph, S.HOLDS_POSITION)
            if body in (None, name_of(graph, v)) and person in (None, name_of(graph, u))]


def test_post_holders_over_time_and_person_timeline(seeds_db):
    # the samples state posts, not changes: each post is current, dated by its article
    _, graph = seeds_db
    rows = run(seeds_db, "post_holders_over_time", body=APPROVAL_BUREAU)
    expected = {(name_of(graph, u), d.get(S.TITLE), d.get(S.STATUS), d.get(S.FIRST_SEEN))
                for u, _, d in _posts(graph, body=APPROVAL_BUREAU)}
    assert {(r["person"], r["title"], r["status"], _iso(r["first_seen"])) for r in rows} == expected
    assert (ZHANG_QING, "党组书记、局长", "current", "2024-03-14") in expected
    timeline = run(seeds_db, "person_timeline", person=ZHANG_QING)
    assert {(r["body"], r["status"]) for r in timeline} == \
        {(name_of(graph, v), d[S.STATUS]) for _, v, d in _posts(graph, person=ZHANG_QING)}


@pytest.mark.parametrize("on, holders", [("2024-03-14", [ZHANG_QING]), ("2024-03-13", [])])
def test_holder_on_date(seeds_db, on, holders):
    _, graph = seeds_db
    rows = run(seeds_db, "holder_on_date", body=APPROVAL_BUREAU, on=on)
    assert [r["person"] for r in rows] == sorted(
        name_of(graph, u) for u, _, d in _posts(graph, body=APPROVAL_BUREAU) if tenure.held_on(d, on)) == holders


def test_changes_between_and_reform_diffusion(seeds_db):
    _, graph = seeds_db
    rows = run(seeds_db, "changes_between", **{"from": "2024-03-01", "to": "2024-03-31"})
    expected = {("reform promoted", name_of(graph, u), name_of(graph, v)) for u, v, d in edges(graph, S.PROMOTES)
                if d.get(S.FIRST_SEEN) and "2024-03-01" <= d[S.FIRST_SEEN] <= "2024-03-31"}
    expected |= {("event held", data[S.NAME], None) for data in map(graph.nodes.get, names(graph, S.EVENT).values())
                 if data.get(S.DATE) and "2024-03-01" <= data[S.DATE] <= "2024-03-31"}
    assert {(r["change"], r["subject"], r["object"]) for r in rows} == expected
    assert ("reform promoted", APPROVAL_BUREAU, CREDIT_APPROVAL) in expected
    spread = run(seeds_db, "reform_diffusion", reform=CREDIT_APPROVAL)
    assert {r["body"] for r in spread} == {name_of(graph, u) for u, v, _ in edges(graph, S.PROMOTES)
                                           if name_of(graph, v) == CREDIT_APPROVAL}
    dated = [_iso(r["first_reported"]) for r in spread if r["first_reported"] is not None]
    assert dated == sorted(dated) and spread[-1]["first_reported"] is None or len(dated) == len(spread)


def test_namesakes(seeds_db):
    _, graph = seeds_db
    rows = run(seeds_db, "namesakes")
    people = [d for _, d in graph.nodes(data=True) if S.PERSON in d[S.LABELS]]
    shared = {d[S.NAME] for d in people if sum(o[S.NAME] == d[S.NAME] for o in people) > 1}
    assert {r["name"] for r in rows} == shared


def test_cookbook_uses_schema_names_only_and_every_query_is_tested():
    cypher = "\n".join(q.cypher for q in cookbook().values())
    used = set(re.findall(r":\s*([A-Z][A-Za-z_]*)\b", cypher)) | set(re.findall(r"\|([A-Z][A-Z_]*)\b", cypher))
    assert used and used <= set(S.NODE_LABELS) | set(S.RELATION_TYPES), used
    assert len(cookbook()) >= 8
    for query in cookbook().values():
        assert query.description and query.cypher and ";" not in query.cypher, query.name
        assert set(re.findall(r"\$(\w+)", query.cypher)) == set(query.params), query.name


def test_every_cookbook_query_is_run_here():
    source = Path(__file__).read_text(encoding="utf-8")
    for name in cookbook():
        assert f'run(seeds_db, "{name}"' in source, f"cookbook query {name} has no test"
