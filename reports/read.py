"""One read: the whole stored graph as one ``nx.MultiDiGraph``, from which a report computes every section.

The graph has the shape :func:`analysis.select.select_graph` gives (nodes carry their record plus ``country``,
the ISO code of the country they lie in; edges are keyed by id and carry ``type``), but it comes from a single
query (``queries/write/report_graph.cypher``), and names are resolved against it rather than the store.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graph.cypher import statement

if TYPE_CHECKING:
    import networkx as nx

    from graph.names import NameIndex
    from graph.stores.base import Store

UNNAMED = frozenset({"Figure", "Source"})  # kinds name resolution never offers (as queries/write/name_index)


def read_graph(store: Store) -> nx.MultiDiGraph:
    """Everything in ``store``, in one query."""
    import networkx as nx

    g = nx.MultiDiGraph()
    edges = []
    for what, ident, kind, props, country, source, target in store.query(statement("report_graph")).rows:
        if what == "node":
            g.add_node(ident, **{**props, "kind": kind, "country": country})
        else:
            edges.append((str(ident), kind, source, target, props))
    for ident, kind, source, target, props in sorted(edges, key=lambda e: e[0]):
        g.add_edge(source, target, key=ident, **{**props, "type": kind})
    return g


def name_index(g: nx.MultiDiGraph) -> NameIndex:
    """The names of ``g`` for :meth:`graph.names.NameIndex.resolve` — what the store's name table holds (names,
    exonyms, partnership ties), from the graph already read, so a report still reads the store once."""
    from collections import Counter

    from graph.names import SAME_ACTOR_RELATIONS, TIE_RELATIONS, NameIndex, actor_kinds

    actors = actor_kinds()
    names = []
    for ident, a in sorted(g.nodes(data=True), key=lambda na: str(na[0])):
        if a.get("kind") not in UNNAMED:
            names.append((str(ident), str(a.get("kind")), a.get("name_en"), a.get("name_uk"), a.get("aliases") or [],
                          a.get("geonames_id")))
    ties: Counter[str] = Counter()
    same: dict[str, set[str]] = {}
    for u, v, d in g.edges(data=True):  # as queries/write/name_ties.cypher
        if d.get("type") in TIE_RELATIONS:
            ties.update(x for x in (u, v) if g.nodes[x].get("kind") in actors)
        elif d.get("type") in SAME_ACTOR_RELATIONS:
            same.setdefault(u, set()).add(v)
            same.setdefault(v, set()).add(u)
    return NameIndex.from_rows(names, [(i, n, sorted(same.get(i, ()))) for i, n in ties.items()])
