"""One measurement in a fresh process, so bench/run.py can read its peak RSS from the kernel.

    python -m bench.measure build CORPUS OUT --workers N --ner lac|none [--executor dask]
                                                           # as `govkg build` runs it
    python -m bench.measure lcut CORPUS                    # plain jieba.lcut over the same texts

Each warms up first (dictionary and lexicons loaded) so the figures are the steady-state cost per
article, and prints one JSON object.
"""
from __future__ import annotations

import argparse
import json
import time
from pathlib import Path


def corpus_texts(corpus: Path):
    for path in sorted(corpus.rglob("*.txt")):
        yield path.read_text("utf-8")


def warm_up(ner: str = "lac") -> None:
    """Load jieba's dictionary, the lexicons and the tagger's model, a once-per-process cost kept
    out of the figures."""
    from graph.extract import extract
    from graph.model import Article

    extract(Article(id="warm-up", path="warm-up", text="市长王大伟说，市政府召开会议。"), ner)


def measure_build(corpus: Path, out: Path, workers: int, ner: str = "lac", executor: str = "local") -> dict:
    import graph.pipeline as pipeline

    warm_up(ner)
    writing = [0.0]

    def timed(write):
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return write(*args, **kwargs)
            finally:
                writing[0] += time.perf_counter() - started
        return wrapper

    # the outputs' cost depends on the views, not on extraction: time it apart
    pipeline.write_graph_json = timed(pipeline.write_graph_json)
    pipeline.write_html = timed(pipeline.write_html)
    result = pipeline.build([str(corpus)], out, workers=workers, quiet=True, ner=ner, executor=executor)
    return {"seconds": result.seconds, "write_seconds": writing[0], "articles": result.articles,
            "nodes": result.graph.number_of_nodes(), "edges": result.graph.number_of_edges()}


def measure_lcut(corpus: Path) -> dict:
    import jieba

    jieba.setLogLevel(60)
    jieba.lcut("市政府召开会议。")
    seconds, articles = 0.0, 0
    for text in corpus_texts(corpus):
        started = time.perf_counter()
        jieba.lcut(text)
        seconds += time.perf_counter() - started
        articles += 1
    return {"seconds": seconds, "articles": articles}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    build = sub.add_parser("build")
    build.add_argument("corpus", type=Path)
    build.add_argument("out", type=Path)
    build.add_argument("--workers", type=int, default=1)
    build.add_argument("--ner", default="lac")
    build.add_argument("--executor", default="local", help="local, or dask (a LocalCluster of --workers processes)")
    lcut = sub.add_parser("lcut")
    lcut.add_argument("corpus", type=Path)
    args = parser.parse_args(argv)
    if args.what == "build":
        figures = measure_build(args.corpus, args.out, args.workers, args.ner, args.executor)
    else:
        figures = measure_lcut(args.corpus)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
