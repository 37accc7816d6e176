"""graph.json: networkx node-link JSON, written atomically and read back with checks."""
from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
import os
import tempfile
from pathlib import Path

import networkx as nx

from graph import schema as S

FORMAT = "govkg-graph"
FORMAT_VERSION = 1


class GraphFileError(ValueError):
    """A graph.json that cannot be read or was not written by govkg."""


def atomic_write_text(path: Path, text: str | Iterable[str]) -> None:
    """Write `text` (a string, or its pieces in order) to `path` via a temp file in the same
    folder and a rename: readers see the old file or the new one, never half of one."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.writelines([text] if isinstance(text, str) else text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _as_dict(value: object) -> dict:
    """Evidence items of a built graph are compact records that read as mappings (graph.model.Evidence)."""
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


#: One line per node and link, compact: json's C encoder (indent makes it use the Python one,
#: three times slower on a large graph) and a file a line-oriented tool can read record by record
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=_as_dict, separators=(",", ":"))


def _json_pieces(graph: nx.MultiDiGraph) -> Iterator[str]:
    """networkx node-link JSON (the data of nx.node_link_data(graph, edges="links"), keys sorted),
    one node or link at a time and one per line: node_link_data would first copy every attribute
    dict of a large graph."""
    def items(records: Iterator[dict]) -> Iterator[str]:
        for index, record in enumerate(records):
            yield ("," if index else "") + "\n" + _ENCODER.encode(record)

    meta = _ENCODER.encode({"format": FORMAT, "version": FORMAT_VERSION})
    yield f'{{"directed":true,"graph":{meta},"links":['
    links = ({**data, "source": u, "target": v, "key": k} for u, v, k, data in graph.edges(keys=True, data=True))
    yield from items(links)
    yield ("\n" if graph.number_of_edges() else "") + '],"multigraph":true,"nodes":['
    yield from items({**data, "id": n} for n, data in graph.nodes(data=True))
    yield ("\n" if graph.number_of_nodes() else "") + "]}\n"


def graph_to_json(graph: nx.MultiDiGraph) -> str:
    return "".join(_json_pieces(graph))


def write_graph_json(graph: nx.MultiDiGraph, path: Path) -> None:
    """Written piece by piece: a large graph's file never sits in memory whole."""
    atomic_write_text(path, _json_pieces(graph))


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
    except (ValueError, RecursionError) as exc:  # numbers too long, nesting too deep
        raise GraphFileError(f"{path}: not usable JSON ({exc})") from None
    _check_node_link(data, path)
    try:
        return nx.node_link_graph(data, directed=True, multigraph=True, edges="links")
    except (KeyError, TypeError, nx.NetworkXError) as exc:
        raise GraphFileError(f"{path}: malformed node-link data: {exc}") from None


def _check_node_link(data: object, path: Path) -> None:
    """Raise GraphFileError unless `data` is node-link JSON of a govkg graph that networkx and
    the loaders can take without surprises (another tool's file, or one edited by hand)."""
    meta = data.get("graph") if isinstance(data, dict) else None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise GraphFileError(f"{path}: not a govkg graph.json (no graph.format = {FORMAT!r})")
    if meta.get("version") != FORMAT_VERSION:
        raise GraphFileError(f"{path}: unsupported govkg graph version {meta.get('version')!r}")
    nodes, links = data.get("nodes"), data.get("links")
    if not isinstance(nodes, list) or not isinstance(links, list):
        raise GraphFileError(f"{path}: \"nodes\" and \"links\" must both be lists")
    ids = set()
    for number, node in enumerate(nodes, 1):
        labels = node.get(S.LABELS) if isinstance(node, dict) else None
        node_id = node.get(S.ID) if isinstance(node, dict) else None
        if not isinstance(node_id, str) or not node_id or not isinstance(labels, list) \
                or not any(label in S.BASE_LABELS for label in labels):
            raise GraphFileError(f"{path}: node #{number} ({node_id!r}) has no id or no schema label")
        ids.add(node_id)
    for number, link in enumerate(links, 1):
        if not isinstance(link, dict) or link.get(S.TYPE) not in S.RELATIONS:
            kind = link.get(S.TYPE) if isinstance(link, dict) else link
            raise GraphFileError(f"{path}: edge #{number} is of unknown type {kind!r}")
        for end in ("source", "target"):
            if not isinstance(link.get(end), str) or link[end] not in ids:
                raise GraphFileError(f"{path}: edge #{number} {end} {link.get(end)!r} is not a node")
