"""Interactive pyvis views of the graph: the full view, focus/label/place selections, offline pages.

A view is one self-contained HTML page (or, inside the atlas, a page that links the shared assets
next to it). pyvis builds the vis-network node and edge records; the page itself comes from our own
template, because pyvis's template fetches Bootstrap and tom-select from CDNs. Everything a reader
sees (names, aliases, titles, evidence) travels as JSON data and is put on the page as text: vis
shows string tooltips with innerText, and the legend, search box and detail panel are built with
textContent, so no text from an article is ever parsed as HTML.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

import networkx as nx
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from graph import schema as S
from graph.chronicle import Chronicle
from loaders.export import atomic_write_text, read_graph_json

#: Shown only after the reader ticks them in the legend: every article MENTIONS everything it
#: names, so drawn from the start they bury the relations between the entities.
HIDDEN_AT_START_LABELS = frozenset({S.ARTICLE})
HIDDEN_AT_START_TYPES = frozenset({S.MENTIONS})
#: Relationship types that put their start node inside their end node (a place, or a larger body).
INSIDE = (S.LOCATED_IN, S.HELD_IN, S.PART_OF)
#: Above this many nodes the browser's physics would take seconds to minutes, so positions are
#: computed here once and physics stays off.
PHYSICS_NODE_LIMIT = 300
LAYOUT_SEED = 7
#: Each layout iteration costs about n² for n core nodes: bigger cores get fewer iterations,
#: within these bounds, so a layout takes seconds, not minutes.
LAYOUT_ITERATIONS = (15, 50)
LAYOUT_BUDGET = 15 * 800 ** 2
#: The most nodes the spring layout places itself (the rest are satellites)
MAX_CORE = 800
#: A view draws at most this many nodes (the most connected): a browser cannot usefully show a
#: whole archive, and focus, place and label views and the atlas reach everything else.
VIEW_NODE_LIMIT = 3000
#: Pixels per unit of the networkx layout, per square root of the node count.
LAYOUT_SPREAD = 90
#: Distance in pixels from a satellite node to the node it is placed beside.
SATELLITE_GAP = 45
GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))   # successive satellites never line up
#: Hover boxes list at most this many evidence sentences (MENTIONS edges can have dozens).
HOVER_EVIDENCE = 5
#: The articles a node's hover names; a city in a large archive is in thousands (graph.json, the
#: atlas and `govkg view --focus` list them all)
HOVER_ARTICLES = 12
DEFAULT_HOPS = 2
FONT_FAMILY = ('"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", '
               '"Microsoft YaHei", sans-serif')
#: Node properties shown on hover and in the atlas, with their Chinese caption.
NODE_FACTS = ((S.KIND, "类型"), (S.LEVEL, "级别"), (S.DATE, "日期"), (S.END_DATE, "结束日期"),
              (S.TITLE, "标题"), (S.PATH, "文件"))
#: How hover text names changes of office and statuses of posts.
CHANGE_CAPTIONS = dict(zip(S.OFFICE_CHANGES, ("任职", "任命", "免去", "提名", "当选", "拟任", "曾任")))
STATUS_CAPTIONS = dict(zip(S.POST_STATUSES, ("现任", "曾任", "待定")))
#: Legend glyphs for vis shapes.
SHAPE_GLYPHS = {"dot": "●", "box": "■", "square": "■", "diamond": "◆", "star": "★", "triangle": "▲"}
#: vis-network as bundled with pyvis (the page must not fetch it from a CDN).
VIS_ASSETS = {"vis-network.min.js": "vis-9.1.2/vis-network.min.js",
              "vis-network.min.css": "vis-9.1.2/vis-network.css"}
#: Our own page script and styles (views, atlas pages), shipped in graph/templates.
VIEW_ASSETS = ("view.js", "view.css", "site.css")


class ViewError(ValueError):
    """A selection that cannot be made (unknown name or label, nothing selected)."""


@dataclass(frozen=True)
class Selection:
    """Which part of the graph a view shows; the parts given are intersected."""
    focus: str | None = None
    hops: int = DEFAULT_HOPS
    labels: tuple[str, ...] = ()
    place: str | None = None

    def describe(self, graph: nx.MultiDiGraph) -> str:
        parts = []
        if self.focus:
            parts.append(f"焦点 {graph.nodes[find_node(graph, self.focus)][S.NAME]}（{self.hops} 跳）")
        if self.place:
            parts.append(f"地点 {graph.nodes[find_node(graph, self.place)][S.NAME]}")
        if self.labels:
            parts.append("类别 " + "、".join(_label_caption(label) for label in self.labels))
        return " · ".join(parts) or "全图"


# --------------------------------------------------------------------------- selecting


def find_node(graph: nx.MultiDiGraph, name: str) -> str:
    """The id of the node called `name`: its id, else its canonical name, else one of its aliases."""
    if name in graph:
        return name
    for key in (S.NAME, S.ALIASES):
        found = sorted(node for node, data in graph.nodes(data=True)
                       if name == data.get(key) or (key == S.ALIASES and name in data.get(key, ())))
        if len(found) == 1:
            return found[0]
        if found:
            raise ViewError(f"{name!r} names several nodes ({', '.join(found)}): give the id")
    raise ViewError(f"no node named {name!r}")


def focus_nodes(graph: nx.MultiDiGraph, node: str, hops: int) -> set[str]:
    """The ego graph within `hops` steps, edges walked both ways. Articles are left out of the walk
    (unless the focus is one): through its article every entity is two steps from every other."""
    if hops < 0:
        raise ViewError(f"--hops must be 0 or more, not {hops}")
    walk = graph if _is_article(graph, node) else nx.subgraph_view(
        graph, filter_node=lambda other: other == node or not _is_article(graph, other))
    return set(nx.ego_graph(walk.to_undirected(as_view=True), node, radius=hops))


def place_nodes(graph: nx.MultiDiGraph, place: str) -> set[str]:
    """What lies in `place` (located in, held in, part of it, transitively) and what those things
    are directly tied to: who holds posts in its bodies, the reforms they promote, who attended."""
    inside = {place}
    frontier = [place]
    while frontier:
        node = frontier.pop()
        for source, _, rel_type in graph.in_edges(node, keys=True):
            if rel_type in INSIDE and source not in inside:
                inside.add(source)
                frontier.append(source)
    context = {other for node in inside for other in nx.all_neighbors(graph, node)
               if not _is_article(graph, other) and S.PLACE not in graph.nodes[other][S.LABELS]}
    return inside | context


def label_nodes(graph: nx.MultiDiGraph, labels) -> set[str]:
    wanted = {_parse_label(label) for label in labels}
    return {node for node, data in graph.nodes(data=True) if wanted & set(data[S.LABELS])}


def select(graph: nx.MultiDiGraph, selection: Selection) -> nx.MultiDiGraph:
    nodes = set(graph)
    if selection.focus:
        nodes &= focus_nodes(graph, find_node(graph, selection.focus), selection.hops)
    if selection.place:
        place = find_node(graph, selection.place)
        if S.PLACE not in graph.nodes[place][S.LABELS]:
            raise ViewError(f"{selection.place!r} is not a {S.PLACE}")
        nodes &= place_nodes(graph, place)
    if selection.labels:
        nodes &= label_nodes(graph, selection.labels)
    if not nodes:
        raise ViewError("the selection is empty")
    return graph.subgraph(nodes).copy()


def _parse_label(label: str) -> str:
    """A schema label, given in English (Official) or by its Chinese caption (官员)."""
    for name, style in S.STYLES.items():
        if label.casefold() == name.casefold() or label == style.zh:
            return name
    raise ViewError(f"unknown label {label!r} (one of {', '.join(S.STYLES)})")


def _is_article(graph: nx.MultiDiGraph, node: str) -> bool:
    return S.ARTICLE in graph.nodes[node][S.LABELS]


def _label_caption(label: str) -> str:
    name = _parse_label(label)
    return f"{S.STYLES[name].zh} {name}"


# --------------------------------------------------------------------------- hover text


def namesakes(graph: nx.MultiDiGraph) -> frozenset[str]:
    """Names that several people of the graph share (their anchors then show: 王伟（济宁市）)."""
    counts: dict[str, int] = {}
    for node, data in graph.nodes(data=True):
        if S.PERSON in data[S.LABELS]:
            counts[data[S.NAME]] = counts.get(data[S.NAME], 0) + 1
    return frozenset(name for name, count in counts.items() if count > 1)


def node_hover(graph: nx.MultiDiGraph, node: str, shared: frozenset[str] = frozenset()) -> str:
    """Plain text: name, labels, other facts, aliases, the articles the node appears in."""
    data = graph.nodes[node]
    lines = [S.display_name(node, data[S.NAME], shared), " · ".join(f"{S.STYLES[label].zh} {label}" for label in data[S.LABELS])]
    lines += [f"{caption} {key}: {data[key]}" for key, caption in NODE_FACTS if data.get(key)]
    if data.get(S.ALIASES):
        lines.append("别名 aliases: " + "、".join(data[S.ALIASES]))
    sources = data.get(S.SOURCES, [])
    if sources and not _is_article(graph, node):
        lines.append(f"文章 articles ({len(sources)}):")
        lines += [f"  {article_caption(graph, article)}" for article in sources[:HOVER_ARTICLES]]
        if len(sources) > HOVER_ARTICLES:
            lines.append(f"  … 另 {len(sources) - HOVER_ARTICLES} 篇 more")
    return "\n".join(lines)


def edge_hover(graph: nx.MultiDiGraph, source: str, target: str, data: dict) -> str:
    """Plain text: the relation, its title and basis, and the evidence sentences with their article."""
    rel = S.RELATIONS[data[S.TYPE]]
    lines = [f"{graph.nodes[source][S.NAME]} —{rel.short} {rel.name}→ {graph.nodes[target][S.NAME]}"]
    if data.get(S.TITLE):
        lines.append(f"职务 title: {data[S.TITLE]}")
    if data.get(S.BASIS):
        lines.append(f"依据 basis: {data[S.BASIS]}")
    if data.get(S.STATUS):
        span = f", {data.get(S.START) or '?'} — {data.get(S.END) or ''}" if data.get(S.START) or data.get(S.END) else ""
        lines.append(f"任期 tenure: {STATUS_CAPTIONS[data[S.STATUS]]} {data[S.STATUS]}{span}".rstrip())
    if data.get(S.FIRST_SEEN):
        lines.append(f"见报 reported: {data[S.FIRST_SEEN]} — {data[S.LAST_SEEN]}")
    evidence = data.get(S.EVIDENCE, [])
    if evidence:
        lines.append(f"证据 evidence ({len(evidence)}):")
        lines += [f"[{evidence_source(item)}] {item['sentence']}" for item in evidence[:HOVER_EVIDENCE]]
        if len(evidence) > HOVER_EVIDENCE:
            lines.append(f"… 另 {len(evidence) - HOVER_EVIDENCE} 条 more")
    return "\n".join(lines)


def evidence_source(item: dict) -> str:
    """a1 · 2022-03-01 · 任命 appointed: where a sentence comes from, when, and the change it states."""
    parts = [item["article"]]
    if item.get("date"):
        parts.append(item["date"])
    if item.get("change") and item["change"] != S.HOLDS:
        parts.append(f"{CHANGE_CAPTIONS[item['change']]} {item['change']} {item.get('change_date') or ''}".rstrip())
    return " · ".join(parts)


def article_caption(graph: nx.MultiDiGraph, article_id: str) -> str:
    data = graph.nodes.get(S.node_id(S.ARTICLE, article_id), {})
    title = data.get(S.TITLE)
    return f"{article_id} 《{title}》" if title else article_id


def edge_caption(data: dict) -> str:
    """The edge's short Chinese word, and its title where it has one: 任职 党组书记、局长."""
    short = S.RELATIONS[data[S.TYPE]].short
    return f"{short} {data[S.TITLE]}" if data.get(S.TITLE) else short


