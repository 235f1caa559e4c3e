"""The whole-graph measures computed by igraph (C) for large graphs, with the same results as NetworkX.

:mod:`analysis.metrics` calls these above :data:`LARGE` actors and NetworkX below, where NetworkX is fast
enough and stays the reference the tests compare with. igraph was chosen by a same-run comparison with
NetworkX and NetworKit on the world twin-town graph (bench/results/analysis-backends.md): its betweenness
is exact, and with the same pivots as NetworkX's ``k`` sampling it gives *the same numbers* as NetworkX
(NetworKit's estimator ranks differently: Spearman 0.93 against exact where NetworkX's sampling reaches 0.99);
its Louvain reaches the same modularity in a twentieth of the time, and its core numbers, articulation points
and bridges are exact.

Every function takes a *canonical* graph (nodes and edges in sorted order, see ``metrics._canonical``) so that
the results do not depend on the order a store returned the rows, and randomised steps take a seed, so the
embedded store and Neo4j give the same numbers.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

#: above this many actors betweenness, communities, core numbers and brokers are computed by igraph
LARGE = 1000


def _igraph(h: nx.Graph) -> tuple[Any, list[Any], dict[Any, int], list[float], list[tuple[int, int]]]:
    """``h`` as an undirected igraph graph (vertex ``i`` is ``nodes[i]``, edge ``j`` is ``edges[j]`` with weight
    ``weights[j]``): ``(graph, nodes, index, weights, edges)``.

    An ``igraph.GraphBase``, the C graph that ``igraph.Graph`` extends: making an ``igraph.Graph`` imports NumPy
    (to see whether the edges are an array), 0.2-0.45 s of an ``analyse --focus`` on a hub whose part has more than
    1,000 actors (bench/results/latency.md "analyse --focus on hubs"); every method used here is the C one.

    Made once per canonical graph (``metrics._canonical``, which nothing changes after): ``partners analyse`` asks
    for it four times, and on the national graph each conversion took 0.5-0.8 s (bench/results/latency.md "whole4").
    """
    if h.graph.get("canonical_id") == id(h):
        if "igraph" not in h.graph:
            h.graph["igraph"] = _convert(h)
        return h.graph["igraph"]
    return _convert(h)


def _convert(h: nx.Graph) -> tuple[Any, list[Any], dict[Any, int], list[float], list[tuple[int, int]]]:
    import igraph as ig

    nodes = list(h)
    index = {n: i for i, n in enumerate(nodes)}
    weighted = [(index[u], index[v], d.get("weight", 1)) for u, v, d in h.edges(data=True) if u != v]
    edges = [(u, v) for u, v, _ in weighted]
    return ig.GraphBase(len(nodes), edges, False), nodes, index, [float(w) for _, _, w in weighted], edges


def betweenness(h: nx.Graph, k: int | None = None, seed: int = 42) -> dict[Any, float]:
    """Normalised betweenness, ties counted as one step: exact, or from ``k`` pivots drawn as NetworkX draws
    them (``random.Random(seed).sample(list(h), k)``) and scaled as NetworkX (3.5 and later) scales them, so
    the values equal ``nx.betweenness_centrality(h, k=k, seed=seed, normalized=True)``.

    >>> import networkx as nx
    >>> from analysis.metrics import _canonical
    >>> h = _canonical(nx.path_graph(["a", "b", "c", "d"]))
    >>> {n: round(v, 3) for n, v in betweenness(h).items()}
    {'a': 0.0, 'b': 0.667, 'c': 0.667, 'd': 0.0}
    """
    g, nodes, index, _, _ = _igraph(h)
    n = len(nodes)
    if n < 3:
        return dict.fromkeys(nodes, 0.0)
    if k is None or k >= n:
        raw = g.betweenness(directed=False)          # each unordered pair once
        scale = 2 / ((n - 1) * (n - 2))
        return {v: raw[i] * scale for i, v in enumerate(nodes)}
    pivots = random.Random(seed).sample(nodes, k)  # noqa: S311 — reproducible sampling, not secrets
    raw = g.betweenness(directed=False, sources=[index[p] for p in pivots])
    sampled = set(pivots)
    # NetworkX counts ordered pairs (s, t) from each pivot s; a pivot cannot lie between itself and another
    source_scale, other_scale = 2 / ((k - 1) * (n - 2)), 2 / (k * (n - 2))
    return {v: raw[i] * (source_scale if v in sampled else other_scale) for i, v in enumerate(nodes)}


def louvain(h: nx.Graph, seed: int = 42) -> list[set[Any]]:
    """Louvain communities (igraph's multilevel modularity, weighted by ties, seeded), in no particular order.

    >>> import networkx as nx
    >>> from analysis.metrics import _canonical
    >>> sorted(sorted(c) for c in louvain(_canonical(nx.barbell_graph(4, 0))))
    [[0, 1, 2, 3], [4, 5, 6, 7]]
    """
    import igraph as ig

    g, nodes, _, weights, _ = _igraph(h)
    ig.set_random_number_generator(random.Random(seed))  # noqa: S311 — reproducible, not secrets
    try:
        membership = ig.GraphBase.community_multilevel(g, weights, return_levels=False)
    finally:
        ig.set_random_number_generator(random)
    clusters: dict[int, set[Any]] = {}
    for i, c in enumerate(membership):
        clusters.setdefault(c, set()).add(nodes[i])
    return [clusters[c] for c in sorted(clusters)]


def core_numbers(h: nx.Graph) -> dict[Any, int]:
    """Core number of every actor (exact; the same values as ``nx.core_number``).

    >>> import networkx as nx
    >>> from analysis.metrics import _canonical
    >>> p = nx.complete_graph(["a", "b", "c"]); p.add_edge("c", "d")
    >>> core_numbers(_canonical(p))
    {'a': 2, 'b': 2, 'c': 2, 'd': 1}
    """
    g, nodes, _, _, _ = _igraph(h)
    return {n: int(c) for n, c in zip(nodes, g.coreness(), strict=True)}


def brokers(h: nx.Graph) -> tuple[list[Any], list[tuple[Any, Any]]]:
    """Articulation points and bridges (exact; the same sets as NetworkX's), unsorted.

    >>> import networkx as nx
    >>> from analysis.metrics import _canonical
    >>> points, bridges = brokers(_canonical(nx.barbell_graph(3, 0)))
    >>> sorted(points), sorted(tuple(sorted(b)) for b in bridges)
    ([2, 3], [(2, 3)])
    """
    g, nodes, _, _, edges = _igraph(h)
    points = [nodes[i] for i in g.articulation_points()]
    bridges = [(nodes[edges[e][0]], nodes[edges[e][1]]) for e in g.bridges()]
    return points, bridges
