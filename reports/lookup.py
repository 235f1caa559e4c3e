"""Small read-only look-ups on the stored graph (the ``nx.MultiDiGraph`` of :func:`reports.read.read_graph`):
relations by type, the places something lies in, the Source entities footnotes point to.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import TYPE_CHECKING, Any

from graph.model import Citation
from graph.vocabulary import date_fields, is_pending, vocabulary, year_of
from reports.footnotes import citations_of

if TYPE_CHECKING:
    import networkx as nx

ACTOR_KINDS = vocabulary().actor_kinds


def sources(g: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """The Source entities of ``g`` by id (what footnotes point to)."""
    return {n: a for n, a in g.nodes(data=True) if a.get("kind") == "Source"}


EVENT_DATE_FIELDS = tuple(f for f in date_fields() if f not in ("expected", "end", "published"))  # what happened


def document_dates(g: nx.MultiDiGraph) -> dict[str, tuple[str, bool]]:
    """Each Source's date as ``(date, stated)``: its ``published`` date where it states one (``stated``), else the
    year of the latest event it reports (a signing, a renewal, a meeting; nothing planned or expected). A Source
    that reports no dated event has no entry.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("src-a", kind="Source", published="2024-03")
    >>> g.add_node("src-b", kind="Source")
    >>> g.add_node("agr", kind="Agreement", signed="2019-05-02", source_ids=["src-b"])
    >>> g.add_node("plan", kind="Agreement", status="planned", expected="2027", source_ids=["src-b"])
    >>> _ = g.add_edge("x", "agr", type="PARTY_TO", since="2021", source_ids=["src-b"])
    >>> sorted(document_dates(g).items())
    [('src-a', ('2024-03', True)), ('src-b', ('2021', False))]
    """
    latest: dict[str, int] = {}
    records = [a for _, a in g.nodes(data=True)] + [d for _, _, d in g.edges(data=True)]
    for a in records:
        if is_pending(a) or a.get("status") == "planned":
            continue
        years = [y for f in EVENT_DATE_FIELDS if (y := year_of(a.get(f))) is not None]
        if not years:
            continue
        for src in a.get("source_ids") or []:
            latest[src] = max(latest.get(src, 0), *years)
    out: dict[str, tuple[str, bool]] = {}
    for n, a in sources(g).items():
        if a.get("published"):
            out[n] = (str(a["published"]), True)
        elif n in latest:
            out[n] = (str(latest[n]), False)
    return out


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
