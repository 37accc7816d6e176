"""`govkg export --format neo4j-admin`: the CSVs go through Neo4j's own importer into a fresh
database, which must then hold what `govkg load` puts into the running server."""
from __future__ import annotations

import csv

import networkx as nx
import pytest
from neo4j_fixture import cli_env, govkg, local_server_or_skip, snapshot

from graph import schema as S
from graph.build import build_graph
from graph.model import Article, ArticleFacts, Entity, Evidence, Relation
from loaders.csv_export import ARRAY_DELIMITER, export_neo4j_admin
from loaders.export import GraphFileError, write_graph_json
from loaders.neo4j import Connection, Database


def awkward_graph() -> nx.MultiDiGraph:
    """Text that CSV must quote: commas, quotes, a line break, a backslash."""
    sentence = '他说："一网通办,\n就是好"\\。'
    person = Entity(S.node_id(S.PERSON, '王"五'), [S.PERSON, S.OFFICIAL], '王"五', ["王,五"], sources=["csv"])
    org = Entity(S.node_id(S.ORGANIZATION, "某,局"), [S.ORGANIZATION, S.BUREAU], "某,局", sources=["csv"])
    post = Relation(S.HOLDS_POSITION, person.id, org.id, [Evidence("csv", sentence, 0, len(sentence))],
                    {S.TITLE: "局长"})
    return build_graph([ArticleFacts(Article("csv", "csv.txt", sentence, title="a, \"b\""), [person, org], [post])])


def test_neo4j_admin_import_gives_what_govkg_load_gives(neo4j_db, neo4j_seeds_graph, neo4j_connection, tmp_path):
    seeds, _ = neo4j_seeds_graph
    graph = nx.compose(seeds, awkward_graph())
    graph_json = tmp_path / "graph.json"
    write_graph_json(graph, graph_json)
    done = govkg("export", "--format", "neo4j-admin", str(tmp_path / "csv"), "--graph", str(graph_json),
                 env=cli_env(neo4j_connection))
    assert done.returncode == 0, done.stderr
    assert "neo4j-admin database import full" in done.stdout

    neo4j_db.load(graph, str(graph_json))
    loaded = snapshot(neo4j_db)

    export = export_neo4j_admin(graph, tmp_path / "csv", str(graph_json))
    server = local_server_or_skip(tmp_path / "import-home", heap="512m", pagecache="64m")
    server.configure()
    server.admin(*export.import_args())  # raises with the tool's output when it fails
    server.start()
    try:
        with Database(Connection(uri=server.uri, password=server.password)) as imported:
            assert imported.counts() == (graph.number_of_nodes(), graph.number_of_edges())
            contents = snapshot(imported)
    finally:
        server.stop()
    assert contents == loaded
    zhang = next(node for node in contents["nodes"].values() if node[S.NAME] == "张青")
    assert S.OFFICIAL in zhang["labels"] and zhang[S.LABEL] == S.OFFICIAL
    person, org = S.node_id(S.PERSON, '王"五'), S.node_id(S.ORGANIZATION, "某,局")
    awkward = contents["relationships"][f"{person} -[{S.HOLDS_POSITION}]-> {org}"]
    assert awkward[S.EVIDENCE] == ['他说："一网通办,\n就是好"\\。']


def test_csv_headers_follow_the_importer(tmp_path):
    export = export_neo4j_admin(awkward_graph(), tmp_path, "test")
    names = sorted(path.name for path in export.node_files + export.relationship_files)
    assert names == ["nodes_Article.csv", "nodes_Organization.csv", "nodes_Person.csv",
                     f"relationships_{S.HOLDS_POSITION}.csv"]
    with open(tmp_path / "nodes_Person.csv", encoding="utf-8", newline="") as handle:
        header, row = list(csv.reader(handle))
    assert header[:2] == ["id:ID", ":LABEL"] and "aliases:string[]" in header and "sources:string[]" in header
    assert row[1].split(ARRAY_DELIMITER) == [S.OFFICIAL, S.PERSON]
    with open(tmp_path / f"relationships_{S.HOLDS_POSITION}.csv", encoding="utf-8", newline="") as handle:
        header, row = list(csv.reader(handle))
    assert header[:3] == [":START_ID", ":END_ID", ":TYPE"] and "evidence:string[]" in header


def test_a_value_holding_the_delimiter_is_refused_and_nothing_written(tmp_path):
    graph = awkward_graph()
    graph.nodes[S.node_id(S.PERSON, '王"五')][S.ALIASES] = ["bad" + ARRAY_DELIMITER + "alias"]
    with pytest.raises(GraphFileError, match="delimiter"):
        export_neo4j_admin(graph, tmp_path / "out", "test")
    assert not (tmp_path / "out").exists()
