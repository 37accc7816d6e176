"""CSV files for `neo4j-admin database import full`: the bulk path into an empty database.

Bolt and MERGE suit incremental loads; a first load of a very large graph is faster offline, by
Neo4j's importer. The files hold the same records as the Bolt loader writes (loaders.graph_records):
one nodes file per base label and one relationships file per type, with the importer's headers
(`id:ID`, `:LABEL`, `:START_ID`, `:END_ID`, `:TYPE`, `string[]` arrays).

Array values (and multiple labels) are joined with ARRAY_DELIMITER, the ASCII unit separator U+001F:
a control character made for separating fields, which news text does not contain; a value that
does contain it is refused rather than split. Fields are quoted as CSV, so commas, quotes and line
breaks in sentences survive (`--multiline-fields=true`). An empty list is an empty field, which the
importer stores as no property at all.
"""
from __future__ import annotations

import csv
import datetime
import io
import shlex
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from graph import schema as S
from loaders import graph_records as R
from loaders.export import GraphFileError, atomic_write_text

ARRAY_DELIMITER = "\x1f"
#: How the delimiter is spelt on the importer's command line (it reads Java-style escapes).
ARRAY_DELIMITER_ARG = "\\u001F"
NODE_LIST_KEYS = R.NODE_LIST_KEYS
FORMAT = "neo4j-admin"


@dataclass
class AdminExport:
    node_files: list[Path]
    relationship_files: list[Path]
    nodes: int
    relationships: int

    def import_args(self, database: str = "neo4j") -> list[str]:
        """Arguments for `neo4j-admin` that import these files into `database` (which must be new)."""
        return (["database", "import", "full", database, "--id-type=string",
                 f"--array-delimiter={ARRAY_DELIMITER_ARG}", "--multiline-fields=true"]
                + [f"--nodes={path}" for path in self.node_files]
                + [f"--relationships={path}" for path in self.relationship_files])

    def summary(self) -> str:
        files = len(self.node_files) + len(self.relationship_files)
        return (f"wrote {self.nodes} nodes and {self.relationships} relationships in {files} CSV files; "
                f"import them into a new database (server stopped) with:\n  neo4j-admin "
                + " ".join(shlex.quote(arg) for arg in self.import_args()))


def _cell(value, where: str) -> str:
    if isinstance(value, list):
        for item in value:
            if ARRAY_DELIMITER in item:
                raise GraphFileError(f"{where}: a value contains the CSV array delimiter U+001F")
        return ARRAY_DELIMITER.join(value)
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _csv(header: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _column(key: str, list_keys) -> str:
    if key in list_keys:
        return f"{key}:string[]"
    return f"{key}:date" if key in S.DATE_PROPERTIES else key


def export_neo4j_admin(graph: nx.MultiDiGraph, out_dir: Path, source: str) -> AdminExport:
    """Write the CSV files into `out_dir`; everything is checked and rendered before the first file
    is written, and each file is written atomically."""
    nodes, edges = R.graph_records(graph, source)
    texts: dict[str, str] = {}
    node_files, rel_files = [], []
    for base in S.BASE_LABELS:
        records = [node for node in nodes if node.base == base]
        if not records:
            continue
        keys = [S.NAME, S.LABEL, *NODE_LIST_KEYS, *R.node_scalar_keys(base)]
        header = [f"{S.ID}:ID", ":LABEL"] + [_column(key, NODE_LIST_KEYS) for key in keys]
        rows = [[node.id, _cell(list(node.labels), f"{source}: node {node.id!r}")]
                + [_cell(node.props.get(key), f"{source}: node {node.id!r}") for key in keys]
                for node in records]
        name = f"nodes_{base}.csv"
        texts[name] = _csv(header, rows)
        node_files.append(name)
    for rel_type in S.RELATION_TYPES:
        records = [edge for edge in edges if edge.type == rel_type]
        if not records:
            continue
        keys = [*R.EDGE_LIST_KEYS, *R.edge_scalar_keys(rel_type)]
        header = [":START_ID", ":END_ID", ":TYPE"] + [_column(key, R.EDGE_LIST_KEYS) for key in keys]
        rows = [[edge.source, edge.target, edge.type]
                + [_cell(edge.props.get(key), f"{source}: edge {edge.source!r} -[{rel_type}]-> {edge.target!r}")
                   for key in keys]
                for edge in records]
        name = f"relationships_{rel_type}.csv"
        texts[name] = _csv(header, rows)
        rel_files.append(name)
    out_dir = Path(out_dir)
    for name, text in texts.items():
        atomic_write_text(out_dir / name, text)
    return AdminExport([out_dir / name for name in node_files], [out_dir / name for name in rel_files],
                       len(nodes), len(edges))
