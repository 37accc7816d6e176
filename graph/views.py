"""pyvis views of the graph (placeholder until the views issue lands)."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
from pyvis.network import Network

from graph import schema as S
from loaders.export import atomic_write_text


def write_html(graph: nx.MultiDiGraph, path: Path) -> None:
    net = Network(height="900px", width="100%", directed=True, cdn_resources="in_line")
    for node_id, data in graph.nodes(data=True):
        style = S.STYLES[data[S.LABEL]]
        net.add_node(node_id, label=data[S.NAME], color=style.colour, shape=style.shape)
    for source, target, data in graph.edges(data=True):
        net.add_edge(source, target, label=S.RELATIONS[data[S.TYPE]].short)
    atomic_write_text(path, net.generate_html())
