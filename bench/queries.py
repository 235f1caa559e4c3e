"""Latency of every named query on a large graph, on each backend: p50 and p95 over repeated runs.

The graph is the seeds, plus the sourced Ukrainian pairs (``ukraine_partnerships_provenance.tsv``), plus the
110,539 world twin-town links (``world_twinning.tsv``, cities located in their countries where the country is
known) — so the queries meet realistic hubs (Kyiv, Lublin, countries) and long chains.

    python bench/queries.py [--backend embedded|neo4j|all] [--runs 20] [--out bench/results]

Neo4j: NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE (the database is reset). Each query runs with the
parameters of its own `example:` line; entity names are resolved once, outside the timing.
"""

from __future__ import annotations

import argparse
import os
import platform
import shlex
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.twinning import read_twinning  # noqa: E402
from graph.model import Citation, Edge, GraphData, merge_graphs  # noqa: E402
from graph.names import NameIndex  # noqa: E402
from graph.stores import Store, open_store  # noqa: E402
from graph.writer import write_graph  # noqa: E402
from loaders.partnerships_tsv import read_partnerships_tsv  # noqa: E402
from loaders.seeds import read_seeds  # noqa: E402
from queries.library import bind_params, load_library  # noqa: E402

DATA = ROOT.parent / "shared" / "data"
SLOW_S = 20.0  # a query slower than this once is not repeated


def build_graph() -> GraphData:
    seeds = read_seeds(ROOT / "seeds")
    graph = merge_graphs(seeds, read_partnerships_tsv(DATA / "ukraine_partnerships_provenance.tsv", seeds))
    world = read_twinning(DATA / "world_twinning.tsv")
    countries = {n.id for n in graph.nodes.values() if n.kind == "Country"}
    cite = Citation("src-world-twinning", "country as listed in world_twinning.tsv")
    for node in list(world.nodes.values()):
        cc = node.id.split("-", 1)[0]
        if node.kind == "City" and cc in countries:
            world.edges.append(Edge(f"{node.id}>LOCATED_IN>{cc}", "LOCATED_IN", node.id, cc, {}, [cite]))
    return merge_graphs(graph, world)


def example_params(name: str) -> dict[str, str]:
    args = shlex.split(load_library()[name].examples[0])
    return dict(args[i + 1].split("=", 1) for i, a in enumerate(args) if a == "-p")


def seed_index() -> NameIndex:
    """Example names resolve against the curated seeds (the world list adds namesakes without a country)."""
    index = NameIndex()
    for n in read_seeds(ROOT / "seeds").nodes.values():
        aliases = n.props.get("aliases")
        index.add(n.id, n.kind, [str(n.props.get("name_en") or ""), str(n.props.get("name_uk") or ""),
                                 *(aliases if isinstance(aliases, list) else [])])
    return index


def measure(store: Store, runs: int) -> list[dict[str, object]]:
    index = seed_index()
    out = []
    for name, query in load_library().items():
        params = bind_params(query, example_params(name), index.resolve)
        t = time.perf_counter()
        rows = len(store.query(query.text, params).rows)  # the first run includes planning: reported apart
        first = time.perf_counter() - t
        times: list[float] = []
        for _ in range(runs if first < SLOW_S else 0):
            t = time.perf_counter()
            rows = len(store.query(query.text, params).rows)
            times.append(time.perf_counter() - t)
            if times[-1] > SLOW_S:
                break
        times = sorted(times) or [first]
        p95 = times[min(len(times) - 1, max(0, round(0.95 * len(times)) - 1))]
        out.append({"query": name, "rows": rows, "runs": len(times), "p50_ms": statistics.median(times) * 1000,
                    "p95_ms": p95 * 1000, "first_ms": first * 1000})
        print(f"  {store.backend:8} {name:36} first {first * 1000:9.1f} ms  "
              f"p50 {out[-1]['p50_ms']:9.1f} ms  p95 {p95 * 1000:9.1f} ms  "
              f"({rows} rows, {len(times)} runs)", flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--backend", choices=["embedded", "neo4j", "all"], default="all")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = ap.parse_args()

    t = time.perf_counter()
    graph = build_graph()
    build_s = time.perf_counter() - t
    print(f"graph: {len(graph.nodes)} nodes, {len(graph.edges)} relations (built in {build_s:.1f} s)", flush=True)
    backends = ["embedded", "neo4j"] if args.backend == "all" else [args.backend]
    if "neo4j" in backends and not os.environ.get("NEO4J_URI"):
        print("NEO4J_URI not set: skipping neo4j", flush=True)
        backends.remove("neo4j")
    results: dict[str, list[dict[str, object]]] = {}
    load_s: dict[str, float] = {}
    for backend in backends:
        with tempfile.TemporaryDirectory() as home:
            store = open_store(backend, home=Path(home), uri=os.environ.get("NEO4J_URI"),
                               user=os.environ.get("NEO4J_USER", "neo4j"), password=os.environ.get("NEO4J_PASSWORD"),
                               database=os.environ.get("NEO4J_DATABASE"))
            try:
                t = time.perf_counter()
                write_graph(store, graph, reset=True)
                load_s[backend] = time.perf_counter() - t
                print(f"{backend}: loaded in {load_s[backend]:.1f} s", flush=True)
                results[backend] = measure(store, args.runs)
                if backend == "neo4j":
                    write_graph(store, GraphData(), reset=True)  # leave the benchmark database empty
            finally:
                store.close()

    lines = [f"# Named-query latency — {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC", "",
             f"Machine: {os.cpu_count()} cores, {platform.platform()}; Python {platform.python_version()}.",
             f"Graph: seeds + Ukrainian pairs + world twinning = {len(graph.nodes):,} nodes, "
             f"{len(graph.edges):,} relations; each query with its `example:` parameters, {args.runs} runs "
             f"(a run slower than {SLOW_S:.0f} s is not repeated).", ""]
    for backend in results:
        lines.append(f"Load into {backend}: {load_s[backend]:.1f} s.")
    lines += ["", "Latency in ms: `first` is the first run after the load (includes query planning); p50 and p95 over "
              "the runs after it.", "",
              "| query | " + " | ".join(f"{b} first | {b} p50 | {b} p95" for b in results) + " | rows |",
              "|---|" + "---:|---:|---:|" * len(results) + "---:|"]
    for i, name in enumerate(load_library()):
        cells = [f"{results[b][i]['first_ms']:.1f} | {results[b][i]['p50_ms']:.1f} | {results[b][i]['p95_ms']:.1f}"
                 for b in results]
        rows = results[next(iter(results))][i]["rows"]
        lines.append(f"| {name} | " + " | ".join(cells) + f" | {rows} |")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "queries.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
