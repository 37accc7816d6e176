"""Merge per-article facts into one networkx MultiDiGraph.

The merge is a reduce by entity id and by (source, type, target) for edges. The result does not
depend on the order articles arrive in: values are kept distinct while merging and sorted when
the graph is produced, and nodes and edges are inserted in sorted order, so the same input gives the
same graph (and byte-identical JSON) however the work was split.
"""
from __future__ import annotations

import gc
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import networkx as nx

from graph import schema as S
from graph.model import ArticleFacts, Entity, Relation
from graph.namesakes import Seat, is_exclusive_head, split_namesakes
from graph.tenure import seen, tenure


_LABELS, _NAMES, _ALIASES, _SOURCES, _NODE_ATTRS = range(5)
_EVIDENCE, _ARTICLES, _TITLES, _ATTRS = range(4)
#: CPython's oldest generation: a collection of it is a full one
FULL_COLLECTION = 2


class GraphBuilder:
    def __init__(self) -> None:
        self._nodes: dict[str, dict] = {}
        self._edges: dict[tuple[str, str, str], list] = {}

    # ---------------------------------------------------------------- accumulate

    def add(self, facts: ArticleFacts) -> None:
        art = facts.article
        self._add_node(Entity(
            id=S.node_id(S.ARTICLE, art.id), labels=[S.ARTICLE], name=art.id,
            attrs={S.TITLE: art.title, S.PATH: art.path, S.DATE: art.date, S.URL: art.url}, sources=[art.id]))
        for entity in facts.entities:
            self._add_node(entity)
        for relation in facts.relations:
            self._add_edge(relation, art.id)

    def _add_node(self, entity: Entity) -> None:
        # a node is [labels, names, aliases, sources, attribute values by name]: short lists, not
        # sets (a set costs 216 bytes empty, and the pools of freed sets would sit unused beside
        # the graph made from them); sources, which grow with the corpus, are made distinct once,
        # when the graph is produced
        node_id = sys.intern(entity.id)
        node = self._nodes.get(node_id)
        if node is None:
            node = self._nodes[node_id] = [[], [], [], [], {}]
        _extend_distinct(node[_LABELS], entity.labels)
        _extend_distinct(node[_NAMES], (entity.name,))
        _extend_distinct(node[_ALIASES], entity.aliases)
        node[_SOURCES].extend(entity.sources)
        for key, value in entity.attrs.items():
            if value is not None:
                _extend_distinct(node[_NODE_ATTRS].setdefault(key, []), (value,))

    def _add_edge(self, relation: Relation, article_id: str) -> None:
        # an edge is [evidence, articles, titles by article, other attributes]: lists and lazily made
        # dicts, since most edges come from one article and a large corpus keeps hundreds of
        # thousands of them (sets would cost several times the memory)
        # one string per node id, shared by its edges (each article's facts bring copies)
        key = (sys.intern(relation.source), relation.type, sys.intern(relation.target))
        edge = self._edges.get(key)
        if edge is None:
            edge = self._edges[key] = [[], [], None, None]
        evidence, articles = edge[_EVIDENCE], edge[_ARTICLES]
        if article_id not in articles:
            articles.append(article_id)
        evidence.extend(e for e in relation.evidence if e not in evidence)
        for name, value in relation.attrs.items():
            if name == S.TITLE:
                if value:
                    edge[_TITLES] = edge[_TITLES] or {}
                    edge[_TITLES].setdefault(article_id, []).append(value)
            elif value is not None:
                edge[_ATTRS] = edge[_ATTRS] or {}
                _extend_distinct(edge[_ATTRS].setdefault(name, []), (value,))

    # ---------------------------------------------------------------- produce

    def graph(self) -> nx.MultiDiGraph:
        """The merged graph. The builder hands its contents over as it goes (a large corpus's
        facts and graph never both sit in memory whole), so it is empty afterwards."""
        with _collector_paused():
            self._split_namesakes()
            return self._produce()

    def _split_namesakes(self) -> None:
        """One node per person where the articles give a name seats no one person holds both of
        (graph.namesakes): the articles, their evidence and their edges move to the new node."""
        places: dict[str, list[str]] = {}
        for source, rel_type, target in self._edges:
            if rel_type == S.LOCATED_IN:
                places.setdefault(source, []).append(target)
        seats = []
        for (source, rel_type, target), edge in self._edges.items():
            if rel_type != S.HOLDS_POSITION or not edge[_TITLES] or target not in places:
                continue
            body = self._nodes[target]
            for kind in body[_NODE_ATTRS].get(S.KIND, ()):
                seats += [Seat(source, min(self._nodes[source][_NAMES]), article, kind, min(places[target]),
                               min(body[_NAMES]))
                          for article, titles in edge[_TITLES].items()
                          if any(is_exclusive_head(kind, title) for title in titles)]
        moves = split_namesakes(seats)
        if moves:
            self._move_articles(moves)

    def _move_articles(self, moves: dict[tuple[str, str], str]) -> None:
        """Give the articles in `moves` ((person id, article id) → new person id) to the new ids."""
        people = {person for person, _ in moves}
        for person in people:
            labels, names, aliases, sources, values_by_name = self._nodes.pop(person)
            for article in sources:
                node_id = moves.get((person, article), person)
                node = self._nodes.get(node_id)
                if node is None:
                    node = self._nodes[node_id] = [list(labels), list(names), list(aliases), [],
                                                   {key: list(values) for key, values in values_by_name.items()}]
                node[_SOURCES].append(article)
        for key in [key for key in self._edges if key[0] in people or key[2] in people]:
            evidence, articles, titles, others = self._edges.pop(key)
            source, rel_type, target = key
            for article in articles:
                new_key = (moves.get((source, article), source), rel_type, moves.get((target, article), target))
                edge = self._edges.get(new_key)
                if edge is None:
                    edge = self._edges[new_key] = [[], [], None, dict(others) if others else None]
                edge[_ARTICLES].append(article)
                edge[_EVIDENCE].extend(item for item in evidence if item.article == article)
                if titles and article in titles:
                    edge[_TITLES] = edge[_TITLES] or {}
                    edge[_TITLES][article] = titles[article]

    def _produce(self) -> nx.MultiDiGraph:
        g = nx.MultiDiGraph()
        for node_id in sorted(self._nodes):
            labels, names, aliases, sources, values_by_name = self._nodes.pop(node_id)
            name = min(names)  # one id, one canonical name; min() only breaks ties stably
            labels = sorted(labels, key=S.SPECIFICITY.index)
            attrs = {key: min(values) for key, values in sorted(values_by_name.items())}
            g.add_node(node_id, **{
                S.ID: node_id, S.NAME: name, S.LABELS: labels, S.LABEL: S.most_specific(labels),
                S.ALIASES: sorted(set(aliases + names) - {name}),
                S.SOURCES: sorted(set(sources)), **attrs})
        for (source, rel_type, target) in sorted(self._edges):
            evidence, articles, titles, others = self._edges.pop((source, rel_type, target))
            attrs = {S.TYPE: rel_type,
                     S.EVIDENCE: sorted(evidence, key=_evidence_order),
                     S.ARTICLES: sorted(articles), **seen(evidence)}
            if rel_type == S.HOLDS_POSITION:
                attrs.update(tenure(evidence))
            title = _merge_titles(titles or {})
            if title:
                attrs[S.TITLE] = title
            for key, values in sorted((others or {}).items()):
                attrs[key] = min(values)
            g.add_edge(source, target, key=rel_type, **attrs)
        return g


