#!/usr/bin/env python3
"""Score person identity across articles: pairwise precision and recall over same-name mention
pairs in different articles.

Gold (identity.jsonl): one line per (article, person) with the name as written and a `person` key
that is shared by the mentions of one real person. A pair of gold mentions of one name in two
articles is positive when their keys are equal; the graph says positive when both mentions land on
the same Person node (the node of that name, or alias, whose sources hold the article). A mention
the graph has no node for is never paired.

    python tests/realset/score_identity.py tests/realset/identity.jsonl out/graph.json [--errors]
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from graph.text import _fold  # noqa: E402  (the project's own reading of characters)


def plain(text: str) -> str:
    """Spaces out, NFKC, and the simplified form of each character (張偉 = 张伟), as govkg reads text."""
    return "".join(_fold(c) for c in "".join(text.split()))


def node_of(nodes: list[dict], article: str, name: str) -> str | None:
    found = [n["id"] for n in nodes if "Person" in n["labels"] and article in n.get("sources", [])
             and plain(name) in {plain(n["name"]), *map(plain, n.get("aliases", []))}]
    return found[0] if len(found) == 1 else None


def score(gold_path: Path, graph_path: Path, errors: bool, articles: list[str] | None = None) -> dict:
    gold = [json.loads(line) for line in gold_path.read_text("utf-8").splitlines() if line.strip()]
    gold = [item for item in gold if articles is None or item["article"] in articles]
    nodes = json.loads(graph_path.read_text("utf-8"))["nodes"]
    placed = [(item, node_of(nodes, item["article"], item["name"])) for item in gold]
    tp = fp = fn = 0
    for (a, node_a), (b, node_b) in itertools.combinations(placed, 2):
        if plain(a["name"]) != plain(b["name"]) or a["article"] == b["article"]:
            continue
        same = a["person"] == b["person"]
        said = node_a is not None and node_a == node_b
        tp += same and said
        fp += said and not same
        fn += same and not said
        if errors and same != said:
            print(f"  {'FP' if said else 'FN'} {a['name']}: {a['article']} ({node_a}) ~ {b['article']} ({node_b})")
    return {"pairs_positive": tp + fn, "tp": tp, "fp": fp, "fn": fn,
            "precision": tp / (tp + fp) if tp + fp else None, "recall": tp / (tp + fn) if tp + fn else None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("graph", type=Path)
    parser.add_argument("--errors", action="store_true")
    parser.add_argument("--articles", help="comma-separated article ids (default all)")
    args = parser.parse_args(argv)
    result = score(args.gold, args.graph, args.errors, args.articles.split(",") if args.articles else None)
    show = lambda v: "–" if v is None else f"{v:.3f}"
    print(f"same-name pairs across articles: {result['pairs_positive']} positive; "
          f"precision {show(result['precision'])} (fp {result['fp']}), recall {show(result['recall'])} (fn {result['fn']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
