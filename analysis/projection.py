"""The partnership projection: actors joined directly, Agreement and cooperation folded into edges.

In the stored graph two cities are joined through an Agreement node (both PARTY_TO it) or by a
COOPERATES_WITH relation. For network measures we want actor–actor ties: :func:`partnership_graph` folds
each agreement into edges between every pair of its parties, and keeps each cooperation as an edge.
Every tie keeps what it came from (kind, status, date, agreement id, sources), so a number can be explained.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

import networkx as nx

from graph.vocabulary import date_of, vocabulary

ACTOR_KINDS = vocabulary().actor_kinds


def _tie(kind: str, status: Any, date: Any, via: str, sources: Any, quotes: Any, flags: Any = None) -> dict[str, Any]:
    tie = {"kind": kind, "status": status, "date": date, "via": via,
           "source_ids": list(sources or []), "quotes": list(quotes or [])}
    if flags:  # risk and legitimacy flags of the tie (graph/flags.py)
        tie["flags"] = list(flags)
    return tie


def partnership_graph(g: nx.MultiDiGraph) -> nx.Graph:
    """Actor–actor partnership ties from the stored graph ``g``.

    Returns an undirected ``nx.Graph``: nodes are places and organisations (with their attributes); an edge
    has ``ties`` (a list of dicts: kind, status, date, via, source_ids, quotes) and ``weight`` (how many).

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", kind="City"); g.add_node("b", kind="City"); g.add_node("x", kind="Agreement",
    ...     agreement_kind="twinning", status="signed", signed="2001", source_ids=["s"], quotes=["q"])
    >>> _ = g.add_edge("a", "x", type="PARTY_TO"); _ = g.add_edge("b", "x", type="PARTY_TO")
    >>> p = partnership_graph(g)
    >>> p["a"]["b"]["weight"], p["a"]["b"]["ties"][0]["kind"], p["a"]["b"]["ties"][0]["date"]
    (1, 'twinning', '2001')
    """
    p = nx.Graph()
    p.add_nodes_from((n, a) for n, a in g.nodes(data=True) if a.get("kind") in ACTOR_KINDS)

    def add(u: str, v: str, tie: dict[str, Any]) -> None:
        if u == v or u not in p or v not in p:
            return
        if p.has_edge(u, v):
            p[u][v]["ties"].append(tie)
            p[u][v]["weight"] = len(p[u][v]["ties"])
        else:
            p.add_edge(u, v, ties=[tie], weight=1)

    for n, a in g.nodes(data=True):
        if a.get("kind") != "Agreement":
            continue
        parties = sorted({u for u, _, d in g.in_edges(n, data=True) if d.get("type") == "PARTY_TO"})
        date = date_of(a)
        for u, v in combinations(parties, 2):
            add(u, v, _tie(a.get("agreement_kind", "agreement"), a.get("status"), date, n,
                           a.get("source_ids"), a.get("quotes"), a.get("flags")))
    for u, v, d in g.edges(data=True):
        if d.get("type") == "COOPERATES_WITH":
            add(u, v, _tie("cooperation", d.get("status"), date_of(d), d.get("via") or "",
                           d.get("source_ids"), d.get("quotes"), d.get("flags")))
    return p
