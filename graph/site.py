"""`govkg site DIR`: a static atlas of DIR/graph.json in DIR/site, browsable offline from file://.

index.html lists every entity by kind (officials with their posts, bureaus, reforms, events with
their dates, places, …) and every article; each entity has a focus page (its neighbourhood as a
view), each article a page with its text, the entities in it highlighted and linked, and the
sentences that are evidence for a relation marked. One copy of the scripts lives in site/assets.
"""
from __future__ import annotations

import hashlib
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from graph import schema as S
from graph.chronicle import chronicle_of
from graph.views import (HIDDEN_AT_START_TYPES, NODE_FACTS, Selection, edge_caption, namesakes, render_html,
                         select, template, write_assets)
from loaders.articles import ArticleError, iter_articles
from loaders.export import atomic_write_text, read_graph_json

SITE = "site"
ASSETS = "assets"
NODE_PAGES = "nodes"
ARTICLE_PAGES = "articles"
#: Focus pages show the direct neighbourhood; `govkg view --focus` goes further.
SITE_FOCUS_HOPS = 1
#: Shorter names are not searched for in article text: one character matches all over it.
MIN_SEARCHED_NAME = 2
#: Focus pages link at most this many of the entity's articles.
NAV_ARTICLES = 8


@dataclass
class SiteResult:
    index: Path
    pages: int
    missing_texts: list[str] = field(default_factory=list)  # article ids whose text was not found

    def summary(self) -> str:
        lines = [f"wrote {self.pages} pages; open {self.index}"]
        lines += [f"  article {article}: text not found, page shows its evidence only"
                  for article in self.missing_texts]
        return "\n".join(lines)


@dataclass(frozen=True)
class Segment:
    """A run of article text: plain, naming an entity, and/or inside evidence sentences."""
    text: str
    node: str | None = None
    evidence: tuple[str, ...] = ()


def page_name(node_id: str) -> str:
    """A file name for a node's page: ids hold any character, file names should not."""
    base = node_id.split(":", 1)[0].lower()
    return f"{base}-{hashlib.sha1(node_id.encode('utf-8')).hexdigest()[:12]}.html"


def page_path(graph: nx.MultiDiGraph, node: str) -> str:
    """Where a node's page lives, relative to the site folder."""
    folder = ARTICLE_PAGES if S.ARTICLE in graph.nodes[node][S.LABELS] else NODE_PAGES
    return f"{folder}/{page_name(node)}"


def write_site(folder: Path) -> SiteResult:
    """Write FOLDER/site from FOLDER/graph.json (FOLDER may also name the graph.json itself).

    The site is written to a temporary folder and swapped in whole: a failed run leaves the
    previous site as it was."""
    folder = Path(folder)
    graph_path = folder if folder.suffix == ".json" else folder / "graph.json"
    graph = read_graph_json(graph_path)
    target = graph_path.parent / SITE
    staging = Path(tempfile.mkdtemp(prefix=f".{SITE}.", dir=graph_path.parent))
    try:
        result = _write_pages(graph, graph_path, staging)
        retired = None
        if target.exists():
            retired = Path(tempfile.mkdtemp(prefix=f".{SITE}.old.", dir=graph_path.parent))
            target.rename(retired / SITE)
        staging.rename(target)
        if retired:
            shutil.rmtree(retired)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    result.index = target / "index.html"
    return result


