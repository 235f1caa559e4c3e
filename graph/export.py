"""Export the graph as NetworkX node-link JSON, GraphML or GEXF, keeping every property."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.errors import BadInputError
from graph.model import GraphData
from graph.reader import to_networkx

if TYPE_CHECKING:
    import networkx as nx

FORMATS = ("json", "graphml", "gexf")


def _flatten_lists(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """GraphML and GEXF hold only scalars: lists are written as JSON text (``["a", "b"]``)."""
    h = g.copy()

    def flat(attrs: dict[str, Any]) -> None:
        for k, v in list(attrs.items()):
            if isinstance(v, list):
                attrs[k] = json.dumps(v, ensure_ascii=False)

    for _, attrs in h.nodes(data=True):
        flat(attrs)
    for _, _, attrs in h.edges(data=True):
        flat(attrs)
    return h


def export_graph(graph: GraphData, fmt: str, path: Path) -> None:
    """Write ``graph`` to ``path`` in ``fmt``; the file is replaced only once it is complete."""
    import networkx as nx

    if fmt not in FORMATS:
        raise BadInputError(f"unknown export format {fmt!r} — choose one of {', '.join(FORMATS)}")
    g = to_networkx(graph)
    tmp = path.with_name(path.name + ".tmp")
    if fmt == "json":
        data = nx.node_link_data(g, edges="links")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    elif fmt == "graphml":
        nx.write_graphml(_flatten_lists(g), tmp, encoding="utf-8")
    else:
        nx.write_gexf(_flatten_lists(g), tmp, encoding="utf-8")
    tmp.replace(path)
