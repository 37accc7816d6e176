"""Time read off a built graph: a body's succession of post holders, a person's posts as a
timeline, the order in which bodies took up a reform. The atlas prints them; the cookbook's
post_holders_over_time, person_timeline and reform_diffusion ask Neo4j the same questions."""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from graph import schema as S


@dataclass(frozen=True)
class Chronicle:
    title: str
    columns: tuple[str, ...]
    rows: list[tuple]     # first cell: the node the row is about (linked in pages), then text


def _began(data: dict) -> str:
    return data.get(S.START) or data.get(S.FIRST_SEEN) or "9999"


def _post_cells(data: dict) -> tuple:
    return (data.get(S.TITLE) or "", data.get(S.START) or "", data.get(S.END) or "", data.get(S.STATUS) or "",
            data.get(S.FIRST_SEEN) or "", data.get(S.LAST_SEEN) or "")


_POST_COLUMNS = ("职务 title", "始 start", "止 end", "状态 status", "首见 first seen", "末见 last seen")


def succession(graph: nx.MultiDiGraph, body: str) -> Chronicle:
    posts = sorted(((source, data) for source, _, rel, data in graph.in_edges(body, keys=True, data=True)
                    if rel == S.HOLDS_POSITION), key=lambda post: (_began(post[1]), graph.nodes[post[0]][S.NAME]))
    return Chronicle("任职更替 succession", ("人物 person", *_POST_COLUMNS),
                     [(person, *_post_cells(data)) for person, data in posts])


def timeline(graph: nx.MultiDiGraph, person: str) -> Chronicle:
    posts = sorted(((target, data) for _, target, rel, data in graph.out_edges(person, keys=True, data=True)
                    if rel == S.HOLDS_POSITION), key=lambda post: (_began(post[1]), graph.nodes[post[0]][S.NAME]))
    return Chronicle("任职经历 posts over time", ("机构 body", *_POST_COLUMNS),
                     [(body, *_post_cells(data)) for body, data in posts])


def diffusion(graph: nx.MultiDiGraph, reform: str) -> Chronicle:
    """Bodies promoting a reform in the order of their first dated report (undated last)."""
    bodies = sorted(((source, data) for source, _, rel, data in graph.in_edges(reform, keys=True, data=True)
                     if rel == S.PROMOTES),
                    key=lambda item: (item[1].get(S.FIRST_SEEN) or "9999", graph.nodes[item[0]][S.NAME]))
    return Chronicle("推广次序 diffusion", ("机构 body", "首次报道 first reported", "文章 articles"),
                     [(body, data.get(S.FIRST_SEEN) or "", "、".join(data.get(S.ARTICLES, ())))
                      for body, data in bodies])


def chronicle_of(graph: nx.MultiDiGraph, node: str) -> Chronicle | None:
    """The chronicle a node's page shows: succession for a body, timeline for a person, diffusion
    for a reform; None when there is nothing to list."""
    label = S.base_label(graph.nodes[node][S.LABELS])
    made = {S.ORGANIZATION: succession, S.PERSON: timeline, S.REFORM: diffusion}.get(label)
    found = made(graph, node) if made else None
    return found if found and found.rows else None