def _write_pages(graph: nx.MultiDiGraph, graph_path: Path, site: Path) -> SiteResult:
    write_assets(site / ASSETS)
    pages = {node: page_path(graph, node) for node in graph}
    atomic_write_text(site / "index.html", template("site_index.html").render(
        root="", title=f"govkg 图谱总览 atlas · {graph_path.parent.name or graph_path.name}",
        sections=index_sections(graph, pages), graph=graph, pages=pages,
        nodes=graph.number_of_nodes(), edges=graph.number_of_edges()))
    atomic_write_text(site / "graph.html", render_html(
        graph, "govkg 全图 full graph", assets_href=ASSETS, nav=(("← 总览 atlas", "index.html"),),
        links=pages))
    count = 2
    from_subfolder = {node: f"../{path}" for node, path in pages.items()}
    shared = namesakes(graph)
    for node, data in graph.nodes(data=True):
        if S.ARTICLE in data[S.LABELS]:
            continue
        view = select(graph, Selection(focus=node, hops=SITE_FOCUS_HOPS))
        articles = [(f"文章 {article}", from_subfolder[S.node_id(S.ARTICLE, article)])
                    for article in data[S.SOURCES][:NAV_ARTICLES] if S.node_id(S.ARTICLE, article) in graph]
        atomic_write_text(site / pages[node], render_html(
            view, f"{S.display_name(node, data[S.NAME], shared)} · {S.STYLES[data[S.LABEL]].zh}",
            assets_href=f"../{ASSETS}",
            nav=(("← 总览 atlas", "../index.html"), ("全图 full graph", "../graph.html"), *articles),
            links=from_subfolder, chronicle=chronicle_of(graph, node)))
        count += 1
    missing = []
    for node, data in graph.nodes(data=True):
        if S.ARTICLE not in data[S.LABELS]:
            continue
        text = article_text(data, graph_path)
        if text is None:
            missing.append(data[S.NAME])
        atomic_write_text(site / pages[node], article_page(graph, node, text, from_subfolder))
        count += 1
    return SiteResult(index=site / "index.html", pages=count, missing_texts=missing)


# --------------------------------------------------------------------------- index


def relation_rows(graph: nx.MultiDiGraph, node: str) -> list[tuple[str, str, str]]:
    """(arrow, caption, other node) for the node's relations drawn in views, outgoing first."""
    rows = [("→", edge_caption(data), target)
            for _, target, rel, data in graph.out_edges(node, keys=True, data=True)
            if rel not in HIDDEN_AT_START_TYPES]
    rows += [("←", edge_caption(data), source)
             for source, _, rel, data in graph.in_edges(node, keys=True, data=True)
             if rel not in HIDDEN_AT_START_TYPES]
    return rows


def node_facts(data: dict) -> list[tuple[str, str]]:
    return [(caption, data[key]) for key, caption in NODE_FACTS if data.get(key) and key != S.PATH]


def index_sections(graph: nx.MultiDiGraph, pages: dict[str, str]) -> list[dict]:
    """One section per view style (most specific label), in the schema's order."""
    sections = []
    for label, style in S.STYLES.items():
        members = sorted((node for node, data in graph.nodes(data=True) if data[S.LABEL] == label),
                         key=lambda node: (graph.nodes[node].get(S.DATE) or "", graph.nodes[node][S.NAME]))
        if members:
            sections.append({"label": label, "zh": style.zh, "colour": style.colour, "rows": [
                {"node": node, "href": pages[node], "facts": node_facts(graph.nodes[node]),
                 "relations": relation_rows(graph, node)} for node in members]})
    return sections


# --------------------------------------------------------------------------- article pages


def article_text(data: dict, graph_path: Path) -> str | None:
    """The article's text, read the way `govkg build` read it, from its recorded path: as given,
    else relative to the graph's folder or the folder above it (where `build` usually ran)."""
    recorded = Path(data.get(S.PATH) or "")
    if not recorded.name:
        return None
    candidates = [recorded] if recorded.is_absolute() else [
        recorded, graph_path.parent / recorded, graph_path.parent.parent / recorded]
    for candidate in candidates:
        if candidate.is_file():
            try:
                for article in iter_articles([candidate], strict=False):
                    if article.id == data[S.NAME]:
                        return article.text
            except ArticleError:
                continue
    return None


def _surface_forms(data: dict) -> set[str]:
    return {form for form in (data[S.NAME], *data.get(S.ALIASES, ())) if len(form) >= MIN_SEARCHED_NAME}


def _span_of(text: str, item: dict) -> tuple[int, int] | None:
    """Where an evidence sentence sits in the text: its offsets when they hold, else where it occurs."""
    start, end, sentence = item.get("start"), item.get("end"), item.get("sentence") or ""
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text) \
            and (not sentence or text[start:end] == sentence):
        return start, end
    found = text.find(sentence) if sentence else -1
    return (found, found + len(sentence)) if found >= 0 else None


