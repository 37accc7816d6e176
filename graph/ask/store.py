"""What `govkg ask` reads, from either store: a graph.json through networkx, or Neo4j.

Questions are answered in Python from a few read primitives — the entities, one node's facts, a
node's relations of one type, the shortest chain between two nodes — and each primitive is one
fixed, parameterised Cypher statement (or its networkx twin). The question's words only ever
travel as parameter values, and both stores give the same answers.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

import networkx as nx

from graph import schema as S
from loaders.graph_records import EVIDENCE_JSON, neo4j_key, neo4j_order

#: Relationship types a chain between two entities may use: facts, not "mentioned together"
CHAIN_TYPES = tuple(t for t in S.RELATION_TYPES if t not in (S.MENTIONS, S.AUTHORED))
#: Longest chain looked for
MAX_CHAIN = 8
#: Edge properties a relation row carries besides its evidence
EDGE_KEYS = (S.TITLE, S.STATUS, S.START, S.END, S.FIRST_SEEN, S.LAST_SEEN)
NODE_KEYS = (S.DATE, S.END_DATE, S.LEVEL, S.KIND)

_EDGE_COLUMNS = (f"RETURN b.{S.ID} AS other, " + ", ".join(f"r.{key} AS {key}" for key in EDGE_KEYS)
                 + f", r.{EVIDENCE_JSON} AS evidence")
#: The read primitives; those starting from a node name its base label (taken from the node's id),
#: so that Neo4j looks the id up in the label's uniqueness index
CYPHER = {
    "entities": (f"MATCH (n) WHERE NOT n:{S.ARTICLE} "
                 f"RETURN n.{S.ID} AS id, n.{S.NAME} AS name, n.{S.ALIASES} AS aliases, n.{S.LABEL} AS label, "
                 f"labels(n) AS labels"),
    **{("node", label): (f"MATCH (n:{label} {{{S.ID}: $id}}) RETURN " + ", ".join(f"n.{key} AS {key}" for key in NODE_KEYS))
       for label in S.BASE_LABELS},
    **{("out", label): f"MATCH (a:{label} {{{S.ID}: $id}})-[r]->(b) WHERE type(r) = $type {_EDGE_COLUMNS}"
       for label in S.BASE_LABELS},
    **{("in", label): f"MATCH (a:{label} {{{S.ID}: $id}})<-[r]-(b) WHERE type(r) = $type {_EDGE_COLUMNS}"
       for label in S.BASE_LABELS},
    **{("chain", source, target): (
        f"MATCH (a:{source} {{{S.ID}: $from}}), (b:{target} {{{S.ID}: $to}}) "
        f"MATCH p = allShortestPaths((a)-[*..{MAX_CHAIN}]-(b)) "
        f"WHERE none(n IN nodes(p) WHERE n:{S.ARTICLE}) AND all(r IN relationships(p) WHERE type(r) IN $types) "
        f"WITH p, [n IN nodes(p) | n.{S.ID}] AS ids ORDER BY ids LIMIT 1 "
        f"RETURN [n IN nodes(p) | n.{S.ID}] AS ids, [r IN relationships(p) | type(r)] AS types")
       for source in S.BASE_LABELS for target in S.BASE_LABELS},
}


def label_of(node_id: str) -> str:
    """The base label a node id starts with (Person:王伟@济宁市 → Person)."""
    label = node_id.partition(":")[0]
    if label not in S.BASE_LABELS:
        raise ValueError(f"not a node id of the schema: {node_id!r}")
    return label


@dataclass(frozen=True)
class Entity:
    id: str
    name: str
    aliases: tuple[str, ...]
    label: str      # the most specific label
    base: str


@dataclass(frozen=True)
class Link:
    other: str            # the node at the other end
    props: dict           # EDGE_KEYS present on the edge
    evidence: tuple[dict, ...]


@dataclass
class Store:
    """A read-only view of a graph; `statements` lists the Cypher of every primitive used."""
    statements: list[str] = field(default_factory=list)

    def _used(self, key) -> None:
        if CYPHER[key] not in self.statements:
            self.statements.append(CYPHER[key])


class GraphStore(Store):
    """A graph.json read into networkx."""

    def __init__(self, graph: nx.MultiDiGraph):
        super().__init__()
        self.graph = graph

    def entities(self) -> list[Entity]:
        self._used("entities")
        return [Entity(node, data[S.NAME], tuple(data.get(S.ALIASES, ())), data[S.LABEL], S.base_label(data[S.LABELS]))
                for node, data in self.graph.nodes(data=True) if S.ARTICLE not in data[S.LABELS]]

    def node(self, node_id: str) -> dict:
        self._used(("node", label_of(node_id)))
        data = self.graph.nodes[node_id]
        return {key: data.get(key) for key in NODE_KEYS}

    def links(self, node_id: str, rel_type: str, outgoing: bool = True) -> list[Link]:
        self._used(("out" if outgoing else "in", label_of(node_id)))
        edges = (self.graph.out_edges(node_id, keys=True, data=True) if outgoing
                 else self.graph.in_edges(node_id, keys=True, data=True))
        return [Link(v if outgoing else u, {k: data[k] for k in EDGE_KEYS if data.get(k) not in (None, "")},
                     tuple(json.loads(item) for item in
                           neo4j_order(json.dumps(dict(e), ensure_ascii=False, sort_keys=True) for e in data.get(S.EVIDENCE, ()))))
                for u, v, rel, data in edges if rel == rel_type]

    def chain(self, source: str, target: str) -> tuple[list[str], list[str]]:
        """The shortest chain of facts between two nodes (the one whose ids sort first)."""
        self._used(("chain", label_of(source), label_of(target)))
        graph = self.graph
        facts = nx.Graph()
        facts.add_nodes_from(n for n, d in graph.nodes(data=True) if S.ARTICLE not in d[S.LABELS])
        kinds: dict[frozenset, set[str]] = {}
        for u, v, rel in graph.edges(keys=True):
            if rel in CHAIN_TYPES and u in facts and v in facts and u != v:
                facts.add_edge(u, v)
                kinds.setdefault(frozenset((u, v)), set()).add(rel)
        try:
            paths = list(nx.all_shortest_paths(facts, source, target))
        except (nx.NetworkXNoPath, nx.NodeNotFound):
            return [], []
        best = min((p for p in paths if len(p) - 1 <= MAX_CHAIN), key=lambda p: [neo4j_key(n) for n in p],
                   default=None)
        if best is None:
            return [], []
        return best, [min(kinds[frozenset(pair)]) for pair in zip(best, best[1:])]


class Neo4jStore(Store):
    """A Neo4j database loaded with `govkg load`, read in read transactions."""

    def __init__(self, database):
        from loaders.neo4j import to_plain   # the driver's dates as ISO text, as the CLI prints them
        super().__init__()
        self.database = database
        self._plain = to_plain

    def _rows(self, key, **params) -> list[dict]:
        self._used(key)
        keys, records = self.database.query(CYPHER[key], params)
        return [dict(zip(keys, record.values())) for record in records]

    def entities(self) -> list[Entity]:
        return [Entity(r["id"], r["name"], tuple(r["aliases"] or ()), r["label"], S.base_label(r["labels"]))
                for r in self._rows("entities")]

    def node(self, node_id: str) -> dict:
        rows = self._rows(("node", label_of(node_id)), id=node_id)
        return {key: self._plain(rows[0][key]) for key in NODE_KEYS} if rows else {}

    def links(self, node_id: str, rel_type: str, outgoing: bool = True) -> list[Link]:
        rows = self._rows(("out" if outgoing else "in", label_of(node_id)), id=node_id, type=rel_type)
        return [Link(r["other"], {k: self._plain(r[k]) for k in EDGE_KEYS if r[k] not in (None, "")},
                     tuple(json.loads(item) for item in r["evidence"] or ())) for r in rows]

    def chain(self, source: str, target: str) -> tuple[list[str], list[str]]:
        rows = self._rows(("chain", label_of(source), label_of(target)),
                          **{"from": source, "to": target, "types": list(CHAIN_TYPES)})
        return (rows[0]["ids"], rows[0]["types"]) if rows else ([], [])