@contextmanager
def frozen_after_full_collections() -> Iterator[None]:
    """Keep the cyclic garbage collector from walking the merged facts over and over.

    A build's heap grows by the facts merged, which hold no reference cycles, while extraction
    makes many short-lived cycles that the young generations collect. A full collection walks
    every object each time the heap has grown by a quarter: a fifth of a 10,000-article build's
    time went there (measured). Right after each full collection nothing unreachable is left, so
    everything alive is frozen out of the collector's sight and the next one walks only what is
    new. On leaving, what was frozen returns to the collector (unless something else froze
    objects first: gc.unfreeze cannot tell theirs from ours)."""
    def freeze(phase: str, info: dict) -> None:
        if phase == "stop" and info["generation"] == FULL_COLLECTION:
            gc.freeze()

    frozen_before = gc.get_freeze_count()
    gc.callbacks.append(freeze)
    try:
        yield
    finally:
        gc.callbacks.remove(freeze)
        if not frozen_before:
            gc.unfreeze()


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Producing the graph makes millions of containers and no garbage: collections during it
    would only walk them (measured: more than half of its time at 10,000 articles)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _extend_distinct(items: list, new: Iterable) -> None:
    for item in new:
        if item not in items:
            items.append(item)


def _evidence_order(evidence) -> tuple:
    return (evidence.article, evidence.start, evidence.end, evidence.span or (0, 0), evidence.sentence,
            evidence.change or "")


def _merge_titles(titles_by_article: dict[str, list[str]]) -> str:
    """Post words from every article, in article order, each word once: 党组书记、局长."""
    words: list[str] = []
    for article_id in sorted(titles_by_article):
        for title in titles_by_article[article_id]:
            for word in title.split("、"):
                if word and word not in words:
                    words.append(word)
    return "、".join(words)


def build_graph(facts: Iterable[ArticleFacts]) -> nx.MultiDiGraph:
    builder = GraphBuilder()
    for item in facts:
        builder.add(item)
    return builder.graph()
