"""govkg ask over a graph.json: questions of our own about the sample graph and the handover
articles, each kind of question, linking of short forms, dates, help and candidates."""
from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import pytest

from ask_questions import REQUIRED_ACCURACY, frozen_graph, questions, score

from graph.ask.answer import Asker, period_of
from graph.ask.store import GraphStore
from graph.pipeline import build
from tests.tenure_articles import ARTICLES, BODY, graph_of

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def seeds(tmp_path_factory):
    out = tmp_path_factory.mktemp("seeds")
    result = build([str(ROOT / "seeds")], out, quiet=True, strict=True, html=False)
    return Asker(GraphStore(result.graph)), out / "graph.json"


def test_who_holds_a_post_named_in_full_or_by_a_short_form(seeds):
    asker, _ = seeds
    for question in ("泰安市行政审批服务局局长是谁", "谁是泰安审批局的局长？", "泰安市行政审批服务局的负责人是哪位"):
        answer = asker.ask(question)
        assert answer.intent == "holder" and answer.names == ["张青"], question
        assert answer.rows[0]["evidence"] and "张青" in answer.rows[0]["evidence"][0]["sentence"]


def test_posts_reforms_events_attendees_and_chains(seeds):
    asker, _ = seeds
    assert asker.ask("张青担任什么职务").names == ["泰安市行政审批服务局"]
    reforms = asker.ask("济南推行了哪些改革")
    assert reforms.intent == "reforms_of" and "一业一证" in reforms.names
    assert set(asker.ask("哪些机构在推行信易批").names) >= {"泰安市行政审批服务局", "国务院办公厅"}
    events = asker.ask("泰安2024年3月开了哪些会")
    assert events.intent == "events_in" and "泰安市残联第八届主席团第二次全体会议" in events.names
    assert asker.ask("泰安2023年3月开了哪些会").names == []
    assert set(asker.ask("谁参加了泰安市残联第八届主席团第二次全体会议").names) >= {"马保文", "蒋永斌"}
    chain = asker.ask("张青和马保文有什么关系")
    assert chain.intent == "connection" and chain.names[0] == "张青" and chain.names[-1] == "马保文"


def test_counting_answers_with_a_number_and_the_list(seeds):
    asker, _ = seeds
    answer = asker.ask("泰安市残联第八届主席团第二次全体会议有几个人参加")
    assert f"共{len(answer.names)}个" in answer.sentence and len(answer.names) >= 3


def test_no_known_entity_gets_help_with_names_from_the_graph(seeds):
    asker, _ = seeds
    answer = asker.ask("明天会下雨吗")
    assert answer.intent == "help" and answer.rows == []
    names = {e.name for e in asker.entities.values()}
    assert any(name in answer.sentence for name in names)


def test_a_name_of_several_places_answers_with_candidates():
    graph = graph_of(("c1", "2024-01-01", "沂水县城关镇召开了便民服务中心启用仪式，镇长葛华出席。"),
                     ("c2", "2024-02-01", "平阴县城关镇推行“一窗通办”改革，镇长蒋丽介绍了进展。"))
    answer = Asker(GraphStore(graph)).ask("城关镇镇长是谁")
    assert answer.intent == "candidates"
    assert sorted(answer.names) == ["城关镇（平阴县）", "城关镇（沂水县）"]


def test_holder_as_of_a_day_and_relative_periods():
    asker = Asker(GraphStore(graph_of(*ARTICLES)))
    assert asker.ask(f"{BODY}局长是谁", datetime.date(2022, 6, 1)).names == ["洪文涛"]
    assert asker.ask(f"{BODY}局长是谁", datetime.date(2024, 6, 1)).names == ["龚雪"]
    assert asker.ask(f"{BODY}局长是谁").names == ["龚雪"]   # the current holder
    as_of = datetime.date(2024, 5, 10)
    assert period_of("今年3月开了哪些会", as_of).start == "2024-03-01"
    assert (period_of("上个月", as_of).start, period_of("上个月", as_of).end) == ("2024-04-01", "2024-04-30")
    assert period_of("去年", as_of).end == "2023-12-31"


def test_cli_prints_the_answer_json_and_cypher(seeds):
    _, graph_path = seeds
    done = subprocess.run([sys.executable, "-m", "graph", "ask", "泰安市行政审批服务局局长是谁", "--graph",
                           str(graph_path), "--json"], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["intent"] == "holder" and data["answers"][0]["name"] == "张青"
    assert data["cypher"] and all("$" in c for c in data["cypher"] if "MATCH (n) WHERE" not in c)
    assert data["evidence"][0]["article"]
    done = subprocess.run([sys.executable, "-m", "graph", "ask", "张青担任什么职务", "--graph", str(graph_path),
                           "--show-cypher"], capture_output=True, text=True, cwd=ROOT)
    assert "泰安市行政审批服务局" in done.stdout and "Cypher:" in done.stdout and "证据 evidence" in done.stdout
    done = subprocess.run([sys.executable, "-m", "graph", "ask", "x", "--graph", str(graph_path), "--as-of", "soon"],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode != 0 and "Traceback" not in done.stderr and "--as-of" in done.stderr


def test_the_blind_question_set_over_graph_json(tmp_path):
    items = questions()
    assert len(items) >= 150
    graph = frozen_graph(tmp_path)
    accuracy, wrong, _ = score(Asker(GraphStore(graph)), items)
    assert accuracy >= REQUIRED_ACCURACY, f"{accuracy:.3f} right; wrong:\n" + "\n".join(wrong)
