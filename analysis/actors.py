"""One actor, whatever body speaks for it: a place together with the bodies that act for it.

An oblast, its council or military administration and that administration's office of international
cooperation; a city and the departments of its council — each answers partnership questions as one actor. Which
bodies act for which place is declared once, in ``graph/schema.yaml`` (``acts_for``): bodies (Organisations) that
reach a place (City, Community, Region) through the declared relations (GOVERNS, PART_OF), passing only through
other bodies. The named queries read the same declaration (``__ACTS_FOR__`` in ``queries/*.cypher``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

    from graph.model import GraphData
    from graph.schema import ActsFor


def _spec() -> ActsFor:
    from graph.schema import load_schema

    return load_schema().acts_for


def acts_for(g: nx.MultiDiGraph, spec: ActsFor | None = None) -> dict[Any, Any]:
    """Every body of the stored graph ``g`` that acts for a place, mapped to that place (the nearest it reaches,
    the smallest id among equally near ones).

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("oblast", kind="Region"); g.add_node("ova", kind="Organisation")
    >>> g.add_node("office", kind="Organisation"); g.add_node("eu", kind="Organisation")
    >>> g.add_node("cor", kind="Organisation")
    >>> _ = g.add_edge("ova", "oblast", type="GOVERNS"); _ = g.add_edge("office", "ova", type="PART_OF")
    >>> _ = g.add_edge("cor", "eu", type="PART_OF")      # a body of a body that is no place: its own actor
    >>> acts_for(g)
    {'office': 'oblast', 'ova': 'oblast'}
    """
    def steps(n: Any) -> list[tuple[str, Any]]:
        return [(str(d.get("type")), v) for _, v, d in g.out_edges(n, data=True)]

    return _acts_for({n: a.get("kind") for n, a in g.nodes(data=True)}, steps, spec)


def acts_for_model(graph: GraphData, spec: ActsFor | None = None) -> dict[str, str]:
    """:func:`acts_for` over the neutral model (what coverage reads), the same rule.

    >>> from graph.model import Edge, GraphData, Node
    >>> m = GraphData()
    >>> for ident, kind in (("oblast", "Region"), ("council", "Organisation"), ("office", "Organisation")):
    ...     m.nodes[ident] = Node(ident, kind, {})
    >>> m.edges += [Edge("e1", "GOVERNS", "council", "oblast"), Edge("e2", "PART_OF", "office", "council")]
    >>> acts_for_model(m)
    {'council': 'oblast', 'office': 'oblast'}
    """
    out_steps: dict[str, list[tuple[str, str]]] = {}
    for e in graph.edges:
        out_steps.setdefault(e.source, []).append((e.type, e.target))
    return _acts_for({n.id: n.kind for n in graph.nodes.values()}, lambda n: out_steps.get(n, []), spec)


def _acts_for(kinds: Mapping[Any, Any], steps: Callable[[Any], list[tuple[str, Any]]],
              spec: ActsFor | None) -> dict[Any, Any]:
    """Body -> the nearest place it reaches through the declared relations, passing only through bodies."""
    spec = spec or _spec()
    types, places, bodies = set(spec.relations), set(spec.places), set(spec.bodies)
    out: dict[Any, Any] = {}
    for n in sorted(kinds, key=str):
        if kinds[n] not in bodies:
            continue
        frontier, seen = [n], {n}
        for _ in range(spec.depth):
            nxt = sorted({v for u in frontier for t, v in steps(u) if t in types and v not in seen},
                         key=str)
            found = [v for v in nxt if kinds.get(v) in places]
            if found:
                out[n] = found[0]
                break
            frontier = [v for v in nxt if kinds.get(v) in bodies]
            seen.update(frontier)
            if not frontier:
                break
    return out


def members(amap: dict[Any, Any], actor: Any) -> list[Any]:
    """The actor and the bodies that act for it (``amap`` from :func:`acts_for`), the actor first.

    >>> members({"ova": "oblast", "office": "oblast", "dept": "city"}, "oblast")
    ['oblast', 'office', 'ova']
    """
    return [actor, *sorted((b for b, place in amap.items() if place == actor), key=str)]


def actor_of(amap: dict[Any, Any], node: Any) -> Any:
    """The place ``node`` acts for, else ``node`` itself.

    >>> actor_of({"ova": "oblast"}, "ova"), actor_of({"ova": "oblast"}, "kassel")
    ('oblast', 'kassel')
    """
    return amap.get(node, node)
