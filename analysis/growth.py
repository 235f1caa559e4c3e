"""How the partnership book grew: agreements and cooperations counted by year and kind."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING, Any

from graph.errors import BadInputError

if TYPE_CHECKING:
    import networkx as nx

_YEAR = re.compile(r"^(\d{4})")


def _year(*dates: Any) -> int | None:
    for date in dates:
        m = _YEAR.match(str(date)) if date else None
        if m:
            return int(m.group(1))
    return None


def agreements_by_year(g: nx.MultiDiGraph, node: Any | None = None) -> list[dict[str, Any]]:
    """New agreements and cooperations per year and kind, in the stored graph ``g`` (or of one ``node``).

    For a partnership officer: how fast the partnership book grows, and with what — twinnings, memoranda,
    solidarity partnerships, or cooperation without an agreement (kind ``cooperation``, a
    ``COOPERATES_WITH`` relation). An agreement counts in the year it was signed, else renewed, else (when
    planned) expected — planned agreements therefore appear in future years, filter by status to leave them
    out; a cooperation counts in its ``since`` year. Anything without a date is not counted. With ``node``,
    only the agreements it is party to and the cooperations it is in, together with the bodies that act for the
    same place (:mod:`analysis.actors`). Rows are ``{year, kind, count}``,
    sorted by year, then kind.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a1", kind="Agreement", agreement_kind="twinning", signed="2008-05")
    >>> g.add_node("a2", kind="Agreement", agreement_kind="memorandum", signed="2022")
    >>> g.add_node("a3", kind="Agreement", agreement_kind="twinning", expected="2027", status="planned")
    >>> g.add_node("a4", kind="Agreement", agreement_kind="memorandum")      # no date: not counted
    >>> for a in ("a1", "a2", "a3"):
    ...     _ = g.add_edge("dolyna", a, type="PARTY_TO")
    >>> _ = g.add_edge("dolyna", "kalush", type="COOPERATES_WITH", since="2022-02")
    >>> agreements_by_year(g, "dolyna")  # doctest: +NORMALIZE_WHITESPACE
    [{'year': 2008, 'kind': 'twinning', 'count': 1}, {'year': 2022, 'kind': 'cooperation', 'count': 1},
     {'year': 2022, 'kind': 'memorandum', 'count': 1}, {'year': 2027, 'kind': 'twinning', 'count': 1}]
    """
    if node is not None and node not in g:
        raise BadInputError(f"{node!r} is not in the selected graph — check the name, or widen --depth and the filters")
    counts: Counter[tuple[int, str]] = Counter()
    if node is None:
        agreements = [n for n, a in g.nodes(data=True) if a.get("kind") == "Agreement"]
        cooperations = [d for _, _, d in g.edges(data=True) if d.get("type") == "COOPERATES_WITH"]
    else:
        from analysis.actors import actor_of, acts_for, members

        amap = acts_for(g)   # one actor: the place with the bodies that act for it (its council, administration)
        ours = members(amap, actor_of(amap, node))
        agreements = sorted({v for who in ours for _, v, d in g.out_edges(who, data=True)
                             if d.get("type") == "PARTY_TO" and g.nodes[v].get("kind") == "Agreement"}, key=str)
        seen = {e for who in ours for e in [*g.out_edges(who, keys=True, data="type"),
                                            *g.in_edges(who, keys=True, data="type")] if e[3] == "COOPERATES_WITH"}
        cooperations = [g.edges[u, v, k] for u, v, k, _ in sorted(seen, key=str)
                        if actor_of(amap, u) != actor_of(amap, v)]
    for n in agreements:
        a = g.nodes[n]
        year = _year(a.get("signed"), a.get("renewed"), a.get("expected"))
        if year is not None:
            counts[(year, str(a.get("agreement_kind") or "agreement"))] += 1
    for d in cooperations:
        year = _year(d.get("since"))
        if year is not None:
            counts[(year, "cooperation")] += 1
    return [{"year": y, "kind": k, "count": n} for (y, k), n in sorted(counts.items())]
