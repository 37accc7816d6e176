"""graph.json: networkx node-link JSON, written atomically and read back with checks."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import networkx as nx

from graph import schema as S

FORMAT = "govkg-graph"
FORMAT_VERSION = 1


class GraphFileError(ValueError):
    """A graph.json that cannot be read or was not written by govkg."""


def atomic_write_text(path: Path, text: str) -> None:
    """Write `text` to `path` via a temp file in the same folder and a rename: readers see the old
    file or the new one, never half of one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def graph_to_json(graph: nx.MultiDiGraph) -> str:
    data = nx.node_link_data(graph, edges="links")
    data["graph"] = {"format": FORMAT, "version": FORMAT_VERSION}
    return json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def write_graph_json(graph: nx.MultiDiGraph, path: Path) -> None:
    atomic_write_text(path, graph_to_json(graph))


def read_graph_json(path: Path) -> nx.MultiDiGraph:
    """Load a graph.json written by govkg; anything else raises GraphFileError naming the file."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError:
        raise GraphFileError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GraphFileError(f"{path}: cannot read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise GraphFileError(f"{path}: not JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(data, dict) or data.get("graph", {}).get("format") != FORMAT:
        raise GraphFileError(f"{path}: not a govkg graph.json (no graph.format = {FORMAT!r})")
    if data["graph"].get("version") != FORMAT_VERSION:
        raise GraphFileError(f"{path}: unsupported govkg graph version {data['graph'].get('version')!r}")
    for node in data.get("nodes", []):
        labels = node.get(S.LABELS) or []
        if not node.get(S.ID) or not any(label in S.BASE_LABELS for label in labels):
            raise GraphFileError(f"{path}: node {node.get(S.ID)!r} has no id or no schema label")
    for link in data.get("links", []):
        if link.get(S.TYPE) not in S.RELATIONS:
            raise GraphFileError(f"{path}: edge of unknown type {link.get(S.TYPE)!r}")
    try:
        return nx.node_link_graph(data, directed=True, multigraph=True, edges="links")
    except (KeyError, TypeError, nx.NetworkXError) as exc:
        raise GraphFileError(f"{path}: malformed node-link data: {exc}") from None
