"""A govkg graph as property-graph records: what the Neo4j loader and the neo4j-admin CSV export write.

Everything is checked against graph/schema.py before anything is written anywhere: labels and
relationship types must be the schema's (they become Cypher labels and types, which cannot be
parameters), each relationship must join the base labels its type allows, and every property value
must be storable in Neo4j (a string, number or boolean, or a list of strings). A graph that fails
raises GraphFileError naming the source and the node or edge.

Storage form (shared by the loader and the CSV export):
- a node gets all its schema labels (Person:Official); properties `id`, `name`, `label` (the most
  specific label), `aliases`, `sources` and its base label's own keys (kind, date, level, ...);
- a relationship, one per (source, type, target), gets `articles`, `evidence` (the distinct evidence
  sentences), `evidence_json` (each full {article, sentence, start, end} as a JSON string) and its
  type's own keys (`title`, `basis`, `start` …).
Dates (graph/schema.py's DATE_PROPERTIES) become `datetime.date` values: Cypher `date`s in Neo4j.
List properties are sets: distinct values in the order Neo4j sorts strings (UTF-16 code units), so
a list written here equals the same list merged inside Neo4j.
"""
from __future__ import annotations

import datetime
import json
from collections.abc import Mapping
from dataclasses import dataclass

import networkx as nx

from graph import schema as S
from loaders.export import GraphFileError

#: Full evidence records on a relationship, as JSON strings (Neo4j properties cannot hold maps).
EVIDENCE_JSON = "evidence_json"
#: How graph.build joins the post words of one HOLDS_POSITION title (党组书记、局长).
TITLE_SEPARATOR = "、"

NODE_LIST_KEYS = tuple(key for key in S.LIST_NODE_PROPERTIES if key != S.LABELS)
EDGE_LIST_KEYS = (S.ARTICLES, S.EVIDENCE, EVIDENCE_JSON)
SCALAR_TYPES = (str, int, float, bool)


def node_scalar_keys(base: str) -> tuple[str, ...]:
    """Single-valued node properties of a base label, besides id (name and label are handled apart)."""
    return S.NODE_PROPERTIES[base]


def edge_scalar_keys(rel_type: str) -> tuple[str, ...]:
    return (S.FIRST_SEEN, S.LAST_SEEN) + S.RELATIONS[rel_type].properties


def neo4j_key(text: str) -> bytes:
    """Sort key of a string in Neo4j's order: Java compares UTF-16 code units, not code points."""
    return text.encode("utf-16-be")


def neo4j_order(values) -> list[str]:
    """Distinct strings in Neo4j's order."""
    return sorted(set(values), key=neo4j_key)


@dataclass(frozen=True)
class NodeRecord:
    id: str
    base: str
    labels: tuple[str, ...]   # schema labels, most specific first
    props: dict               # everything but id; lists already in neo4j_order


@dataclass(frozen=True)
class EdgeRecord:
    type: str
    source: str
    target: str
    source_base: str
    target_base: str
    props: dict


def graph_records(graph: nx.MultiDiGraph, source: str) -> tuple[list[NodeRecord], list[EdgeRecord]]:
    """All nodes and relationships of `graph` as records, or GraphFileError for the first problem."""
    nodes = [_node_record(key, data, source) for key, data in graph.nodes(data=True)]
    bases = {node.id: node.base for node in nodes}
    edges: dict[tuple[str, str, str], EdgeRecord] = {}
    for u, v, data in graph.edges(data=True):
        record = _edge_record(u, v, data, bases, source)
        identity = (record.source, record.type, record.target)
        if identity in edges:
            raise GraphFileError(f"{source}: edge {u!r} -[{record.type}]-> {v!r} appears twice")
        edges[identity] = record
    return nodes, list(edges.values())


def _node_record(key, data: dict, source: str) -> NodeRecord:
    where = f"{source}: node {key!r}"
    if not isinstance(key, str) or data.get(S.ID, key) != key:
        raise GraphFileError(f"{where}: its id property differs from the node's id")
    labels = data.get(S.LABELS)
    if not _is_string_list(labels) or not labels:
        raise GraphFileError(f"{where}: labels must be a non-empty list of strings")
    unknown = [label for label in labels if label not in S.NODE_LABELS]
    if unknown:
        raise GraphFileError(f"{where}: labels not in the schema: {', '.join(map(repr, unknown))}")
    bases = [label for label in labels if label in S.BASE_LABELS]
    if len(bases) != 1:
        raise GraphFileError(f"{where}: needs exactly one base label of {', '.join(S.BASE_LABELS)}")
    base = bases[0]
    for label in labels:
        if S.SUB_LABELS.get(label, base) != base:
            raise GraphFileError(f"{where}: label {label} refines {S.SUB_LABELS[label]}, not {base}")
    name = data.get(S.NAME)
    if not isinstance(name, str) or not name:
        raise GraphFileError(f"{where}: no name")
    ordered = tuple(sorted(set(labels), key=S.SPECIFICITY.index))
    props = {S.NAME: name, S.LABEL: ordered[0]}
    for list_key in NODE_LIST_KEYS:
        props[list_key] = neo4j_order(_string_list(data.get(list_key, []), f"{where}: {list_key}"))
    for scalar_key in node_scalar_keys(base):
        value = _scalar(data.get(scalar_key), f"{where}: {scalar_key}", scalar_key)
        if value is not None:
            props[scalar_key] = value
    return NodeRecord(key, base, ordered, props)


def _edge_record(u: str, v: str, data: dict, bases: dict[str, str], source: str) -> EdgeRecord:
    rel_type = data.get(S.TYPE)
    where = f"{source}: edge {u!r} -[{rel_type}]-> {v!r}"
    relation = S.RELATIONS.get(rel_type)
    if relation is None:
        raise GraphFileError(f"{where}: type not in the schema")
    if bases[u] not in relation.sources or bases[v] not in relation.targets:
        raise GraphFileError(f"{where}: {rel_type} does not go from {bases[u]} to {bases[v]}")
    evidence = data.get(S.EVIDENCE, [])
    if not isinstance(evidence, list) or not all(_is_evidence(item) for item in evidence):
        raise GraphFileError(f"{where}: evidence must be a list of {{article, sentence, start, end}}")
    props = {
        S.ARTICLES: neo4j_order(_string_list(data.get(S.ARTICLES, []), f"{where}: {S.ARTICLES}")),
        S.EVIDENCE: neo4j_order(item["sentence"] for item in evidence),
        EVIDENCE_JSON: neo4j_order(json.dumps(dict(item), ensure_ascii=False, sort_keys=True) for item in evidence),
    }
    for scalar_key in edge_scalar_keys(rel_type):
        value = _scalar(data.get(scalar_key), f"{where}: {scalar_key}", scalar_key)
        if value not in (None, ""):
            props[scalar_key] = value
    return EdgeRecord(rel_type, u, v, bases[u], bases[v], props)


def _is_string_list(value) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _string_list(value, where: str) -> list[str]:
    if not _is_string_list(value):
        raise GraphFileError(f"{where}: must be a list of strings")
    return value


def _scalar(value, where: str, key: str):
    if key in S.DATE_PROPERTIES and value is not None:
        try:
            return datetime.date.fromisoformat(value)
        except (TypeError, ValueError):
            raise GraphFileError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None
    if value is None or isinstance(value, SCALAR_TYPES):
        return value
    raise GraphFileError(f"{where}: {type(value).__name__} value cannot be stored (string or number expected)")


def _is_evidence(item) -> bool:
    return (isinstance(item, Mapping) and isinstance(item.get("sentence"), str)
            and isinstance(item.get("article"), str))
