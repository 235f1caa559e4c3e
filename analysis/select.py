"""Select the whole graph or a focus subgraph from a store, as an ``nx.MultiDiGraph`` with every property.

Nodes carry their stored record (``kind``, ``name_en``, ``name_uk``, ``source_ids``, ``quotes``…) plus
``country`` (ISO code of the country they lie in, when known). Edges are keyed by their id and carry ``type``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graph.cypher import statement
from graph.errors import BadInputError
from graph.stores.base import Store

if TYPE_CHECKING:
    import networkx as nx

MAX_DEPTH = 5


@dataclass(frozen=True)
class Filters:
    """What to keep. Empty means everything. Dates compare as text at the precision written (2022 < 2022-07)."""

    kinds: Sequence[str] = ()
    countries: Sequence[str] = ()  # ISO codes; nodes with no known country are kept
    statuses: Sequence[str] = ()  # of agreements and cooperation; others are kept
    since: str | None = None  # agreements/cooperation dated before are dropped
    until: str | None = None


def _date_of(attrs: dict[str, Any]) -> str | None:
    for key in ("signed", "renewed", "since", "expected", "date", "start"):
        if attrs.get(key):
            return str(attrs[key])
    return None


def select_graph(store: Store, focus: str | None = None, depth: int = 2,
                 filters: Filters | None = None) -> nx.MultiDiGraph:
    """The graph in ``store`` — all of it, or what lies within ``depth`` steps of the entity id ``focus``."""
    import networkx as nx

    ids: list[str] | None = None
    if focus is not None:
        if not 1 <= depth <= MAX_DEPTH:
            raise BadInputError(f"--depth must be between 1 and {MAX_DEPTH}, got {depth}")
        text = statement("focus_nodes").replace("__DEPTH__", str(int(depth)))
        rows = store.query(text, {"id": focus}).rows
        if not rows:
            raise BadInputError(f"no entity with id {focus!r}")
        ids = list(rows[0][0])
    g = nx.MultiDiGraph()
    for ident, kind, props, country in store.query(statement("subgraph_nodes"), {"ids": ids}).rows:
        g.add_node(ident, **{**props, "kind": kind, "country": country})
    for ident, rtype, src, dst, props in store.query(statement("subgraph_edges"), {"ids": ids}).rows:
        g.add_edge(src, dst, key=ident, **{**props, "type": rtype})
    return apply_filters(g, filters or Filters(), keep=focus)


def apply_filters(g: nx.MultiDiGraph, f: Filters, keep: str | None = None) -> nx.MultiDiGraph:
    """Drop nodes and ties that the filters exclude (the focus node ``keep`` always stays)."""
    drop: set[str] = set()
    for n, a in g.nodes(data=True):
        if n == keep:
            continue
        if f.kinds and a.get("kind") not in f.kinds:
            drop.add(n)
        elif f.countries and a.get("country") and a["country"] not in f.countries and a.get("kind") != "Country":
            drop.add(n)
        elif a.get("kind") == "Agreement" and _excluded(a, f):
            drop.add(n)
    h = g.copy()
    h.remove_nodes_from(drop)
    h.remove_edges_from([(u, v, k) for u, v, k, a in h.edges(keys=True, data=True)
                         if a.get("type") == "COOPERATES_WITH" and _excluded(a, f)])
    return h


def _excluded(attrs: dict[str, Any], f: Filters) -> bool:
    if f.statuses and attrs.get("status") not in f.statuses:
        return True
    date = _date_of(attrs)
    if f.since and (date is None or date[: len(f.since)] < f.since):
        return True
    return bool(f.until and date is not None and date[: len(f.until)] > f.until)
