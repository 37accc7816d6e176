#!/usr/bin/env python3
"""The real development set: check restored article texts against the manifest, build them, score.

    python tests/realset/check.py                 # check hashes, build with --ner lac, score
    python tests/realset/check.py --ner none --round R2 --errors

The articles are third-party pages, so only their gold (gold/ for the graph scorer, posts/ for
changes of office, scored by score_posts.py, identity.jsonl for people across articles, scored by
score_identity.py), the manifest (manifest.jsonl: id, round, kind (graph, posts or identity), URL, publisher, date, the search query that finds the page, the cuts made, sha256 of the
saved text)
and this script are committed. Texts are restored into texts/ (git-ignored) by running each
record's query against the stored public pages and saving the excerpt as the record's cut says;
this script tells which are missing or differ. Scoring uses the evaluation scorer (score.py,
given with --scorer; by default the one beside the project's checkout).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
DEFAULT_SCORER = ROOT.parent / "shared" / "eval" / "score.py"


def records(round_prefix: str | None) -> list[dict]:
    with open(HERE / "manifest.jsonl", encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [r for r in rows if round_prefix is None or r["round"] == round_prefix]


def check_texts(rows: list[dict]) -> list[dict]:
    """The records whose text is restored and matches its hash; prints one line per problem."""
    ready = []
    for row in rows:
        path = HERE / "texts" / f"{row['id']}.txt"
        if not path.exists():
            print(f"missing  {row['id']}: restore from {row['url']} (query: {row['query']}; cut: {row['cut']})")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != row["sha256"]:
            print(f"differs  {row['id']}: {path} does not hash to the manifest's sha256")
        else:
            ready.append(row)
    return ready


def check_gold(rows: list[dict], scorer: Path) -> int:
    """score.py --check reads each text beside its gold file: lay them side by side."""
    with tempfile.TemporaryDirectory(prefix="realset-gold-") as scratch:
        for row in rows:
            if row["kind"] != "graph":
                continue
            for source in (HERE / "gold" / f"{row['id']}.gold.json", HERE / "texts" / f"{row['id']}.txt"):
                shutil.copy(source, scratch)
        return subprocess.run([sys.executable, str(scorer), "--check", scratch]).returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--round", help="only this round (R1, R2 …)")
    parser.add_argument("--ner", default="lac", choices=("lac", "none"))
    parser.add_argument("--scorer", type=Path, default=DEFAULT_SCORER)
    parser.add_argument("--errors", action="store_true", help="list every false and missed item")
    parser.add_argument("--out", type=Path, help="keep the built graph here (default: a temporary folder)")
    parser.add_argument("--check-gold", action="store_true",
                        help="validate the gold against the restored texts (names occur, endpoints resolve)")
    args = parser.parse_args(argv)

    rows = records(args.round)
    ready = check_texts(rows)
    print(f"{len(ready)} of {len(rows)} texts restored and matching")
    if not ready:
        return 1
    if not args.scorer.exists():
        print(f"no scorer at {args.scorer} (give --scorer)")
        return 1
    if args.check_gold:
        return check_gold(ready, args.scorer)
    with tempfile.TemporaryDirectory(prefix="realset-") as scratch:
        out = args.out or Path(scratch)
        # the page's date and address travel with its text, as a crawl's JSONL would carry them
        corpus = Path(scratch) / "realset.jsonl"
        with open(corpus, "w", encoding="utf-8") as handle:
            for row in ready:
                text = (HERE / "texts" / f"{row['id']}.txt").read_text("utf-8")
                record = {"id": row["id"], "text": text, "url": row["url"], "date": row["date"]}
                handle.write(json.dumps({k: v for k, v in record.items() if v is not None}, ensure_ascii=False) + "\n")
        subprocess.run([sys.executable, "-m", "graph", "build", str(corpus), "--out", str(out), "--quiet",
                        "--ner", args.ner], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        status = 0
        for kind, scorer, gold, extra in (("graph", str(args.scorer), HERE / "gold", ["--per-article"]),
                                          ("posts", str(HERE / "score_posts.py"), HERE / "posts", []),
                                          ("identity", str(HERE / "score_identity.py"), HERE / "identity.jsonl", [])):
            only = ",".join(row["id"] for row in ready if row["kind"] == kind)
            if only:
                print(f"== {kind}: {only}")
                command = [sys.executable, scorer, str(gold), str(out / "graph.json"), "--articles", only,
                           *extra] + (["--errors"] if args.errors else [])
                status |= subprocess.run(command, cwd=ROOT).returncode
        return status


if __name__ == "__main__":
    sys.exit(main())
