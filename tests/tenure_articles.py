"""Articles of our own in which a bureau's head changes (tests/tenure/handover.jsonl): before, the
handover, after."""
import json
from pathlib import Path

from graph import schema as S
from graph.build import build_graph
from graph.extract import extract
from graph.model import Article
from tests.extract_helpers import person_node

CORPUS = Path(__file__).parent / "tenure" / "handover.jsonl"
BODY = "济宁市行政审批服务局"
ARTICLES = tuple((r["id"], r["date"], r["text"])
                 for r in map(json.loads, CORPUS.read_text("utf-8").splitlines()))
BEFORE, HANDOVER, AFTER = ARTICLES


def graph_of(*articles: tuple[str, str, str]):
    return build_graph(extract(Article(id=aid, path=f"{aid}.txt", text=text, date=date))
                       for aid, date, text in articles)


def post_edge(graph, person: str, body: str = BODY) -> dict:
    return graph.edges[person_node(graph, person), S.node_id(S.ORGANIZATION, body), S.HOLDS_POSITION]
