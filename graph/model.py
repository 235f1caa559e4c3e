"""The neutral graph model: plain typed records that every reader and writer shares.

The YAML loader produces a :class:`GraphData`; the Neo4j/FalkorDB writer, the NetworkX builder and the
exporters consume it. Properties are flat (strings, numbers, booleans, lists of strings) so that they can be
stored unchanged in Neo4j, FalkorDB, GraphML and JSON.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

Scalar = str | int | float | bool
PropValue = Scalar | list[str] | list[float]


@dataclass(frozen=True)
class Citation:
    """A source document and a short quote from it that states a fact."""

    source: str
    quote: str


def paired_citations(source_ids: Any, quotes: Any) -> list[Citation]:
    """The citations stored as the parallel lists ``source_ids`` and ``quotes`` (as :meth:`Node.record` writes them).

    Each source keeps its own quote. Lists that do not run in step (a record written by an older importer) cannot
    say which quote belongs to which source: their sources are cited without a quote rather than with another
    source's words.

    >>> paired_citations(["src-a", "src-b"], ["one", "two"])
    [Citation(source='src-a', quote='one'), Citation(source='src-b', quote='two')]
    >>> paired_citations(["src-a", "src-b"], ["one", "two", "three"])
    [Citation(source='src-a', quote=''), Citation(source='src-b', quote='')]
    """
    sources = [str(s) for s in source_ids or [] if s]
    said = [str(q or "") for q in quotes or []]
    if len(sources) != len(said):
        return list(dict.fromkeys(Citation(s, "") for s in sources))
    return [Citation(s, q) for s, q in zip(sources, said, strict=True)]


@dataclass
class Node:
    id: str
    kind: str
    props: dict[str, PropValue] = field(default_factory=dict)
    citations: list[Citation] = field(default_factory=list)

    def record(self) -> dict[str, PropValue]:
        """All properties as stored: id, kind, the fields, and provenance as two parallel lists."""
        out: dict[str, PropValue] = {"id": self.id, "kind": self.kind}
        out.update(self.props)
        out["source_ids"] = [c.source for c in self.citations]
        out["quotes"] = [c.quote for c in self.citations]
        return out

    @property
    def display_name(self) -> str:
        from graph.vocabulary import display_name

        return display_name(self.props, self.id)


@dataclass
class Edge:
    id: str
    type: str
    source: str
    target: str
    props: dict[str, PropValue] = field(default_factory=dict)
    citations: list[Citation] = field(default_factory=list)

    def record(self) -> dict[str, PropValue]:
        out: dict[str, PropValue] = {"id": self.id}
        out.update(self.props)
        out["source_ids"] = [c.source for c in self.citations]
        out["quotes"] = [c.quote for c in self.citations]
        return out


@dataclass
class GraphData:
    """A whole graph: nodes by id and edges in a stable order."""

    nodes: dict[str, Node] = field(default_factory=dict)
    edges: list[Edge] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Counts by node kind and relation type, the same shape ``Store.stats()`` returns."""
        c: Counter[str] = Counter(n.kind for n in self.nodes.values())
        c.update(e.type for e in self.edges)
        return dict(sorted(c.items()))

    def nodes_by_kind(self) -> dict[str, list[Node]]:
        out: dict[str, list[Node]] = {}
        for n in self.nodes.values():
            out.setdefault(n.kind, []).append(n)
        return out

    def edges_by_type(self) -> dict[str, list[Edge]]:
        out: dict[str, list[Edge]] = {}
        for e in self.edges:
            out.setdefault(e.type, []).append(e)
        return out


def clean_props(props: dict[str, Any]) -> dict[str, PropValue]:
    """Drop empty values: a missing property and a null one mean the same in every store."""
    return {k: v for k, v in props.items() if v is not None and v != [] and v != ""}


def merge_graphs(base: GraphData, extra: GraphData) -> GraphData:
    """``base`` plus ``extra``: new nodes and edges are added; for ids ``base`` has, only citations are added
    (the curated record wins over imported data)."""
    out = GraphData({k: Node(n.id, n.kind, dict(n.props), list(n.citations)) for k, n in base.nodes.items()},
                    [Edge(e.id, e.type, e.source, e.target, dict(e.props), list(e.citations)) for e in base.edges])
    for ident, node in extra.nodes.items():
        if ident in out.nodes:
            target = out.nodes[ident]
            target.citations.extend(c for c in node.citations if c not in target.citations)
        else:
            out.nodes[ident] = node
    known = {e.id: e for e in out.edges}
    for edge in extra.edges:
        if edge.id in known:
            known[edge.id].citations.extend(c for c in edge.citations if c not in known[edge.id].citations)
        else:
            out.edges.append(edge)
            known[edge.id] = edge
    return out
