#!/usr/bin/env python3
"""Score changes of office in a graph.json against posts gold (posts/<id>.posts.json).

A gold post is (person, body with its surface forms, title, change, date). It is *found* when the
graph has a HOLDS_POSITION edge from a person of that name to a body whose name or an alias is the
gold body or one of its surface forms, with evidence from the article; its *change is right* when
that evidence states the gold change; its *date is right* when, in addition, the evidence's change
date equals the gold date (scored over gold posts with a date). Posts marked `optional` (a career
post 曾任, a body the text leaves unnamed) are left out. A gold removal whose edge is
`current` is counted apart: a removal must never add a current post.

    python tests/realset/score_posts.py tests/realset/posts out/graph.json [--articles RD01,RD02] [--errors]
"""
from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections import Counter
from pathlib import Path


def plain(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def load_graph(path: Path):
    data = json.loads(path.read_text("utf-8"))
    nodes = {n["id"]: n for n in data["nodes"]}
    posts = [e for e in data.get("links", data.get("edges", [])) if e["type"] == "HOLDS_POSITION"]
    return nodes, posts


def names_of(node: dict) -> set[str]:
    return {plain(node["name"]), *map(plain, node.get("aliases", []))}


def score(gold_dir: Path, graph: Path, articles: list[str] | None, errors: bool) -> dict:
    nodes, edges = load_graph(graph)
    totals = Counter()
    by_change = Counter()
    right_by_change = Counter()
    for path in sorted(gold_dir.glob("*.posts.json")):
        gold = json.loads(path.read_text("utf-8"))
        article = Path(gold["article"]).stem
        if articles and article not in articles:
            continue
        for post in gold["posts"]:
            if post.get("optional"):
                continue  # as in the graph scorer: an optional post neither counts for nor against
            bodies = {plain(post["body"]), *map(plain, post.get("body_aliases", []))}
            evidence = [item for e in edges
                        if plain(post["person"]) in names_of(nodes[e["source"]]) and names_of(nodes[e["target"]]) & bodies
                        for item in e["evidence"] if item["article"] == article]
            statuses = {e.get("status") for e in edges
                        if plain(post["person"]) in names_of(nodes[e["source"]]) and names_of(nodes[e["target"]]) & bodies
                        and any(item["article"] == article for item in e["evidence"])}
            change_right = [item for item in evidence if item.get("change") == post["change"]]
            totals["posts"] += 1
            by_change[post["change"]] += 1
            totals["found"] += bool(evidence)
            totals["change_right"] += bool(change_right)
            right_by_change[post["change"]] += bool(change_right)
            if post["change"] != "holds" and post.get("date"):
                totals["dated"] += 1
                totals["date_right"] += any(item.get("change_date") == post["date"] for item in change_right)
            if post["change"] == "removed" and "current" in statuses:
                totals["removed_current"] += 1
            if errors and change_right and post["change"] != "holds" and post.get("date") and not any(
                    item.get("change_date") == post["date"] for item in change_right):
                dates = sorted({item.get("change_date") or "-" for item in change_right})
                print(f"  {article}: {post['person']} / {post['body']} {post['title']}: {post['change']} gold date "
                      f"{post['date']}, graph {', '.join(dates)}")
            if errors and not change_right:
                stated = sorted({item.get("change") or "-" for item in evidence}) or ["not found"]
                print(f"  {article}: {post['person']} / {post['body']} {post['title']}: gold {post['change']}, "
                      f"graph {', '.join(stated)}")
    return {"totals": totals, "by_change": by_change, "right_by_change": right_by_change}


def report(result: dict) -> str:
    t = result["totals"]
    share = lambda a, b: f"{a / b:.3f} ({a}/{b})" if b else "–"
    lines = [f"posts found            {share(t['found'], t['posts'])}",
             f"change right           {share(t['change_right'], t['posts'])}",
             f"date right (dated)     {share(t['date_right'], t['dated'])}",
             f"removed shown current  {t['removed_current']}"]
    for change, n in sorted(result["by_change"].items()):
        lines.append(f"  {change:<10} {share(result['right_by_change'][change], n)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold_dir", type=Path)
    parser.add_argument("graph", type=Path)
    parser.add_argument("--articles", help="comma-separated article ids (default all)")
    parser.add_argument("--errors", action="store_true", help="list every post whose change or date is not right")
    args = parser.parse_args(argv)
    result = score(args.gold_dir, args.graph, args.articles.split(",") if args.articles else None, args.errors)
    print(report(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
