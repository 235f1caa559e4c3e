"""Where the project's loader spends its time: the same data written in variants that differ in one thing each.

    python bench/investigate.py [--backend embedded|neo4j|all] [--limit N] [--repeat N] [--out bench/results]

Variants (all start from an empty graph with the project's indexes; rows = nodes + relations):

  loader-1tx      the writer's statements (statements_for) in one transaction — what (a) does (Neo4j)
  loader-auto     the writer's statements, each batch its own auto-commit transaction
  baseline-1tx    the hand-written UNWIND/MERGE of load.py in one transaction (Neo4j)
  baseline-auto   the hand-written UNWIND/MERGE, auto-commit — what (b) does
  create-1tx      on an empty graph MERGE is not needed: CREATE nodes, MATCH ends + CREATE relations (one tx)
  create-auto     the same, auto-commit
  loader-store    write_graph() through the store, as (a) (embedded: staging graph + RENAME + SAVE)
  batch N         the writer's statements with another batch size

Besides the wall time it splits node statements, relation statements and commit (Neo4j) or the server's own
execution time (FalkorDB reports it per query), and times the writer's row building with and without Python's
cyclic garbage collector. Writes bench/results/investigate.md (+ .json).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [p for p in (str(BENCH.parent), str(BENCH)) if p not in sys.path]

from graph.cypher import for_label, for_type  # noqa: E402
from graph.model import GraphData  # noqa: E402
from graph.stores import open_store  # noqa: E402
from graph.writer import DEFAULT_BATCH, statements_for, write_graph  # noqa: E402
from load import (BASE_EDGES, BASE_NODES, FALKOR_SCHEMA, NEO4J_SCHEMA, Neo4j,  # noqa: E402
                  TxMemorySampler, batches, rows_of)
from twinning import DATA, read_twinning  # noqa: E402

CREATE_NODES = """UNWIND $rows AS row
CREATE (n:Entity:__LABEL__)
SET n = row.props"""

CREATE_EDGES = """UNWIND $rows AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
CREATE (a)-[r:__TYPE__]->(b)
SET r = row.props"""

Stmts = list[tuple[str, dict[str, Any], bool]]  # (cypher, params, is_relation)


def loader_stmts(graph: GraphData, batch: int) -> Stmts:
    return [(s.cypher, s.params, "MATCH (a:Entity" in s.cypher) for s in statements_for(graph, batch)]


def baseline_stmts(graph: GraphData, batch: int) -> Stmts:
    rows = rows_of(graph)
    return ([(BASE_NODES, {"rows": list(b)}, False) for b in batches(rows.nodes, batch)]
            + [(BASE_EDGES, {"rows": list(b)}, True) for b in batches(rows.edges, batch)])


def create_stmts(graph: GraphData, batch: int) -> Stmts:
    out: Stmts = []
    for kind, nodes in sorted(graph.nodes_by_kind().items()):
        rows = [{"id": n.id, "props": n.record()} for n in nodes]
        out += [(for_label(CREATE_NODES, kind), {"rows": list(b)}, False) for b in batches(rows, batch)]
    for rtype, edges in sorted(graph.edges_by_type().items()):
        rows = [{"id": e.id, "source": e.source, "target": e.target, "props": e.record()} for e in edges]
        out += [(for_type(CREATE_EDGES, rtype), {"rows": list(b)}, True) for b in batches(rows, batch)]
    return out


def row_build_times(graph: GraphData, batch: int) -> dict[str, float]:
    """statements_for() with the cyclic GC on (as the writer runs now), frozen, and off."""
    out = {}
    gc.collect()
    t = time.perf_counter()
    statements_for(graph, batch)
    out["gc on"] = time.perf_counter() - t
    gc.disable()
    try:
        t = time.perf_counter()
        statements_for(graph, batch)
        out["gc off"] = time.perf_counter() - t
    finally:
        gc.enable()
    return out


# ---- FalkorDB ------------------------------------------------------------------------------------------------


def falkor_run(stmts: Stmts) -> dict[str, float]:
    from falkordb import FalkorDB

    from graph.stores.embedded_server import EmbeddedServer

    with tempfile.TemporaryDirectory(prefix="bench-home-") as tmp:
        server = EmbeddedServer.acquire(Path(tmp))
        db = FalkorDB(unix_socket_path=str(server.socket))
        try:
            g = db.select_graph("inv")
            for ddl in FALKOR_SCHEMA:
                g.query(ddl)
            srv = {False: 0.0, True: 0.0}
            wall = {False: 0.0, True: 0.0}
            t0 = time.perf_counter()
            for cypher, params, rel in stmts:
                t = time.perf_counter()
                res = g.query(cypher, params)
                wall[rel] += time.perf_counter() - t
                srv[rel] += res.run_time_ms / 1000
            total = time.perf_counter() - t0
            t = time.perf_counter()
            db.connection.save()
            save = time.perf_counter() - t
        finally:
            db.connection.close()
            server.release()
    return {"total_s": total, "nodes_s": wall[False], "rels_s": wall[True], "server_nodes_s": srv[False],
            "server_rels_s": srv[True], "save_s (not in total)": save}


def falkor_store(graph: GraphData, batch: int) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="bench-home-") as tmp:
        store = open_store("embedded", home=Path(tmp), graph="inv")
        try:
            t0 = time.perf_counter()
            write_graph(store, graph, reset=True, batch_size=batch)
            return {"total_s": time.perf_counter() - t0}
        finally:
            store.close()


# ---- Neo4j ---------------------------------------------------------------------------------------------------


def neo4j_run(be: Neo4j, stmts: Stmts, one_tx: bool) -> dict[str, float]:
    be.clear()
    be.schema()
    wall = {False: 0.0, True: 0.0}
    commit = 0.0
    try:
        with be.session() as s, TxMemorySampler(be.driver, be.database) as mem:
            t0 = time.perf_counter()
            if one_tx:
                tx = s.begin_transaction()
                try:
                    for cypher, params, rel in stmts:
                        t = time.perf_counter()
                        tx.run(cypher, params).consume()
                        wall[rel] += time.perf_counter() - t
                    t = time.perf_counter()
                    tx.commit()
                    commit = time.perf_counter() - t
                finally:
                    tx.close()
            else:
                for cypher, params, rel in stmts:
                    t = time.perf_counter()
                    s.run(cypher, params).consume()
                    wall[rel] += time.perf_counter() - t
            total = time.perf_counter() - t0
    finally:
        be.clear()
    return {"total_s": total, "nodes_s": wall[False], "rels_s": wall[True], "commit_s": commit,
            "peak_tx_heap_mib": mem.peak / 2**20}


def neo4j_store(be: Neo4j, graph: GraphData, batch: int) -> dict[str, float]:
    from graph.stores.neo4j_store import Neo4jStore

    be.clear()
    store = Neo4jStore(be.uri, be.user, be.password, be.database)
    try:
        store.ensure_constraints()
        t0 = time.perf_counter()
        write_graph(store, graph, reset=True, batch_size=batch)
        return {"total_s": time.perf_counter() - t0}
    finally:
        store.close()
        be.clear()


# ---- driver --------------------------------------------------------------------------------------------------


def median_runs(fn: Callable[[], dict[str, float]], repeat: int) -> dict[str, float]:
    runs = [fn() for _ in range(repeat)]
    return {k: statistics.median(r[k] for r in runs) for k in runs[0]} | {"runs": [r["total_s"] for r in runs]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--backend", choices=["embedded", "neo4j", "all"], default="all")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--batches", default="1000,20000", help="other batch sizes to try for the writer")
    ap.add_argument("--out", type=Path, default=BENCH / "results")
    args = ap.parse_args()
    graph = read_twinning(DATA, limit=args.limit)
    total_rows = len(graph.nodes) + len(graph.edges)
    B = DEFAULT_BATCH
    other_batches = [int(x) for x in args.batches.split(",") if x]
    results: dict[str, Any] = {"rows": total_rows, "row_build": row_build_times(graph, B)}
    print(f"{total_rows:,} rows; statements_for(): {results['row_build']}", flush=True)

    def rec(backend: str, name: str, fn: Callable[[], dict[str, float]]) -> None:
        try:
            r = median_runs(fn, args.repeat)
        except Exception as e:  # noqa: BLE001 - a failed variant is a finding
            r = {"error": f"{type(e).__name__}: {str(e)[:300]}"}
        results.setdefault(backend, {})[name] = r
        shown = {k: (round(v, 2) if isinstance(v, float) else v) for k, v in r.items()}
        rate = f"{total_rows / r['total_s']:,.0f} rows/s" if "total_s" in r else ""
        print(f"{backend:8s} {name:16s} {rate:>16s} {shown}", flush=True)

    if args.backend in ("embedded", "all"):
        rec("embedded", "loader-store", lambda: falkor_store(graph, B))
        rec("embedded", "loader-auto", lambda: falkor_run(loader_stmts(graph, B)))
        rec("embedded", "baseline-auto", lambda: falkor_run(baseline_stmts(graph, B)))
        rec("embedded", "create-auto", lambda: falkor_run(create_stmts(graph, B)))
        for b in other_batches:
            rec("embedded", f"loader batch {b}", lambda b=b: falkor_run(loader_stmts(graph, b)))
    uri = os.environ.get("NEO4J_URI")
    if args.backend in ("neo4j", "all") and uri:
        be = Neo4j(uri, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""),
                   os.environ.get("NEO4J_DATABASE"))
        results["neo4j_memory"] = be.memory
        try:
            neo4j_run(be, loader_stmts(read_twinning(DATA, limit=2000), B), True)  # warm-up
            rec("neo4j", "loader-store", lambda: neo4j_store(be, graph, B))
            rec("neo4j", "loader-1tx", lambda: neo4j_run(be, loader_stmts(graph, B), True))
            rec("neo4j", "loader-auto", lambda: neo4j_run(be, loader_stmts(graph, B), False))
            rec("neo4j", "baseline-1tx", lambda: neo4j_run(be, baseline_stmts(graph, B), True))
            rec("neo4j", "baseline-auto", lambda: neo4j_run(be, baseline_stmts(graph, B), False))
            rec("neo4j", "create-1tx", lambda: neo4j_run(be, create_stmts(graph, B), True))
            rec("neo4j", "create-auto", lambda: neo4j_run(be, create_stmts(graph, B), False))
            for b in other_batches:
                rec("neo4j", f"loader-1tx batch {b}", lambda b=b: neo4j_run(be, loader_stmts(graph, b), True))
        finally:
            be.close()
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "investigate.json").write_text(json.dumps(results, indent=2, default=str) + "\n")
    lines = ["# Load investigation", "", f"{total_rows:,} rows (nodes + relations), batch {B} unless named; "
             f"median of {args.repeat}", "",
             f"- writer's statements_for(): {results['row_build']['gc on']:.2f}s with the cyclic GC on, "
             f"{results['row_build']['gc off']:.2f}s with it off", ""]
    if results.get("neo4j_memory"):
        lines += [f"- Neo4j memory: {results['neo4j_memory']}", ""]
    for backend in ("embedded", "neo4j"):
        if backend not in results:
            continue
        lines += [f"## {backend}", "", "| variant | seconds | rows/s | split |", "|---|---:|---:|---|"]
        for name, r in results[backend].items():
            if "error" in r:
                lines.append(f"| {name} | — | — | FAILED: {r['error']} |")
                continue
            split = ", ".join(f"{k} {v:.2f}" for k, v in r.items() if k not in ("total_s", "runs"))
            lines.append(f"| {name} | {r['total_s']:.2f} | {total_rows / r['total_s']:,.0f} | {split} |")
        lines.append("")
    (args.out / "investigate.md").write_text("\n".join(lines))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
