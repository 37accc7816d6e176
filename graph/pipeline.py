"""govkg build: files -> articles -> facts -> graph -> graph.json + graph.html."""
from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from graph import schema as S
from graph.build import GraphBuilder, frozen_after_full_collections
from graph.executors import LOCAL, extract_all, make_executor
from graph.extract.tagger import LAC
from graph.incremental import FactsCache
from graph.progress import Progress
from graph.views import write_html
from loaders.articles import ArticleError, ArticleReader, find_article_files
from loaders.export import write_graph_json


@dataclass
class BuildResult:
    graph: nx.MultiDiGraph
    outputs: list[Path]
    seconds: float
    articles: int
    skipped: list[str] = field(default_factory=list)
    cache_report: str = ""   # what an --update build extracted, reused and dropped

    def summary(self) -> str:
        nodes = Counter(label for _, data in self.graph.nodes(data=True) for label in data[S.LABELS])
        edges = Counter(data[S.TYPE] for _, _, data in self.graph.edges(data=True))
        lines = [f"built {self.graph.number_of_nodes()} nodes and {self.graph.number_of_edges()} edges "
                 f"from {self.articles} article(s) in {self.seconds:.1f}s"]
        lines += [f"  {label:14} {nodes[label]:6}" for label in S.NODE_LABELS if nodes[label]]
        lines += [f"  {rel:14} {edges[rel]:6}" for rel in S.RELATION_TYPES if edges[rel]]
        lines += [self.cache_report] if self.cache_report else []
        lines += [f"wrote {path}" for path in self.outputs]
        return "\n".join(lines)


def build(paths: list[str], out_dir: Path, *, workers: int | None = None, executor: str = LOCAL,
          scheduler: str | None = None, update: bool = False, quiet: bool = False,
          strict: bool = False, report: Callable[[str], None] | None = None, ner: str = LAC,
          html: bool = True) -> BuildResult:
    """Stream articles through extraction (in `workers` processes, or on a dask cluster) into one
    graph. With `update`, reuse the facts cached in `out_dir` for unchanged articles; `paths` may
    then be empty to mean the inputs of the last update. Bad inputs are passed to `report` and
    skipped (listed in the result), or with `strict` the first one raises ArticleError; either way
    nothing is written when no article could be read. `ner` names the statistical tagger the
    rules consult (graph.extract.tagger: lac or none); without `html` only graph.json is written."""
    started = time.perf_counter()
    out_dir = Path(out_dir)
    builder = GraphBuilder()
    cache = FactsCache(out_dir, ner) if update else None
    try:
        paths = list(paths) or (cache.inputs if cache is not None else [])
        if not paths:
            raise ArticleError(f"{out_dir}: no earlier update build here; name the articles to build from")
        progress = Progress(quiet=quiet)
        if progress.enabled:
            progress.total_files = sum(1 for _ in find_article_files(paths))
        with make_executor(executor, workers, scheduler, ner) as runner, frozen_after_full_collections():
            reader = ArticleReader(strict=strict, report=report)
            count = extract_all(reader.read(paths), runner, builder, cache, progress)
        progress.close()
        if count == 0:
            raise ArticleError(", ".join(map(str, paths)), "no article could be read")
        cache_report = cache.finish(paths) if cache is not None else ""
    finally:
        if cache is not None:
            cache.close()
    graph = builder.graph()
    outputs = [out_dir / "graph.json"] + ([out_dir / "graph.html"] if html else [])
    write_graph_json(graph, outputs[0])
    if html:
        write_html(graph, outputs[1])
    return BuildResult(graph, outputs, time.perf_counter() - started, count,
                       skipped=[str(error) for error in reader.skipped], cache_report=cache_report)
