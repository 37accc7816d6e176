"""govkg build: files -> articles -> facts -> graph -> graph.json + graph.html."""
from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from graph import schema as S
from graph.build import GraphBuilder
from graph.extract import extract
from graph.views import write_html
from loaders.articles import iter_articles
from loaders.export import write_graph_json


@dataclass
class BuildResult:
    graph: nx.MultiDiGraph
    outputs: list[Path]
    seconds: float
    articles: int
    skipped: list[str] = field(default_factory=list)

    def summary(self) -> str:
        nodes = Counter(label for _, data in self.graph.nodes(data=True) for label in data[S.LABELS])
        edges = Counter(data[S.TYPE] for _, _, data in self.graph.edges(data=True))
        lines = [f"built {self.graph.number_of_nodes()} nodes and {self.graph.number_of_edges()} edges "
                 f"from {self.articles} article(s) in {self.seconds:.1f}s"]
        lines += [f"  {label:14} {nodes[label]:6}" for label in S.NODE_LABELS if nodes[label]]
        lines += [f"  {rel:14} {edges[rel]:6}" for rel in S.RELATION_TYPES if edges[rel]]
        lines += [f"wrote {path}" for path in self.outputs]
        return "\n".join(lines)


def build(paths: list[str], out_dir: Path) -> BuildResult:
    started = time.perf_counter()
    builder = GraphBuilder()
    count = 0
    for article in iter_articles(paths):
        builder.add(extract(article))
        count += 1
    graph = builder.graph()
    out_dir = Path(out_dir)
    outputs = [out_dir / "graph.json", out_dir / "graph.html"]
    write_graph_json(graph, outputs[0])
    write_html(graph, outputs[1])
    return BuildResult(graph, outputs, time.perf_counter() - started, count)
