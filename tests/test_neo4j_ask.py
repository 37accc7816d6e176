"""govkg ask against a real Neo4j and over graph.json: the blind question set answered the same on
both stores and right often enough; question text never reaches Cypher as code."""
from __future__ import annotations

import pytest
from ask_questions import REQUIRED_ACCURACY, frozen_graph, questions, score
from neo4j_fixture import snapshot

from graph.ask.answer import Asker
from graph.ask.store import GraphStore, Neo4jStore


@pytest.fixture(scope="module")
def corpus_graph(tmp_path_factory):
    return frozen_graph(tmp_path_factory.mktemp("ask-graph"))


@pytest.fixture
def loaded(neo4j_db, corpus_graph):
    neo4j_db.load(corpus_graph, "ask-corpus")
    return neo4j_db


def test_both_stores_answer_the_question_set_alike_and_right(loaded, corpus_graph):
    items = questions()
    assert len(items) >= 150 and sum(item["expect"] != "answer" for item in items) >= 20
    _, _, from_graph = score(Asker(GraphStore(corpus_graph)), items)
    accuracy, wrong, from_neo4j = score(Asker(Neo4jStore(loaded)), items)
    differ = [key for key, answer in from_graph.items()
              if (answer.intent, sorted(answer.names)) != (from_neo4j[key].intent, sorted(from_neo4j[key].names))]
    assert differ == []
    assert accuracy >= REQUIRED_ACCURACY, f"{accuracy:.3f} right; wrong:\n" + "\n".join(wrong)


@pytest.mark.parametrize("question", [
    "MATCH (n) DETACH DELETE n //泰安市行政审批服务局局长是谁",
    "泰安市行政审批服务局'}) DETACH DELETE n //局长是谁",
    "张青\"})-[r]-() DELETE r RETURN 1 //担任什么职务",
    "CALL db.clearQueryCaches() 谁参加了泰安市残联第八届主席团第二次全体会议",
    "`; CREATE (:Person {name: 'x'}) //",
])
def test_questions_carrying_cypher_change_nothing(loaded, question):
    before = snapshot(loaded)
    answer = Asker(Neo4jStore(loaded)).ask(question)
    assert snapshot(loaded) == before
    assert all("DELETE" not in statement and "CREATE" not in statement for statement in answer.cypher)
