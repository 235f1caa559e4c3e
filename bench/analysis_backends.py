"""Which library should compute the whole-graph measures? NetworkX (pure Python, plus SciPy for PageRank),
igraph (C) and NetworKit (C++) side by side on the world twin-town graph, same run, with accuracy.

    python -m bench.analysis_backends [--limit N] [--k 500] [--seed 42] [--piece 5000] [--out bench/results]

For each measure every library runs once on the same partnership projection (bench/twinning.py →
graph.reader.to_networkx → analysis.projection.partnership_graph, as bench/analysis.py). Accuracy is measured
against NetworkX, the reference the tests use: Spearman rank correlation over all actors and the overlap of the
top 20; for communities the modularity each partition reaches (higher is better) and how many groups it finds;
for core numbers whether every value is identical. Sampled betweenness is also compared with *exact*
betweenness on a connected piece of ``--piece`` actors (grown breadth-first from the actor with most ties),
where exact is affordable. Writes bench/results/analysis-backends.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx

from analysis import metrics
from analysis.projection import partnership_graph
from bench.twinning import DATA, read_twinning
from graph.reader import to_networkx

BENCH = Path(__file__).resolve().parent


# The project's PageRank before it moved to NetworkX + SciPy (analysis/metrics.py at 5424d16), kept here as the
# "before" of the comparison.
def _power_pagerank(h: nx.Graph, alpha: float = 0.85, max_iter: int = 200, tol: float = 1e-10) -> dict[Any, float]:
    """Power iteration until the summed change is below ``tol`` per actor (or ``max_iter`` rounds)."""
    nodes = list(h)
    n = len(nodes)
    if n == 0:
        return {}
    strength = {u: float(h.degree(u, weight="weight")) for u in nodes}
    dangling = [u for u in nodes if strength[u] == 0]
    x = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        last = x
        base = (alpha * sum(last[u] for u in dangling) + 1.0 - alpha) / n
        x = dict.fromkeys(nodes, base)
        for u in nodes:
            if strength[u]:
                share = alpha * last[u] / strength[u]
                for v, d in h[u].items():
                    x[v] += share * d.get("weight", 1)
        if sum(abs(x[u] - last[u]) for u in nodes) < n * tol:
            break
    return x



def timed(call: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    out = call()
    return out, time.perf_counter() - start


def spearman(a: dict[Any, float], b: dict[Any, float]) -> float:
    from scipy.stats import spearmanr

    keys = sorted(a, key=str)
    return float(spearmanr([a[k] for k in keys], [b.get(k, 0.0) for k in keys]).statistic)


def top_overlap(a: dict[Any, float], b: dict[Any, float], n: int = 20) -> int:
    def top(d: dict[Any, float]) -> set[Any]:
        return {k for k, _ in sorted(d.items(), key=lambda kv: (-kv[1], str(kv[0])))[:n]}
    return len(top(a) & top(b))


def to_igraph(h: nx.Graph) -> tuple[Any, list[Any]]:
    import igraph as ig

    nodes = list(h)
    index = {n: i for i, n in enumerate(nodes)}
    g = ig.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in h.edges()])
    g.es["weight"] = [float(d.get("weight", 1)) for _, _, d in h.edges(data=True)]
    return g, nodes


def to_networkit(h: nx.Graph) -> tuple[Any, list[Any]]:
    import networkit as nk

    nodes = list(h)
    index = {n: i for i, n in enumerate(nodes)}
    g = nk.Graph(len(nodes), weighted=True)
    for u, v, d in h.edges(data=True):
        g.addEdge(index[u], index[v], float(d.get("weight", 1)))
    return g, nodes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--k", type=int, default=metrics.BETWEENNESS_SAMPLE)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--piece", type=int, default=5000)
    ap.add_argument("--skip-nx-betweenness", action="store_true",
                    help="skip NetworkX's sampled betweenness on the whole graph (the slowest row)")
    ap.add_argument("--out", type=Path, default=BENCH / "results")
    args = ap.parse_args(argv)

    import igraph as ig
    import scipy

    from analysis import fast

    try:   # not a dependency of the project: compared when installed (pip install networkit)
        import networkit as nk
    except ImportError:
        nk = None
    if nk is not None:
        nk.setNumberOfThreads(1)      # the comparison is single-threaded, as NetworkX is
        nk.engineering.setSeed(args.seed, False)
    data = read_twinning(DATA, args.limit)
    g = to_networkx(data)
    p = partnership_graph(g)
    h = metrics._canonical(p)
    print(f"{h.number_of_nodes():,} actors, {h.number_of_edges():,} pairs", flush=True)
    (ig_g, ig_nodes), ig_build = timed(lambda: to_igraph(h))
    rows: list[tuple[str, str, float, str]] = [("build graph", "igraph", ig_build, "")]
    if nk is not None:
        (nk_g, nk_nodes), nk_build = timed(lambda: to_networkit(h))
        rows.append(("build graph", "networkit", nk_build, ""))

    def row(measure: str, lib: str, seconds: float, accuracy: str) -> None:
        rows.append((measure, lib, seconds, accuracy))
        print(f"  {measure:<28} {lib:<34} {seconds:8.2f} s  {accuracy}", flush=True)

    # PageRank (weighted by ties)
    ref, t = timed(lambda: _power_pagerank(h))
    row("PageRank", "project's pure-Python power iteration", t, "reference for this row")
    got, t = timed(lambda: nx.pagerank(h, weight="weight", tol=1e-10))
    row("PageRank", f"NetworkX {nx.__version__} + SciPy {scipy.__version__}", t,
        f"max diff {max(abs(got[n] - ref[n]) for n in ref):.1e}; Spearman {spearman(ref, got):.4f}; "
        f"top-20 {top_overlap(ref, got)}/20")
    vals, t = timed(lambda: ig_g.pagerank(weights="weight"))
    got = dict(zip(ig_nodes, vals, strict=True))
    row("PageRank", f"igraph {ig.__version__}", t,
        f"max diff {max(abs(got[n] - ref[n]) for n in ref):.1e}; Spearman {spearman(ref, got):.4f}; "
        f"top-20 {top_overlap(ref, got)}/20")

    # sampled betweenness on the whole graph
    if not args.skip_nx_betweenness:
        ref_b, t = timed(lambda: nx.betweenness_centrality(h, k=args.k, seed=args.seed, normalized=True))
        row("betweenness, whole graph", f"NetworkX, k={args.k} pivots", t, "reference for this row")
    else:
        ref_b = None

    def nk_estimate(graph: Any, nodes: list[Any], k: int) -> dict[Any, float]:
        algo = nk.centrality.EstimateBetweenness(graph, k, True, False)
        algo.run()
        return dict(zip(nodes, algo.scores(), strict=True))

    got_b, t = timed(lambda: fast.betweenness(h, k=args.k, seed=args.seed))
    row("betweenness, whole graph", f"igraph, NetworkX's {args.k} pivots (analysis.fast, chosen)", t,
        (f"max diff {max(abs(got_b[x] - ref_b[x]) for x in ref_b):.1e}; Spearman {spearman(ref_b, got_b):.4f}; "
         f"top-20 {top_overlap(ref_b, got_b)}/20" if ref_b else ""))
    if nk is not None:
        got_b, t = timed(lambda: nk_estimate(nk_g, nk_nodes, args.k))
        row("betweenness, whole graph", f"NetworKit {nk.__version__} EstimateBetweenness, {args.k} samples", t,
            (f"Spearman {spearman(ref_b, got_b):.4f}; top-20 {top_overlap(ref_b, got_b)}/20 vs NetworkX sampled"
             if ref_b else ""))

    # exact vs sampled on a connected piece
    hub = max(h.degree(weight="weight"), key=lambda kv: (kv[1], str(kv[0])))[0]
    seen = [hub]
    for _, v in nx.bfs_edges(h, hub):
        seen.append(v)
        if len(seen) >= args.piece:
            break
    small = metrics._canonical(h.subgraph(seen))
    where = f"piece of {small.number_of_nodes():,} actors"
    exact, t = timed(lambda: nx.betweenness_centrality(small, normalized=True))
    row(f"betweenness, {where}", "NetworkX exact", t, "reference for these rows")
    got, t = timed(lambda: nx.betweenness_centrality(small, k=args.k, seed=args.seed, normalized=True))
    row(f"betweenness, {where}", f"NetworkX k={args.k}", t,
        f"Spearman {spearman(exact, got):.4f}; top-20 {top_overlap(exact, got)}/20")
    got, t = timed(lambda: fast.betweenness(small, k=args.k, seed=args.seed))
    row(f"betweenness, {where}", f"igraph, NetworkX's {args.k} pivots (chosen above 5,000 actors)", t,
        f"Spearman {spearman(exact, got):.4f}; top-20 {top_overlap(exact, got)}/20")
    if nk is not None:
        sg, snodes = to_networkit(small)
        got, t = timed(lambda: nk_estimate(sg, snodes, args.k))
        row(f"betweenness, {where}", f"NetworKit estimate, {args.k} samples", t,
            f"Spearman {spearman(exact, got):.4f}; top-20 {top_overlap(exact, got)}/20")
    sig, signodes = to_igraph(small)
    vals, t = timed(lambda: sig.betweenness(directed=False))
    n = small.number_of_nodes()
    got = dict(zip(signodes, [v * 2 / ((n - 1) * (n - 2)) for v in vals], strict=True))
    row(f"betweenness, {where}", "igraph exact (chosen up to 5,000 actors)", t,
        f"max diff {max(abs(got[x] - exact[x]) for x in exact):.1e}; top-20 {top_overlap(exact, got)}/20")

    # communities
    def modularity(parts: list[set[Any]]) -> float:
        return float(nx.community.modularity(h, parts, weight="weight"))

    parts, t = timed(lambda: nx.community.louvain_communities(h, weight="weight", seed=args.seed))
    row("communities (Louvain)", "NetworkX", t, f"modularity {modularity(parts):.4f}; {len(parts):,} groups")

    def ig_groups() -> list[set[Any]]:
        import random
        random.seed(args.seed)
        ig.set_random_number_generator(random)
        cl = ig_g.community_multilevel(weights="weight")
        return [{ig_nodes[i] for i in c} for c in cl]

    parts, t = timed(ig_groups)
    row("communities (Louvain)", "igraph community_multilevel", t,
        f"modularity {modularity(parts):.4f}; {len(parts):,} groups")

    def nk_groups() -> list[set[Any]]:
        algo = nk.community.PLM(nk_g, refine=False, par="none")
        algo.run()
        part = algo.getPartition()
        out: dict[int, set[Any]] = {}
        for i, n in enumerate(nk_nodes):
            out.setdefault(part[i], set()).add(n)
        return list(out.values())

    parts, t = timed(lambda: fast.louvain(h, seed=args.seed))
    again = fast.louvain(h, seed=args.seed)
    row("communities (Louvain)", "igraph multilevel, seeded (analysis.fast, chosen)", t,
        f"modularity {modularity(parts):.4f}; {len(parts):,} groups; "
        f"same partition on a second run: {sorted(map(sorted, parts)) == sorted(map(sorted, again))}")
    if nk is not None:
        parts, t = timed(nk_groups)
        again = nk_groups()
        row("communities (Louvain)", "NetworKit PLM (par=none)", t,
            f"modularity {modularity(parts):.4f}; {len(parts):,} groups; "
            f"same partition on a second run: {sorted(map(sorted, parts)) == sorted(map(sorted, again))}")

    # core numbers
    ref_c, t = timed(lambda: nx.core_number(h))
    row("core numbers", "NetworkX", t, "reference")
    vals, t = timed(lambda: ig_g.coreness())
    got_c = dict(zip(ig_nodes, vals, strict=True))
    row("core numbers", "igraph coreness", t, f"identical: {got_c == ref_c}")

    def nk_cores() -> dict[Any, int]:
        algo = nk.centrality.CoreDecomposition(nk_g)
        algo.run()
        return {n: int(s) for n, s in zip(nk_nodes, algo.scores(), strict=True)}

    if nk is not None:
        got_c, t = timed(nk_cores)
        row("core numbers", "NetworKit CoreDecomposition", t, f"identical: {got_c == ref_c}")

    # articulation points and bridges
    def nx_brokers() -> tuple[set[Any], set[frozenset[Any]]]:
        return set(nx.articulation_points(h)), {frozenset(b) for b in nx.bridges(h)}

    ref_br, t = timed(nx_brokers)
    row("brokers (articulation points, bridges)", "NetworkX", t,
        f"reference: {len(ref_br[0]):,} points, {len(ref_br[1]):,} bridges")
    got_br, t = timed(lambda: fast.brokers(h))
    same = set(got_br[0]) == ref_br[0] and {frozenset(b) for b in got_br[1]} == ref_br[1]
    row("brokers (articulation points, bridges)", "igraph (analysis.fast, chosen)", t, f"identical: {same}")

    load = os.getloadavg()[0]
    lines = [
        "# Analysis backends: NetworkX vs igraph vs NetworKit on the world twin-town graph",
        "",
        f"Run {dt.datetime.now().strftime('%Y-%m-%d %H:%M')} on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; `python -m bench.analysis_backends`"
        + (f" --limit {args.limit}" if args.limit else "") + f"; load average {load:.1f} at the end "
        "(other work shared the machine: absolute seconds are upper bounds, the ratios within a row group are "
        "same-run). Every library single-threaded.",
        "",
        f"Input: the partnership projection of `{DATA.name}`: {h.number_of_nodes():,} actors, "
        f"{h.number_of_edges():,} partner pairs.",
        "",
        "| measure | library | seconds | accuracy against NetworkX |",
        "|---|---|---:|---|",
        *[f"| {m} | {lib} | {s:.2f} | {acc} |" for m, lib, s, acc in rows],
        "",
    ]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "analysis-backends.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