def dated(data: dict) -> dict:
    """When an edge held, for the page's date filter: from its start (else its first report) to its
    end, with no end while a post is current, else to its last report; undated edges never fade."""
    last = None if data.get(S.STATUS) == S.CURRENT else data.get(S.END) or data.get(S.LAST_SEEN)
    return {"first": data.get(S.START) or data.get(S.FIRST_SEEN), "last": last}


def edge_id(source: str, target: str, rel_type: str) -> str:
    return f"{source}|{rel_type}|{target}"


# --------------------------------------------------------------------------- layout


def positions(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]] | None:
    """Pixel positions for a large graph, None for a small one (the browser lays it out).

    networkx lays out the core: the entities tied to at least two other entities (seeded, so the
    same graph gives the same picture). Everything else (articles, an official with one post, a
    journalist known only by bylines) is a satellite, put beside what it is tied to. The costly
    layout stays small, and an article sits next to its story when the reader shows articles."""
    if graph.number_of_nodes() <= PHYSICS_NODE_LIMIT:
        return None
    entities = nx.Graph(graph.subgraph(n for n in graph if not _is_article(graph, n)).to_undirected(as_view=True))
    core = [node for node in entities if entities.degree(node) >= 2] or list(entities)
    # the layout costs the square of the core: past MAX_CORE, the most connected make the skeleton
    # and the rest are placed beside them as satellites
    core = sorted(core, key=lambda node: (-entities.degree(node), node))[:MAX_CORE]
    fewest, most = LAYOUT_ITERATIONS
    iterations = max(fewest, min(most, LAYOUT_BUDGET // len(core) ** 2)) if core else 0
    layout = nx.spring_layout(entities.subgraph(core), seed=LAYOUT_SEED, iterations=iterations) if core else {}
    spread = LAYOUT_SPREAD * math.sqrt(len(core))
    placed = {node: (float(x) * spread, float(y) * spread) for node, (x, y) in layout.items()}
    satellites = {node: 0 for node in placed}   # satellites placed around each node so far
    pending = sorted(set(graph) - set(placed))
    while pending:
        waiting = []
        for node in pending:
            near = sorted(other for other in nx.all_neighbors(graph, node) if other in placed)
            if not near:
                waiting.append(node)
                continue
            # the first placed neighbour is the anchor; its satellites spiral out from it
            anchor = near[0]
            turn = satellites[anchor] = satellites[anchor] + 1
            x, y = placed[anchor]
            radius = SATELLITE_GAP * math.sqrt(turn)
            placed[node] = (x + radius * math.cos(turn * GOLDEN_ANGLE), y + radius * math.sin(turn * GOLDEN_ANGLE))
            satellites[node] = 0
        if len(waiting) == len(pending):   # tied to nothing placed: a ring outside the picture
            for index, node in enumerate(waiting):
                angle = 2 * math.pi * index / len(waiting)
                placed[node] = (1.2 * spread * math.cos(angle), 1.2 * spread * math.sin(angle))
            break
        pending = waiting
    return placed


def _options(physics: bool, edge_count: int) -> dict:
    font = {"face": FONT_FAMILY}
    return {
        "nodes": {"font": {**font, "size": 14}, "borderWidth": 1,
                  "scaling": {"min": 10, "max": 36, "label": {"enabled": True, "min": 14, "max": 26}}},
        "edges": {"font": {**font, "size": 10, "align": "horizontal", "color": "#444",
                           "strokeWidth": 3, "strokeColor": "#ffffff"},
                  "color": {"color": "#9a9a9a", "highlight": "#333333", "hover": "#333333"},
                  "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
                  # curved edges cost a lot to draw; straight ones keep big pages responsive
                  "smooth": {"enabled": edge_count <= 2 * PHYSICS_NODE_LIMIT, "type": "continuous"}},
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": edge_count > 1000},
        "physics": ({"enabled": True, "solver": "forceAtlas2Based",
                     "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 90,
                                          "avoidOverlap": 0.4},
                     "stabilization": {"enabled": True, "iterations": 400, "fit": True}}
                    if physics else {"enabled": False}),
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": physics},
    }


# --------------------------------------------------------------------------- pages


def drawn_degree(graph: nx.MultiDiGraph, node: str) -> int:
    """Degree over the relations drawn from the start: counting MENTIONS would make every
    article the biggest node and every entity as big as its press coverage."""
    return sum(1 for *_, rel in graph.in_edges(node, keys=True) if rel not in HIDDEN_AT_START_TYPES) + \
        sum(1 for *_, rel in graph.out_edges(node, keys=True) if rel not in HIDDEN_AT_START_TYPES)


def most_connected(graph: nx.MultiDiGraph, limit: int) -> nx.MultiDiGraph:
    """`graph` itself when it has at most `limit` nodes, else its `limit` most connected nodes."""
    if graph.number_of_nodes() <= limit:
        return graph
    ranked = sorted(graph, key=lambda node: (-drawn_degree(graph, node), node))
    return graph.subgraph(ranked[:limit]).copy()


def network(graph: nx.MultiDiGraph, links: dict[str, str] | None = None) -> Network:
    """The pyvis network of `graph`: one vis node per node, one vis edge per edge, nothing dropped.

    `links` maps node ids to pages the view may open for them (the atlas's focus pages)."""
    net = Network(directed=True, cdn_resources="in_line")
    placed = positions(graph)
    shared = namesakes(graph)
    for node, data in graph.nodes(data=True):
        style = S.STYLES[data[S.LABEL]]
        extra = {"x": placed[node][0], "y": placed[node][1]} if placed else {}
        if links and node in links:
            extra["href"] = links[node]
        net.add_node(node, label=S.display_name(node, data[S.NAME], shared), color=style.colour, shape=style.shape,
                     title=node_hover(graph, node, shared), value=drawn_degree(graph, node), style=data[S.LABEL],
                     first=data.get(S.DATE), last=data.get(S.END_DATE) or data.get(S.DATE), **extra)
    for source, target, rel_type, data in graph.edges(keys=True, data=True):
        net.add_edge(source, target, id=edge_id(source, target, rel_type), type=rel_type,
                     label=edge_caption(data), title=edge_hover(graph, source, target, data),
                     **dated(data))
    net.options = _options(physics=placed is None, edge_count=graph.number_of_edges())
    return net


def legend(graph: nx.MultiDiGraph) -> dict:
    """Legend rows for the labels and relationship types present, in schema order, with counts."""
    styles = [data[S.LABEL] for _, data in graph.nodes(data=True)]
    types = [rel for *_, rel in graph.edges(keys=True)]
    return {
        "styles": [{"key": label, "zh": style.zh, "colour": style.colour,
                    "glyph": SHAPE_GLYPHS[style.shape], "count": styles.count(label)}
                   for label, style in S.STYLES.items() if label in styles],
        "types": [{"key": rel.name, "zh": rel.short, "count": types.count(rel.name)}
                  for rel in S.RELATIONS.values() if rel.name in types],
    }


def render_html(graph: nx.MultiDiGraph, heading: str = "govkg", *, assets_href: str | None = None,
                nav: tuple[tuple[str, str], ...] = (), links: dict[str, str] | None = None,
                chronicle: Chronicle | None = None) -> str:
    """The page of `graph`. With `assets_href` the page links vis-network and our script from that
    folder (the atlas shares one copy); without, it carries them inline and stands alone. A
    `chronicle` (graph.chronicle: succession, timeline, diffusion) is listed above the network."""
    shown = most_connected(graph, VIEW_NODE_LIMIT)
    if shown is not graph:
        heading = (f"{heading} · 最相关的 {shown.number_of_nodes():,} / {graph.number_of_nodes():,} "
                   f"个节点 most connected nodes")
    net = network(shown, links)
    nodes, edges, *_ = net.get_network_data()
    config = {"nodes": nodes, "edges": edges, "options": net.options, "legend": legend(shown),
              "hiddenStyles": sorted(HIDDEN_AT_START_LABELS), "hiddenTypes": sorted(HIDDEN_AT_START_TYPES),
              "fontFamily": FONT_FAMILY}
    rows = [{"name": graph.nodes[row[0]][S.NAME], "href": (links or {}).get(row[0]), "cells": row[1:]}
            for row in chronicle.rows] if chronicle else []
    return template("view.html").render(
        heading=heading, nav=nav, config=config, assets_href=assets_href, chronicle=chronicle, chronicle_rows=rows,
        inline=None if assets_href else {name: Markup(text) for name, text in assets().items()})


def write_html(graph: nx.MultiDiGraph, path: Path, heading: str = "govkg 全图 full graph", **page) -> None:
    atomic_write_text(path, render_html(graph, heading, **page))


def write_view(graph_path: Path, selection: Selection, out: Path | None = None) -> tuple[Path, nx.MultiDiGraph]:
    """`govkg view`: read graph.json, select, write the page; errors name the graph file."""
    graph_path = Path(graph_path)
    graph = read_graph_json(graph_path)
    try:
        chosen = select(graph, selection)
        heading = f"govkg · {selection.describe(graph)}"
    except ViewError as exc:
        raise ViewError(f"{graph_path}: {exc}") from None
    out = Path(out) if out else graph_path.parent / "view.html"
    write_html(chosen, out, heading)
    return out, chosen


# --------------------------------------------------------------------------- assets and templates


@cache
def assets() -> dict[str, str]:
    """vis-network (from pyvis's bundle) and our page script and style, by file name."""
    vis = resources.files("pyvis") / "templates" / "lib"
    ours = resources.files("graph") / "templates"
    found = {name: (vis / source).read_text(encoding="utf-8") for name, source in VIS_ASSETS.items()}
    found.update({name: (ours / name).read_text(encoding="utf-8") for name in VIEW_ASSETS})
    return found


def write_assets(folder: Path) -> None:
    for name, text in assets().items():
        atomic_write_text(Path(folder) / name, text)


@cache
def _environment() -> Environment:
    env = Environment(loader=PackageLoader("graph", "templates"), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
    return env


def template(name: str):
    return _environment().get_template(name)
