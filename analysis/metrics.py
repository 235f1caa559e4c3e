"""Network measures of the partnership projection: who is central, who brokers, which groups form.

Every function takes the actor–actor graph ``p`` made by :func:`analysis.projection.partnership_graph`
(an undirected ``nx.Graph`` whose edges carry ``weight`` = number of agreements and cooperations between the
two) and returns plain data keyed by entity id. Nothing here reads a store or prints.

Results depend only on what the graph holds, never on the order a store returned it: the randomised
algorithms (sampled betweenness, Louvain) run on a copy with nodes and edges in sorted order, with a fixed
seed, so the embedded store and Neo4j give the same numbers.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from graph.errors import BadInputError

if TYPE_CHECKING:
    import networkx as nx

    from analysis.results import DegreeRow, Position

# Exact betweenness runs one shortest-path search from every actor, so its cost grows with actors × ties.
# Above analysis.fast.LARGE (1,000) actors betweenness, communities, core numbers and brokers are computed by
# igraph with NetworkX's results (bench/results/analysis-backends.md: exact betweenness of 5,000 actors in
# 1.8 s where NetworkX takes 82 s), betweenness also below it on dense graphs (BETWEENNESS_WORK_FOR_IGRAPH);
# NetworkX stays the reference below it and in the tests. Callers that
# choose automatically (:func:`betweenness_sample_size`, :func:`network_position`, ``partners analyse``) are
# exact up to 5,000 actors and sample 500 pivots above.
EXACT_BETWEENNESS_UP_TO = 5000
BETWEENNESS_SAMPLE = 500
# Below LARGE, betweenness still goes to igraph when actors × ties is above this: NetworkX's exact betweenness of a
# focus's part of the national graph (Lviv: 986 actors, 774 ties) took 3.5 s, igraph's 0.04 s with the same values
# (max difference 0.0); importing igraph (and the NumPy its Graph() imports) costs about 0.3 s, which NetworkX
# spends at about this size. Communities stay NetworkX's below LARGE (igraph's Louvain is another algorithm).
BETWEENNESS_WORK_FOR_IGRAPH = 200_000
# Up to this many actors PageRank is this module's own power iteration in pure Python (NetworkX's algorithm, the
# same values to 1e-16): importing NumPy and SciPy for NetworkX's sparse one costs about 0.35 s, more than the
# whole iteration on a focus's part of the national graph (Kyiv, 1,399 actors: 0.05 s). Above, SciPy (37× faster).
# NetworkX's own pure-Python version (pagerank_alg._pagerank_python, private) builds a stochastic DiGraph copy and
# took 1.00 s where this takes 0.11 s (1,400 actors, 2,500 ties; values within 1e-18).
PAGERANK_PURE_UP_TO = 5000


def name_of(g: nx.Graph, node: Any) -> str:
    """The English name of ``node``, else its Ukrainian name, else its id.

    >>> import networkx as nx
    >>> g = nx.Graph(); g.add_node("ua-zhytomyr", name_en="Zhytomyr", name_uk="Житомир"); g.add_node("x")
    >>> name_of(g, "ua-zhytomyr"), name_of(g, "x")
    ('Zhytomyr', 'x')
    """
    from graph.vocabulary import display_name

    return display_name(g.nodes[node] if node in g else {}, node)


def _key(node: Any) -> tuple[str, str]:
    return (type(node).__name__, str(node))


def _canonical(p: nx.Graph) -> nx.Graph:
    """A copy of ``p`` with nodes and edges inserted in sorted order (weights only), for reproducible runs.

    A graph this function made is returned as it is, so a caller running several measures on one graph
    (``network_position``, ``partners analyse``) sorts it once.

    >>> import networkx as nx
    >>> h = _canonical(nx.Graph([("b", "a"), ("c", "a")]))
    >>> list(h.edges), _canonical(h) is h
    ([('a', 'b'), ('a', 'c')], True)
    """
    import networkx as nx

    if p.graph.get("canonical_id") == id(p):   # made here (a subgraph or copy of it has another id)
        return p
    h = nx.Graph()
    h.graph["canonical_id"] = id(h)
    h.add_nodes_from(sorted(p.nodes, key=_key))
    edges = []
    for u, v, d in p.edges(data=True):
        if u == v:
            continue
        a, b = (u, v) if _key(u) <= _key(v) else (v, u)
        edges.append((a, b, d.get("weight", 1)))
    edges.sort(key=lambda e: (_key(e[0]), _key(e[1])))
    h.add_weighted_edges_from(edges)
    return h


def require_actor(p: nx.Graph, node: Any) -> None:
    """Raise the one-line error for a ``node`` that is not an actor of the partnership graph ``p``.

    >>> import networkx as nx
    >>> require_actor(nx.Graph([("a", "b")]), "x")
    Traceback (most recent call last):
    graph.errors.BadInputError: 'x' is not a place or organisation in the selected partnership graph — check ...
    """
    if node not in p:
        raise BadInputError(f"{node!r} is not a place or organisation in the selected partnership graph — "
                            "check the name, or widen --depth and the filters")


def degree_table(p: nx.Graph, top: int | None = None) -> list[DegreeRow]:
    """Every actor with its number of partners (``degree``) and of ties (``weighted_degree``).

    For a partnership officer: ``degree`` is how many different places and organisations an actor works
    with; ``weighted_degree`` also counts repeated ties with the same partner (a memorandum, then a
    solidarity partnership, then a twinning with Kassel count 3) — how busy the relationship book is.
    Sorted by weighted degree, then degree (both highest first), then id; with ``top``, only the first ``top``.

    >>> import networkx as nx
    >>> p = nx.Graph()
    >>> p.add_edge("a", "b", weight=3); p.add_edge("a", "c", weight=1)
    >>> p.nodes["a"].update(name_en="Zhytomyr", kind="City", country="ua")
    >>> [(r["id"], r["degree"], r["weighted_degree"]) for r in degree_table(p)]
    [('a', 2, 4), ('b', 1, 3), ('c', 1, 1)]
    >>> degree_table(p)[0]["name"], degree_table(p)[0]["country"], degree_table(p, top=2) == degree_table(p)[:2]
    ('Zhytomyr', 'ua', True)
    """
    degree, weighted = dict(p.degree()), dict(p.degree(weight="weight"))
    order = sorted(p, key=lambda n: (-weighted[n], -degree[n], _key(n)))
    rows: list[DegreeRow] = []
    for n in order if top is None else order[:top]:  # names for the rows shown only: 42k actors nationally
        attrs = p.nodes[n]
        rows.append({"id": n, "name": name_of(p, n), "kind": attrs.get("kind"), "country": attrs.get("country"),
                     "degree": degree[n], "weighted_degree": weighted[n]})
    return rows


def betweenness_sample_size(p: nx.Graph) -> int | None:
    """How many pivots :func:`betweenness` should sample for ``p``: ``None`` (exact) up to
    ``EXACT_BETWEENNESS_UP_TO`` (5,000) actors, ``BETWEENNESS_SAMPLE`` (500) above.

    >>> import networkx as nx
    >>> betweenness_sample_size(nx.path_graph(5000)), betweenness_sample_size(nx.empty_graph(5001))
    (None, 500)
    """
    return None if p.number_of_nodes() <= EXACT_BETWEENNESS_UP_TO else BETWEENNESS_SAMPLE


def betweenness(p: nx.Graph, k: int | None = None, seed: int = 42) -> dict[Any, float]:
    """How often each actor lies on the shortest chain of partnerships between two others.

    For a partnership officer: a broker who can introduce partners — a high value means many pairs of
    places are connected (at shortest) only through this actor. Normalised to 0–1: the share of pairs of
    other actors whose shortest chains pass through it (split evenly when there are several shortest chains).
    Ties count as one step whatever their weight.

    Exact when ``k`` is ``None``. With ``k`` the shortest chains are followed from ``k`` actors chosen at
    random (with ``seed``), an estimate whose error shrinks with ``k``; use :func:`betweenness_sample_size`
    to choose (exact up to 5,000 actors, 500 pivots above). ``k`` at least the number of actors is exact.

    >>> import networkx as nx
    >>> p = nx.path_graph(["a", "b", "c", "d"])   # a – b – c – d
    >>> {n: round(v, 3) for n, v in betweenness(p).items()}
    {'a': 0.0, 'b': 0.667, 'c': 0.667, 'd': 0.0}
    """
    import networkx as nx

    from analysis import fast

    h = _canonical(p)
    if k is not None and k >= h.number_of_nodes():
        k = None
    if h.number_of_nodes() > fast.LARGE or h.number_of_nodes() * h.number_of_edges() > BETWEENNESS_WORK_FOR_IGRAPH:
        return fast.betweenness(h, k=k, seed=seed)
    return dict(nx.betweenness_centrality(h, k=k, seed=seed, normalized=True))


def pagerank(p: nx.Graph) -> dict[Any, float]:
    """PageRank of each actor over the partnership ties, weighted by the number of ties.

    For a partnership officer: how well connected an actor's partners are themselves — partnering with a
    well-networked city counts for more than with an isolated one. The values sum to 1 over all actors;
    compare them within one graph, not across graphs. Damping 0.85, as usual; an actor without ties passes
    its share to everyone. NetworkX's power iteration to a tolerance of 1e-10 per actor: sparse (SciPy) above
    ``PAGERANK_PURE_UP_TO`` actors, in pure Python (:func:`_power_iteration`, the same values) up to it.

    >>> import networkx as nx
    >>> r = pagerank(nx.star_graph(3))              # 0 is partnered with 1, 2 and 3
    >>> round(sum(r.values()), 6), round(r[0], 4), round(r[1], 4)
    (1.0, 0.4797, 0.1734)
    """
    import networkx as nx

    h = _canonical(p)
    if h.number_of_nodes() == 0:
        return {}
    if h.number_of_nodes() <= PAGERANK_PURE_UP_TO:
        return _power_iteration(h, alpha=0.85, tol=1e-10, max_iter=1000)
    return dict(nx.pagerank(h, alpha=0.85, weight="weight", tol=1e-10, max_iter=1000))


def _power_iteration(h: nx.Graph, alpha: float, tol: float, max_iter: int) -> dict[Any, float]:
    """NetworkX's PageRank power iteration (``pagerank_alg._pagerank_scipy``) with lists instead of a sparse matrix:
    uniform start, teleport and dangling vectors, each actor passing ``alpha`` of its value to its partners in
    proportion to the weights, stopping when the L1 change is below ``len(h) * tol``.

    >>> import networkx as nx
    >>> r = _power_iteration(nx.star_graph(3), alpha=0.85, tol=1e-10, max_iter=1000)
    >>> round(r[0], 4), round(r[1], 4)
    (0.4797, 0.1734)
    """
    import networkx as nx

    nodes = list(h)
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    out: list[list[tuple[int, float]]] = [[] for _ in nodes]
    for u, v, d in h.edges(data=True):
        w = float(d.get("weight", 1))
        out[index[u]].append((index[v], w))
        if u != v:
            out[index[v]].append((index[u], w))
    shares: list[list[tuple[int, float]]] = []
    dangling: list[int] = []
    for i, row in enumerate(out):
        strength = sum(w for _, w in row)
        if strength == 0:
            dangling.append(i)
        shares.append([(j, w / strength) for j, w in row] if strength else [])
    x = [1.0 / n] * n
    for _ in range(max_iter):
        last = x
        x = [0.0] * n
        for i, row in enumerate(shares):
            passed = alpha * last[i]
            for j, share in row:
                x[j] += passed * share
        base = (alpha * sum(last[i] for i in dangling) + 1 - alpha) / n
        x = [v + base for v in x]
        if sum(abs(a - b) for a, b in zip(x, last, strict=True)) < n * tol:
            return dict(zip(nodes, x, strict=True))
    raise nx.PowerIterationFailedConvergence(max_iter)


def communities(p: nx.Graph, seed: int = 42) -> list[set[Any]]:
    """Groups of actors more tied to one another than to the rest (Louvain modularity, fixed ``seed``).

    For a partnership officer: the clusters of the network — e.g. the hromadas of one cooperation agreement
    and their shared partners, or one oblast's foreign regions. Largest first (then by smallest id); an actor
    with no tie is a group of its own.

    >>> import networkx as nx
    >>> p = nx.barbell_graph(4, 0)                  # two groups of four joined by one tie
    >>> [sorted(c) for c in communities(p)]
    [[0, 1, 2, 3], [4, 5, 6, 7]]
    """
    import networkx as nx

    from analysis import fast

    h = _canonical(p)
    if h.number_of_nodes() == 0:
        return []
    if h.number_of_nodes() > fast.LARGE:
        found = fast.louvain(h, seed=seed)
    else:
        found = nx.community.louvain_communities(h, weight="weight", seed=seed)
    return sorted((set(c) for c in found), key=lambda c: (-len(c), min(_key(n) for n in c)))


def brokers(p: nx.Graph) -> dict[str, list[Any]]:
    """Actors and ties whose loss would split the network.

    For a partnership officer: an ``articulation_points`` actor is the only link between parts of the
    network — without it some partners could no longer reach each other even through intermediaries; a
    ``bridges`` tie is a relationship with no alternative route (every tie to a partner that has no other
    partner is one). Both sorted; each bridge is a pair in sorted order.

    >>> import networkx as nx
    >>> brokers(nx.star_graph(2))                   # 1 – 0 – 2
    {'articulation_points': [0], 'bridges': [(0, 1), (0, 2)]}
    >>> brokers(nx.barbell_graph(3, 0))["bridges"]
    [(2, 3)]
    """
    import networkx as nx

    from analysis import fast

    h = _canonical(p)
    if h.number_of_nodes() > fast.LARGE:
        found_points, found_bridges = fast.brokers(h)
    else:
        found_points, found_bridges = list(nx.articulation_points(h)), list(nx.bridges(h))
    points = sorted(found_points, key=_key)
    bridges = sorted(((u, v) if _key(u) <= _key(v) else (v, u) for u, v in found_bridges),
                     key=lambda e: (_key(e[0]), _key(e[1])))
    return {"articulation_points": points, "bridges": bridges}


def ego(p: nx.Graph, node: Any, radius: int = 1) -> nx.Graph:
    """The actors within ``radius`` ties of ``node``, with the ties among them (attributes kept).

    For a partnership officer: ``radius=1`` is the node's own partners and how they are tied to each other;
    ``radius=2`` adds the partners of partners — the people one introduction away.

    >>> import networkx as nx
    >>> sorted(ego(nx.path_graph(["a", "b", "c", "d"]), "b").nodes)
    ['a', 'b', 'c']
    """
    import networkx as nx

    require_actor(p, node)
    if radius < 0:
        raise BadInputError(f"radius must be 0 or more, got {radius}")
    return nx.ego_graph(p, node, radius=radius)


def k_core(p: nx.Graph, k: int | None = None) -> dict[Any, int]:
    """Core number of each actor: the largest ``c`` such that it belongs to a group where everyone has at
    least ``c`` partners inside the group.

    For a partnership officer: actors in the highest core form the densely knit centre of the network;
    core 1 are actors on its fringe, tied by single chains; core 0 have no partner. With ``k``, only the
    actors of the ``k``-core (core number at least ``k``) are returned.

    >>> import networkx as nx
    >>> p = nx.complete_graph(["a", "b", "c"]); p.add_edge("c", "d")
    >>> k_core(p)
    {'a': 2, 'b': 2, 'c': 2, 'd': 1}
    >>> k_core(p, k=2)
    {'a': 2, 'b': 2, 'c': 2}
    """
    import networkx as nx

    from analysis import fast

    h = _canonical(p)
    cores = fast.core_numbers(h) if h.number_of_nodes() > fast.LARGE else nx.core_number(h)
    return {n: c for n, c in cores.items() if k is None or c >= k}


def _rank(values: Mapping[Any, float], node: Any) -> int:
    """1 + how many actors have a strictly higher value (tied actors share a rank)."""
    mine = values[node]
    return 1 + sum(1 for v in values.values() if v > mine)


def network_position(p: nx.Graph, node: Any) -> Position:
    """Where ``node`` stands in the partnership network ``p``.

    For a partnership officer: ``rank_degree`` (by number of ties), ``rank_pagerank`` and
    ``rank_betweenness`` are 1 for the top actor (tied actors share a rank) out of ``n_nodes``;
    ``community`` is the index of its group in :func:`communities` (0 = largest) and ``community_size`` how
    many actors the group has; ``is_broker`` says whether its loss would split the network
    (an articulation point); ``core_number`` as in :func:`k_core`. Betweenness is sampled above 5,000 actors.

    >>> import networkx as nx
    >>> pos = network_position(nx.star_graph(3), 0)
    >>> pos["rank_degree"], pos["rank_betweenness"], pos["n_nodes"], pos["is_broker"], pos["core_number"]
    (1, 1, 4, True, 1)
    """
    require_actor(p, node)
    weighted = {r["id"]: r["weighted_degree"] for r in degree_table(p)}
    h = _canonical(p)   # once, for every measure below
    groups = communities(h)
    index = next(i for i, c in enumerate(groups) if node in c)
    return {
        "rank_degree": _rank(weighted, node),
        "rank_pagerank": _rank(pagerank(h), node),
        "rank_betweenness": _rank(betweenness(h, k=betweenness_sample_size(h)), node),
        "n_nodes": p.number_of_nodes(),
        "community": index,
        "community_size": len(groups[index]),
        "is_broker": node in set(brokers(h)["articulation_points"]),
        "core_number": k_core(h)[node],
    }
