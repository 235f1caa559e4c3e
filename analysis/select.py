"""Select the whole graph or a focus subgraph from a store, as an ``nx.MultiDiGraph`` with every property (or
every one but the citations, ``evidence=False``).

Nodes carry their stored record (``kind``, ``name_en``, ``name_uk``, ``source_ids``, ``quotes``…) plus
``country`` (ISO code of the country they lie in, when known). Edges are keyed by their id and carry ``type``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from analysis.nogc import collector_paused
from graph.cypher import statement
from graph.errors import BadInputError
from graph.stores.base import Store
from graph.vocabulary import date_of, parse_partial_date

__all__ = ["Filters", "apply_filters", "date_of", "select_graph"]

if TYPE_CHECKING:
    import networkx as nx

MAX_DEPTH = 5


@dataclass(frozen=True)
class Filters:
    """What to keep. Empty means everything. Dates compare as text at the precision written (2022 < 2022-07).

    Checked when made, against the schema: an unknown kind or status, a country that is not an ISO alpha-2 code
    or a malformed date raises :class:`BadInputError` naming the allowed values. Country codes are lower-cased.
    """

    kinds: Sequence[str] = ()
    countries: Sequence[str] = ()  # ISO codes; nodes with no known country are kept
    statuses: Sequence[str] = ()  # of agreements and cooperation; others are kept
    since: str | None = None  # agreements/cooperation dated before are dropped
    until: str | None = None

    def __post_init__(self) -> None:
        from graph.schema import load_schema

        schema = load_schema()
        bad = [k for k in self.kinds if k not in schema.kinds]
        if bad:
            raise BadInputError(f"unknown kind {', '.join(map(repr, bad))} — use one of: {', '.join(schema.kinds)}")
        allowed = list(dict.fromkeys([*schema.kinds["Agreement"].fields["status"].values,
                                      *schema.relations["COOPERATES_WITH"].fields["status"].values]))
        bad = [s for s in self.statuses if s not in allowed]
        if bad:
            raise BadInputError(f"unknown status {', '.join(map(repr, bad))} — use one of: {', '.join(allowed)}")
        bad = [c for c in self.countries if not re.fullmatch(r"[A-Za-z]{2}", c.strip())]
        if bad:
            raise BadInputError(f"--country takes ISO 3166-1 alpha-2 codes (de, PL), got {', '.join(map(repr, bad))}")
        for name, date in (("--since", self.since), ("--until", self.until)):
            if date is not None and parse_partial_date(date) is None:
                raise BadInputError(f"{name} takes a date as YYYY, YYYY-MM or YYYY-MM-DD, got {date!r}")
        for name, value in (("kinds", self.kinds), ("statuses", self.statuses)):
            object.__setattr__(self, name, tuple(value))
        object.__setattr__(self, "countries", tuple(c.strip().lower() for c in self.countries))


def select_graph(store: Store, focus: str | None = None, depth: int = 2,
                 filters: Filters | None = None, evidence: bool = True) -> nx.MultiDiGraph:
    """The graph in ``store`` — all of it, or what lies within ``depth`` steps of the entity id ``focus``.

    Without ``evidence`` the records lack :data:`EVIDENCE` (the citations and the editor's note): the measures of
    ``partners analyse`` never read them, and on the national graph they are three quarters of what the store
    sends."""
    import networkx as nx

    if focus is None:
        with collector_paused():
            return apply_filters(_whole(store, evidence), filters or Filters())
    if not 1 <= depth <= MAX_DEPTH:
        raise BadInputError(f"--depth must be between 1 and {MAX_DEPTH}, got {depth}")
    text = statement("focus_nodes").replace("__DEPTH__", str(int(depth)))
    rows = store.query(text, {"id": focus}).rows
    if not rows:
        raise BadInputError(f"no entity with id {focus!r}")
    # internal ids, each seeked: testing every entity and relation against a list of ids took 0.5-0.7 s
    f, around = rows[0]
    params = {"ids": sorted({f, *around}), "evidence": evidence}
    g = nx.MultiDiGraph()
    with collector_paused():
        rows = store.query(statement("subgraph_nodes_by_id"), params).rows
        g.add_nodes_from((ident, _with(props, evidence, "kind", kind, "country", country))
                         for ident, kind, props, country in rows)
        rows = store.query(statement("subgraph_edges_from"), params).rows
        g.add_edges_from((src, dst, ident, _with(props, evidence, "type", rtype))
                         for ident, rtype, src, dst, props in rows)
    return apply_filters(g, filters or Filters(), keep=focus)


#: what ``evidence=False`` leaves out of every record (queries/write/graph_nodes.cypher sends them as nulls)
EVIDENCE = ("source_ids", "quotes", "note")


def _whole(store: Store, evidence: bool) -> nx.MultiDiGraph:
    """Every entity and relation, in id order, each entity with its ``country``.

    Built in bulk from the rows as they come (the stored map is the attribute dict): 138k rows on the national
    graph, where a copy or a call per row is seconds. The sort and the countries are done here, from what the
    read brings anyway: on the server they took 1.3 s of the read's 2.5 s (bench/results/latency.md "whole4")."""
    import networkx as nx

    nodes = [_with(props, evidence) for (props,) in store.query(statement("graph_nodes"), {"evidence": evidence}).rows]
    nodes.sort(key=_id)
    edges = [(src, dst, _with(props, evidence, "type", rtype))
             for rtype, src, dst, props in store.query(statement("graph_edges"), {"evidence": evidence}).rows]
    edges.sort(key=_edge_id)
    country = _countries({p["id"]: p.get("kind") for p in nodes}, edges)
    g = nx.MultiDiGraph()
    g.add_nodes_from((p["id"], _with(p, True, "country", country.get(p["id"]))) for p in nodes)
    g.add_edges_from((src, dst, props["id"], props) for src, dst, props in edges)
    return g


def _id(props: dict[str, Any]) -> Any:
    return props["id"]


def _edge_id(edge: tuple[Any, Any, dict[str, Any]]) -> Any:
    return edge[2]["id"]


def _countries(kinds: dict[Any, Any], edges: Sequence[tuple[Any, Any, dict[str, Any]]]) -> dict[Any, Any]:
    """The ISO code of each entity's country: the one it represents (an embassy), else the first by id of the
    countries it is or lies in within three LOCATED_IN steps — what subgraph_nodes_by_id.cypher computes.

    >>> _countries({"ua": "Country", "o": "Region", "c": "City", "e": "Organisation", "ch": "Country"},
    ...            [("c", "o", {"type": "LOCATED_IN"}), ("o", "ua", {"type": "LOCATED_IN"}),
    ...             ("e", "c", {"type": "LOCATED_IN"}), ("e", "ch", {"type": "REPRESENTS"})])
    {'ua': 'ua', 'o': 'ua', 'c': 'ua', 'e': 'ch', 'ch': 'ch'}
    """
    up: dict[Any, list[Any]] = {}
    represents: dict[Any, list[Any]] = {}
    for src, dst, props in edges:
        rtype = props["type"]
        if rtype == "LOCATED_IN":
            up.setdefault(src, []).append(dst)
        elif rtype == "REPRESENTS" and kinds.get(dst) == "Country":
            represents.setdefault(src, []).append(dst)
    memo: dict[tuple[Any, int], frozenset[Any]] = {}

    def within(n: Any, steps: int) -> frozenset[Any]:
        key = (n, steps)
        if key not in memo:
            found = {n} if kinds.get(n) == "Country" else set()
            if steps:
                for m in up.get(n, ()):
                    found |= within(m, steps - 1)
            memo[key] = frozenset(found)
        return memo[key]

    out: dict[Any, Any] = {}
    for n in kinds:
        if n in represents:
            out[n] = min(represents[n])
        elif n in up or kinds[n] == "Country":
            found = within(n, 3)
            if found:
                out[n] = min(found)
    return out


def _with(props: dict[str, Any], evidence: bool, *pairs: Any) -> dict[str, Any]:
    """``props`` (a fresh dict from the store) with the given key/value pairs set in place, and without the
    nulls that stand for :data:`EVIDENCE` when ``evidence`` is false."""
    if not evidence:
        for key in EVIDENCE:
            if key in props and props[key] is None:
                del props[key]
    for i in range(0, len(pairs), 2):
        props[pairs[i]] = pairs[i + 1]
    return props


def apply_filters(g: nx.MultiDiGraph, f: Filters, keep: str | None = None) -> nx.MultiDiGraph:
    """Drop nodes and ties that the filters exclude (the focus node ``keep`` always stays).

    Without any filter ``g`` itself is returned (no copy)."""
    if not (f.kinds or f.countries or f.statuses or f.since or f.until):
        return g
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
    date = date_of(attrs)
    if f.since and (date is None or date[: len(f.since)] < f.since):
        return True
    return bool(f.until and date is not None and date[: len(f.until)] > f.until)
