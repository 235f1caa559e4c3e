"""A named query's text at another commit against the working tree's, interleaved, on the loaded stores.

    python bench/plans.py --home PARTNERS_HOME [--before main] [--runs 20] [--neo4j] [--out FILE] NAME…

``--home`` is an embedded store holding the national graph; with ``--neo4j`` the Neo4j of NEO4J_URI (holding the
same graph) is measured too. Each round runs the before text, then the after text, with the query's `example:`
parameters, after one warm-up run of each (planning). Both must return the same rows (compared as sorted lists);
a difference is reported and the script exits 1. Prints p50/p95 in ms per query, text and store, and the load
average before and after; writes them as JSON to ``--out``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.queries import example_params, seed_index  # noqa: E402
from graph.stores import Store, open_store  # noqa: E402
from queries.library import NamedQuery, bind_params, parse_query_file  # noqa: E402


def query_at(rev: str, name: str) -> NamedQuery:
    """The named query as it was at ``rev`` (git), parsed and expanded like the library does."""
    text = subprocess.run(["git", "show", f"{rev}:queries/{name}.cypher"], cwd=ROOT, check=True,
                          capture_output=True, text=True).stdout
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{name}.cypher"
        path.write_text(text, encoding="utf-8")
        return parse_query_file(path)


def p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def canonical(rows: list[list[Any]]) -> list[str]:
    return sorted(json.dumps(r, sort_keys=True, default=str) for r in rows)


def compare(store: Store, name: str, runs: int, before: str) -> dict[str, Any]:
    """Interleaved before/after runs of one query on one store; the rows of both texts must be equal."""
    texts = {"before": query_at(before, name), "after": parse_query_file(ROOT / "queries" / f"{name}.cypher")}
    params = bind_params(texts["after"], example_params(name), seed_index().resolve)
    rows = {label: store.query(q.text, params).rows for label, q in texts.items()}  # warm-up: planning
    same = canonical(rows["before"]) == canonical(rows["after"])
    times: dict[str, list[float]] = {"before": [], "after": []}
    for _ in range(runs):
        for label, q in texts.items():
            t = time.perf_counter()
            store.query(q.text, params)
            times[label].append((time.perf_counter() - t) * 1000)
    out = {"query": name, "store": store.backend, "rows": len(rows["after"]), "same_rows": same,
           **{f"{label}_p50_ms": statistics.median(v) for label, v in times.items()},
           **{f"{label}_p95_ms": p95(v) for label, v in times.items()}}
    print(f"  {store.backend:8} {name:32} before p50 {out['before_p50_ms']:7.1f} p95 {out['before_p95_ms']:7.1f}  "
          f"after p50 {out['after_p50_ms']:7.1f} p95 {out['after_p95_ms']:7.1f} ms  {out['rows']} rows"
          f"{'' if same else '  ROWS DIFFER'}", flush=True)
    return out



def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("names", nargs="+")
    ap.add_argument("--home", type=Path, required=True)
    ap.add_argument("--before", default="main", help="the git revision of the before text")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--neo4j", action="store_true")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    report: dict[str, Any] = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "before": args.before,
                              "load_average_start": os.getloadavg(), "results": []}
    print(f"load average {os.getloadavg()}", flush=True)
    stores = [("embedded", {"home": args.home})]
    if args.neo4j:
        stores.append(("neo4j", {"uri": os.environ["NEO4J_URI"], "user": os.environ.get("NEO4J_USER", "neo4j"),
                                 "password": os.environ.get("NEO4J_PASSWORD", ""),
                                 "database": os.environ.get("NEO4J_DATABASE")}))
    for backend, options in stores:
        with open_store(backend, **options) as store:
            report["results"] += [compare(store, name, args.runs, args.before) for name in args.names]
    report["load_average_end"] = os.getloadavg()
    print(f"load average {os.getloadavg()}", flush=True)
    if args.out:
        args.out.write_text(json.dumps(report, indent=1))
    if not all(r["same_rows"] for r in report["results"]):
        sys.exit(1)


if __name__ == "__main__":
    main()
