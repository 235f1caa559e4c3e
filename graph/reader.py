"""Read a store back into the neutral model, and turn the model into NetworkX."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from graph.cypher import statement
from graph.model import Citation, Edge, GraphData, Node, paired_citations
from graph.stores.base import Store

if TYPE_CHECKING:
    import networkx as nx

_PROVENANCE = ("source_ids", "quotes")


def _split(props: dict[str, Any], drop: tuple[str, ...]) -> tuple[dict[str, Any], list[Citation]]:
    citations = paired_citations(props.get("source_ids"), props.get("quotes"))  # each source with its own words
    return {k: v for k, v in props.items() if k not in drop + _PROVENANCE}, citations


def read_graph(store: Store) -> GraphData:
    """Everything in ``store`` as a :class:`GraphData` (every property kept)."""
    graph = GraphData()
    for ident, kind, props in store.query(statement("read_nodes")).rows:
        clean, cites = _split(dict(props), ("id", "kind"))
        graph.nodes[ident] = Node(ident, kind, clean, cites)
    for ident, rtype, src, dst, props in store.query(statement("read_edges")).rows:
        clean, cites = _split(dict(props), ("id",))
        graph.edges.append(Edge(ident, rtype, src, dst, clean, cites))
    return graph


def to_networkx(graph: GraphData) -> nx.MultiDiGraph:
    """A MultiDiGraph with every property: node attributes are the stored record, edges are keyed by id."""
    import networkx as nx

    g = nx.MultiDiGraph()
    for node in graph.nodes.values():
        g.add_node(node.id, **node.record())
    for edge in graph.edges:
        g.add_edge(edge.source, edge.target, key=edge.id, type=edge.type, **edge.record())
    return g