def article_entities(graph: nx.MultiDiGraph, article_node: str) -> list[str]:
    article_id = graph.nodes[article_node][S.NAME]
    found = {target for target in graph.successors(article_node)
             if S.ARTICLE not in graph.nodes[target][S.LABELS]}
    found |= {node for node, data in graph.nodes(data=True)
              if article_id in data.get(S.SOURCES, ()) and S.ARTICLE not in data[S.LABELS]}
    return sorted(found, key=lambda node: (S.SPECIFICITY.index(graph.nodes[node][S.LABEL]), node))


def segments(graph: nx.MultiDiGraph, article_node: str, text: str) -> list[Segment]:
    """The article text cut into segments at every highlighted name and evidence sentence.

    Names come from MENTIONS spans and from searching the text for every name and alias of the
    article's entities; where two overlap, the one starting first wins, the longer at equal starts."""
    article_id = graph.nodes[article_node][S.NAME]
    named: list[tuple[int, int, str]] = []
    for _, target, rel, data in graph.out_edges(article_node, keys=True, data=True):
        if rel == S.MENTIONS:
            forms = _surface_forms(graph.nodes[target]) | {graph.nodes[target][S.NAME]}
            named += [(item["start"], item["end"], target) for item in data.get(S.EVIDENCE, ())
                      if item.get("article") == article_id and _holds(text, item, forms)]
    for node in article_entities(graph, article_node):
        for form in _surface_forms(graph.nodes[node]):
            named += [(m.start(), m.end(), node) for m in re.finditer(re.escape(form), text)]
    chosen, reach = [], 0
    for start, end, node in sorted(set(named), key=lambda span: (span[0], span[0] - span[1], span[2])):
        if start >= reach:
            chosen.append((start, end, node))
            reach = end
    sentences: list[tuple[int, int, str]] = []
    for source, target, rel, data in graph.edges(keys=True, data=True):
        if rel in HIDDEN_AT_START_TYPES:
            continue
        caption = f"{graph.nodes[source][S.NAME]} —{edge_caption(data)}→ {graph.nodes[target][S.NAME]}"
        for item in data.get(S.EVIDENCE, ()):
            span = _span_of(text, item) if item.get("article") == article_id else None
            if span:
                sentences.append((*span, caption))
    cuts = sorted({0, len(text), *(p for s in chosen for p in s[:2]), *(p for s in sentences for p in s[:2])})
    result = []
    for start, end in zip(cuts, cuts[1:]):
        node = next((n for s, e, n in chosen if s <= start and end <= e), None)
        evidence = tuple(dict.fromkeys(c for s, e, c in sentences if s <= start and end <= e))
        result.append(Segment(text[start:end], node, evidence))
    return result


def _holds(text: str, item: dict, forms: set[str]) -> bool:
    start, end = item.get("start"), item.get("end")
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text) \
        and text[start:end] in forms


def article_relations(graph: nx.MultiDiGraph, article_id: str) -> list[dict]:
    rows = []
    for source, target, rel, data in graph.edges(keys=True, data=True):
        sentences = [item["sentence"] for item in data.get(S.EVIDENCE, ()) if item.get("article") == article_id]
        if rel not in HIDDEN_AT_START_TYPES and sentences:
            rows.append({"source": source, "target": target, "caption": edge_caption(data),
                         "sentences": list(dict.fromkeys(sentences))})
    return rows


def article_page(graph: nx.MultiDiGraph, node: str, text: str | None, links: dict[str, str]) -> str:
    data = graph.nodes[node]
    return template("site_article.html").render(
        root="../", title=data.get(S.TITLE) or data[S.NAME], article=data, graph=graph, links=links,
        facts=node_facts(data), authors=[source for source, _, rel in graph.in_edges(node, keys=True)
                                         if rel == S.AUTHORED],
        segments=segments(graph, node, text) if text is not None else None,
        relations=article_relations(graph, data[S.NAME]), entities=article_entities(graph, node),
        styles=S.STYLES)

