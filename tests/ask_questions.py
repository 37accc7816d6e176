"""The question set of tests/ask/ (written by people who never saw the templates, from the entity
and fact lists in tests/ask/facts.md) and how an answer is judged. The questions are asked of the
graph those lists were made from, kept as tests/ask/graph.json.gz (the samples and the written
development set as built when the questions were written), so that later changes to extraction
do not move the answers the writers expected."""
from __future__ import annotations

import json
from pathlib import Path

from graph.ask.answer import Answer

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
FROZEN_GRAPH = HERE / "ask" / "graph.json.gz"
#: Share of the set answered right, on each store (the time issue's target is 0.9)
REQUIRED_ACCURACY = 0.9


def frozen_graph(folder: Path):
    """The graph the questions were written against, read as govkg reads a graph.json."""
    import gzip
    from loaders.export import read_graph_json
    path = folder / "graph.json"
    path.write_bytes(gzip.decompress(FROZEN_GRAPH.read_bytes()))
    return read_graph_json(path)


def questions() -> list[dict]:
    rows = []
    for path in sorted((HERE / "ask").glob("questions-*.jsonl")):
        rows += [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return rows


def plain_names(answer: Answer, entities) -> list[str]:
    return [entities[row["id"]].name if row["id"] in entities else row["name"] for row in answer.rows]


def judge(item: dict, answer: Answer, entities) -> bool:
    """Right when it answers what the writer expected: the same set of names (the chain's two ends
    and its length for a connection; the count for a counting question), candidates including the
    meant ones for an ambiguous question (or every one of them listed), and help or an empty answer — never a confident wrong
    one — for a question the graph cannot answer."""
    names = plain_names(answer, entities)
    expected = item["expected"]
    if item["expect"] == "help":
        return answer.intent == "help" or not answer.rows
    if item["expect"] == "candidates":
        # the candidates offered, or all of them listed with what each is (包头市副市长: three)
        return answer.intent == "candidates" and set(expected) <= set(names) or set(names) == set(expected)
    if item["kind"] == "connection":
        return bool(names) and {names[0], names[-1]} == {expected[0], expected[-1]} and len(names) == len(expected)
    if "count" in item and len(names) != item["count"]:
        return False
    return answer.intent not in ("help", "candidates") and set(names) == set(expected)


def as_of(item: dict):
    import datetime
    return datetime.date.fromisoformat(item["as_of"]) if item.get("as_of") else None


def score(asker, items: list[dict]) -> tuple[float, list[str], dict[str, Answer]]:
    """Share answered right, the wrong ones described, and every answer by question id."""
    answers = {item["id"]: asker.ask(item["question"], as_of(item)) for item in items}
    wrong = [f"{item['id']} {item['question']} → {answers[item['id']].intent} {answers[item['id']].names[:5]} "
             f"(expected {item['expect']} {item['expected'][:5]})"
             for item in items if not judge(item, answers[item["id"]], asker.entities)]
    return 1 - len(wrong) / len(items), wrong, answers
