"""The partnership projection: actors joined directly, Agreement and cooperation folded into edges.

In the stored graph two cities are joined through an Agreement node (both PARTY_TO it) or by a
COOPERATES_WITH relation. For network measures we want actor–actor ties: :func:`partnership_graph` folds
each agreement into edges between every pair of its parties, and keeps each cooperation as an edge.
Every tie keeps what it came from (kind, status, date, agreement id, sources), so a number can be explained.

One actor, whatever body speaks for it (:mod:`analysis.actors`): a body that acts for a place (the oblast's
military administration, its office of international cooperation, a council's department) is not a node of its
own — its ties are the place's, each counted once, and each tie says which body held it (``bodies``: actor id →
the body on that side). ``p.graph["acts_for"]`` maps every folded body to its place.
Cooperation with a country as a whole (COOPERATES_WITH_COUNTRY) is not a partnership tie and is left out.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

import networkx as nx

from graph.vocabulary import date_of, vocabulary

ACTOR_KINDS = vocabulary().actor_kinds


def _tie(kind: str, status: Any, date: Any, via: str, sources: Any, quotes: Any,
         bodies: dict[Any, Any] | None = None, flags: Any = None) -> dict[str, Any]:
    tie = {"kind": kind, "status": status, "date": date, "via": via,
           "source_ids": list(sources or []), "quotes": list(quotes or []), "bodies": dict(bodies or {})}
    if flags:  # risk and legitimacy flags of the tie (graph/flags.py)
        tie["flags"] = list(flags)
    return tie


def partnership_graph(g: nx.MultiDiGraph, flagged: bool = True) -> nx.Graph:
    """Actor–actor partnership ties from the stored graph ``g``.

    Returns an undirected ``nx.Graph``: nodes are places and organisations (with their attributes); an edge
    has ``ties`` (a list of dicts: kind, status, date, via, source_ids, quotes) and ``weight`` (how many).
    Without ``flagged``, the flagged ties are left out: the same graph as ``graph.flags.without_flagged`` of the
    whole projection, made in one pass (a copy of the national projection took a second).

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", kind="City"); g.add_node("b", kind="City"); g.add_node("x", kind="Agreement",
    ...     agreement_kind="twinning", status="signed", signed="2001", source_ids=["s"], quotes=["q"])
    >>> _ = g.add_edge("a", "x", type="PARTY_TO"); _ = g.add_edge("b", "x", type="PARTY_TO")
    >>> p = partnership_graph(g)
    >>> p["a"]["b"]["weight"], p["a"]["b"]["ties"][0]["kind"], p["a"]["b"]["ties"][0]["date"]
    (1, 'twinning', '2001')
    >>> g.nodes["x"]["flags"] = ["ended"]
    >>> partnership_graph(g)["a"]["b"]["ties"][0]["flags"], partnership_graph(g, flagged=False).has_edge("a", "b")
    (['ended'], False)
    >>> del g.nodes["x"]["flags"]

    A body that acts for a place is folded into it, and the tie says which body signed:

    >>> g.add_node("oblast", kind="Region"); g.add_node("ova", kind="Organisation")
    >>> _ = g.add_edge("ova", "oblast", type="GOVERNS"); _ = g.add_edge("ova", "x", type="PARTY_TO")
    >>> p = partnership_graph(g)
    >>> "ova" in p, sorted(p["oblast"]), p["oblast"]["a"]["ties"][0]["bodies"]["oblast"], p.graph["acts_for"]
    (False, ['a', 'b'], 'ova', {'ova': 'oblast'})
    """
    from analysis.actors import acts_for

    amap = acts_for(g)
    p = nx.Graph(acts_for=amap)
    p.add_nodes_from((n, a) for n, a in g.nodes(data=True) if a.get("kind") in ACTOR_KINDS and n not in amap)
    # each pair's ties, in the order the pairs are first met (the order of the edges as add_edge would make them);
    # the edges are added in bulk at the end
    pairs: dict[tuple[Any, Any], list[dict[str, Any]]] = {}

    def add(u: str, v: str, tie: dict[str, Any]) -> None:
        if u == v or u not in p or v not in p:
            return
        ties = pairs.get((u, v))
        if ties is None:
            ties = pairs.get((v, u))
            if ties is None:
                ties = pairs[(u, v)] = []
        if flagged or "flags" not in tie:
            ties.append(tie)

    for n, a in g.nodes(data=True):
        if a.get("kind") != "Agreement":
            continue
        by_actor: dict[Any, Any] = {}   # an agreement signed by the place and by its council counts once
        for party in sorted((u for u, _, d in g.in_edges(n, data=True) if d.get("type") == "PARTY_TO"), key=str):
            by_actor.setdefault(amap.get(party, party), party)
        date = date_of(a)
        for u, v in combinations(sorted(by_actor, key=str), 2):
            add(u, v, _tie(a.get("agreement_kind", "agreement"), a.get("status"), date, n,
                           a.get("source_ids"), a.get("quotes"), {u: by_actor[u], v: by_actor[v]}, a.get("flags")))
    for u, v, d in g.edges(data=True):
        if d.get("type") == "COOPERATES_WITH":
            au, av = amap.get(u, u), amap.get(v, v)
            add(au, av, _tie("cooperation", d.get("status"), date_of(d), d.get("via") or "",
                             d.get("source_ids"), d.get("quotes"), {au: u, av: v}, d.get("flags")))
    p.add_edges_from((u, v, {"ties": ties, "weight": len(ties)}) for (u, v), ties in pairs.items() if ties)
    return p
