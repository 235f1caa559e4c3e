"""One read: the stored graph as one ``nx.MultiDiGraph``, from which a report computes every section.

The graph has the shape :func:`analysis.select.select_graph` gives (nodes carry their record plus ``country``,
the ISO code of the country they lie in; edges are keyed by id and carry ``type``), but it comes from a single
query. A dossier or the overview reads the whole graph (``queries/write/report_graph.cypher``: its network position
and communities are the whole network's) and resolves the name against it. A brief reads only what its sections are
computed from (:func:`read_focus_graph`, ``queries/write/focus_graph.cypher``), after resolving the name by the name
table kept for the store (no store query); the read returns the load stamp, and a table of another load sends the
brief back to the whole read.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from graph.cypher import statement
from graph.errors import NameResolutionError

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


def read_focus_graph(store: Store, ident: str, evidence: bool = True) -> tuple[nx.MultiDiGraph | None, str | None]:
    """What a brief on the entity ``ident`` is computed from (see ``queries/write/focus_graph.cypher``), in a
    few short queries (no step carries what was gathered so far; see the file), and the store's load stamp; None
    for the graph when there is no such entity or a load came between the steps. Without ``evidence`` the
    citations and notes (``source_ids``, ``quotes``, ``note``) are None: the measures never read them.

    Every node carries ``country`` as :func:`read_graph` gives it (the country it represents, else the smallest
    id of a country it lies in within three steps), computed from the location steps the query returns."""
    import networkx as nx

    found = _focus_parts(store, ident, evidence)
    if found is None:
        return None, None
    nodes, relations, stamp = found
    kinds = {str(i): str(k) for i, k, _ in nodes}
    steps: dict[str, set[str]] = {}
    represents: dict[str, set[str]] = {}
    edges: dict[str, tuple[str, str, str, dict[str, object]]] = {}
    for rid, rtype, source, target, props in relations:
        edges[str(rid)] = (rtype, source, target, props)
        if rtype == "LOCATED_IN":
            steps.setdefault(source, set()).add(target)
        elif rtype == "REPRESENTS" and kinds.get(target) == "Country":
            represents.setdefault(source, set()).add(target)
    if not evidence:  # the nulls that stand for the citations: the records lack them, as select_graph's do
        from analysis.select import EVIDENCE

        for props in [p for *_, p in nodes] + [p for *_, p in relations]:
            for key in EVIDENCE:
                if key in props and props[key] is None:
                    del props[key]
    g = nx.MultiDiGraph()
    for ident_, kind, props in sorted(nodes, key=lambda n: str(n[0])):
        g.add_node(ident_, **{**props, "kind": kind, "country": _country(ident_, kinds, steps, represents)})
    for rid in sorted(edges):
        rtype, source, target, props = edges[rid]
        g.add_edge(source, target, key=rid, **{**props, "type": rtype})
    return g, (str(stamp) if stamp else None)


def _statements() -> dict[str, str]:
    """The steps of ``queries/write/focus_graph.cypher`` by name (each headed ``// ---- <name>``)."""
    import re

    parts = re.split(r"^// ---- (\w+)[^\n]*\n", statement("focus_graph"), flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def _focus_parts(store: Store, ident: str, evidence: bool = True) -> tuple[list[Any], list[Any], object] | None:
    """The nodes and relations of the focus read (as rows of the ``nodes`` and ``relations`` steps) and the load
    stamp; None when there is no entity ``ident`` or a load came between the steps (the stamps differ)."""
    from graph.vocabulary import vocabulary

    steps = _statements()
    actors = set(vocabulary().actor_kinds)
    first = store.query(steps["focus"], {"id": ident}).rows
    if not first:
        return None
    f, fkind, stamp = first[0]
    kinds: dict[int, str] = {f: fkind}
    nodes: set[int] = set()
    rels: dict[str, list[Any]] = {}

    def step(name: str, ids: Iterable[int], keep: bool = True) -> set[int]:
        """Run step ``name`` from ``ids``; what it finds (nodes, and relations unless not ``keep``) is kept, and
        the nodes found returned."""
        params: dict[str, object] = {"ids": sorted(set(ids)), "actors": sorted(actors), "evidence": evidence}
        out: set[int] = set()
        _rows = store.query(steps[name], params).rows
        for ns, rs in _rows:
            for i, k in ns:
                kinds[i] = k
                out.add(i)
            if keep:
                rels.update((str(r[0]), r) for r in rs)
        if keep:
            nodes.update(out)
        return out

    def acting(found: Iterable[int]) -> set[int]:
        return {i for i in found if kinds.get(i) in actors}

    xs = step("acts_for", [f])
    ins = xs | step("inside", xs)
    ls = step("acts_for", ins)
    ns1 = step("ties", ls)
    ms = step("in", {f} | ns1)
    step("acts_for", {f} | acting(ns1 | ms))
    px = acting(step("partners", xs, keep=False))
    partners = step("acts_for", {f} | px, keep=False)
    ts = step("partner_ties", partners)
    qs = step("parties", {f} | ts)
    step("acts_for", {f} | acting(ts | qs))
    ss = step("areas", [])
    step("acts_for", {f} | ss)
    step("located", set(nodes))
    step("everywhere", [])
    node_rows = store.query(steps["nodes"], {"ids": sorted(nodes), "evidence": evidence}).rows
    last = store.query(steps["focus"], {"id": ident}).rows
    if not last or last[0][2] != stamp:
        return None
    return node_rows, list(rels.values()), stamp


def _country(n: str, kinds: dict[str, str], steps: dict[str, set[str]], represents: dict[str, set[str]]) -> str | None:
    """As report_graph.cypher: coalesce(the country ``n`` represents, the first of the countries it lies in
    within 0..3 LOCATED_IN steps, by id)."""
    if n in represents:
        return min(represents[n])
    found, frontier, seen = set(), {n}, {n}
    for depth in range(4):
        found |= {m for m in frontier if kinds.get(m) == "Country"}
        if depth == 3:
            break
        frontier = {t for m in frontier for t in steps.get(m, ())} - seen
        seen |= frontier
    return min(found) if found else None


def read_for(store: Store, name: str | None, brief: bool = False) -> tuple[nx.MultiDiGraph, str | None]:
    """The graph a report on ``name`` (None: the overview) is computed from, in one store read, and the id
    ``name`` resolves to (raises :class:`NameResolutionError` as the store's resolver does).

    A brief reads the entity's part of the graph when the name table kept for the store resolves ``name`` and
    is of the store's last load (checked by the stamp the read returns); otherwise — no table kept, a name the
    table does not resolve, a table of another load — the whole graph, against which the name is resolved."""
    if name is not None and brief:
        from graph.names import CACHE_VERSION, kept_table

        table = kept_table(store)
        if table is not None:
            try:
                ident = table.resolve(name)
            except NameResolutionError:
                ident = None  # the whole read resolves it again and says why
            kept = table.stamp()
            table.close()
            if ident is not None:
                g, stamp = read_focus_graph(store, ident)
                if g is not None and f"{CACHE_VERSION}:{stamp}" == kept:
                    return g, ident
    g = read_graph(store)
    return g, (name_index(g).resolve(name) if name is not None else None)


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
