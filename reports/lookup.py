"""Small read-only look-ups on the stored graph (the ``nx.MultiDiGraph`` of :func:`reports.read.read_graph`):
relations by type, the places something lies in, the Source entities footnotes point to.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import TYPE_CHECKING, Any

from graph.model import Citation
from graph.vocabulary import vocabulary
from reports.footnotes import citations_of

if TYPE_CHECKING:
    import networkx as nx

ACTOR_KINDS = vocabulary().actor_kinds


def sources(g: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """The Source entities of ``g`` by id (what footnotes point to)."""
    return {n: a for n, a in g.nodes(data=True) if a.get("kind") == "Source"}


def edges(g: nx.MultiDiGraph, u: Any, v: Any, types: Collection[str], both: bool = False) -> list[dict[str, Any]]:
    """Attributes of the relations u→v (and v→u with ``both``) whose type is in ``types``."""
    found: list[dict[str, Any]] = []
    pairs = [(u, v), (v, u)] if both else [(u, v)]
    for a, b in pairs:
        for d in (g.get_edge_data(a, b) or {}).values():
            if d.get("type") in types:
                found.append(d)
    return found


def out_edges(g: nx.MultiDiGraph, n: Any, types: Collection[str]) -> Iterator[tuple[Any, dict[str, Any]]]:
    """(target, attributes) of the relations leaving ``n`` with a type in ``types``."""
    for _, t, d in g.out_edges(n, data=True):
        if d.get("type") in types:
            yield t, d


def in_edges(g: nx.MultiDiGraph, n: Any, types: Collection[str]) -> Iterator[tuple[Any, dict[str, Any]]]:
    """(origin, attributes) of the relations arriving at ``n`` with a type in ``types``."""
    for s, _, d in g.in_edges(n, data=True):
        if d.get("type") in types:
            yield s, d


def located_in(g: nx.MultiDiGraph, n: Any, depth: int = 3) -> list[tuple[Any, list[Citation]]]:
    """The places ``n`` lies in (nearest first, up to ``depth`` steps), each with the citations of that step."""
    out: list[tuple[Any, list[Citation]]] = []
    seen = {n}
    frontier = [n]
    for _ in range(depth):
        nxt = []
        for m in frontier:
            steps = sorted(out_edges(g, m, {"LOCATED_IN"}),
                           key=lambda td: (g.nodes[td[0]].get("kind") == "Country", str(td[0])))  # country last
            for t, d in steps:
                if t not in seen:
                    seen.add(t)
                    nxt.append(t)
                    out.append((t, citations_of(d)))
        frontier = nxt
    return out
