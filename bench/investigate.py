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
  loader-store steps  (Neo4j) the store's write(reset=True) re-enacted to time its steps: statements,
                  the two stale-deletes (`delete_stale_*.cypher`), commit
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
from functools import partial
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [p for p in (str(BENCH.parent), str(BENCH)) if p not in sys.path]

from load import BASE_EDGES, BASE_NODES, FALKOR_SCHEMA, Neo4j, TxMemorySampler, batches, rows_of  # noqa: E402
from twinning import DATA, read_twinning  # noqa: E402

from graph.cypher import for_label, for_type  # noqa: E402
from graph.model import GraphData  # noqa: E402
from graph.stores import open_store  # noqa: E402
from graph.writer import DEFAULT_BATCH, statements_for, write_graph  # noqa: E402

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


def row_build_times(graph: GraphData, batch: int) -> dict[str, Any]:
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


def falkor_run(build: Callable[[], Stmts]) -> dict[str, Any]:
    """Build the statements (timed) and run each as its own query on a fresh graph; SAVE timed apart."""
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
            stmts = build()
            built = time.perf_counter() - t0
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
    return {"total_s": total, "build_s": built, "nodes_s": wall[False], "rels_s": wall[True],
            "server_nodes_s": srv[False], "server_rels_s": srv[True], "save_s_not_in_total": save}


def falkor_store(graph: GraphData, batch: int, gc_off: bool = False) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="bench-home-") as tmp:
        store = open_store("embedded", home=Path(tmp), graph="inv")
        try:
            if gc_off:
                gc.disable()
            t0 = time.perf_counter()
            write_graph(store, graph, reset=True, batch_size=batch)
            return {"total_s": time.perf_counter() - t0}
        finally:
            gc.enable()
            store.close()


# ---- Neo4j ---------------------------------------------------------------------------------------------------


def neo4j_run(be: Neo4j, build: Callable[[], Stmts], one_tx: bool) -> dict[str, Any]:
    be.clear()
    be.schema()
    wall = {False: 0.0, True: 0.0}
    commit = 0.0
    try:
        with be.session() as s, TxMemorySampler(be.driver, be.database) as mem:
            t0 = time.perf_counter()
            stmts = build()
            built = time.perf_counter() - t0
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
    return {"total_s": total, "build_s": built, "nodes_s": wall[False], "rels_s": wall[True], "commit_s": commit,
            "peak_tx_heap_mib": mem.peak / 2**20}


def neo4j_store_shape(be: Neo4j, graph: GraphData, batch: int) -> dict[str, Any]:
    """What ``Neo4jStore.write(reset=True)`` does, step by step: one transaction with the writer's statements,
    then the two stale-deletes (ids of everything written), then the commit — each timed."""
    from graph.cypher import statement
    from graph.stores.neo4j_store import _written_ids

    be.clear()
    be.schema()
    try:
        with be.session() as s, TxMemorySampler(be.driver, be.database) as mem:
            t0 = time.perf_counter()
            stmts = statements_for(graph, batch)
            built = time.perf_counter() - t0
            tx = s.begin_transaction()
            try:
                for st in stmts:
                    tx.run(st.cypher, st.params).consume()
                t1 = time.perf_counter()
                node_ids, edge_ids = _written_ids(stmts)
                tx.run(statement("delete_stale_edges"), {"ids": edge_ids}).consume()
                tx.run(statement("delete_stale_nodes"), {"ids": node_ids}).consume()
                t2 = time.perf_counter()
                tx.commit()
                t3 = time.perf_counter()
            finally:
                tx.close()
    finally:
        be.clear()
    return {"total_s": t3 - t0, "build_s": built, "statements_s": t1 - t0 - built, "stale_delete_s": t2 - t1,
            "commit_s": t3 - t2, "peak_tx_heap_mib": mem.peak / 2**20}


def neo4j_store(be: Neo4j, graph: GraphData, batch: int, gc_off: bool = False) -> dict[str, Any]:
    from graph.stores.neo4j_store import Neo4jStore

    be.clear()
    store = Neo4jStore(be.uri, be.user, be.password, be.database)
    try:
        store.ensure_constraints()
        if gc_off:
            gc.disable()
        t0 = time.perf_counter()
        write_graph(store, graph, reset=True, batch_size=batch)
        return {"total_s": time.perf_counter() - t0}
    finally:
        gc.enable()
        store.close()
        be.clear()


# An all-or-nothing alternative to one big transaction: write into a staging label in auto-commit batches
# (invisible to every query, which all match :Entity), then one small transaction swaps the labels.
STAGE_SCHEMA = "CREATE CONSTRAINT entity_staging_id IF NOT EXISTS FOR (n:EntityStaging) REQUIRE n.id IS UNIQUE"
STAGE_NODES = """UNWIND $rows AS row
MERGE (n:EntityStaging {id: row.id})
SET n = row.props"""
STAGE_EDGES = """UNWIND $rows AS row
MATCH (a:EntityStaging {id: row.source})
MATCH (b:EntityStaging {id: row.target})
MERGE (a)-[r:__TYPE__ {id: row.id}]->(b)
SET r = row.props"""
SWAP_OUT = "MATCH (n:Entity:__LABEL__) REMOVE n:Entity:__LABEL__ SET n:EntityOld"
SWAP_IN = "MATCH (n:EntityStaging) WHERE n.kind = $kind SET n:Entity:__LABEL__ REMOVE n:EntityStaging"


def neo4j_staging_swap(be: Neo4j, graph: GraphData, batch: int) -> dict[str, Any]:
    be.clear()
    be.schema()
    with be.session() as s:
        s.run(STAGE_SCHEMA).consume()
    try:
        with be.session() as s, TxMemorySampler(be.driver, be.database) as mem:
            t0 = time.perf_counter()
            kinds = sorted(graph.nodes_by_kind())
            for _kind, nodes in sorted(graph.nodes_by_kind().items()):
                rows = [{"id": n.id, "props": n.record()} for n in nodes]
                for b in batches(rows, batch):
                    s.run(STAGE_NODES, rows=list(b)).consume()
            t_nodes = time.perf_counter() - t0
            for rtype, edges in sorted(graph.edges_by_type().items()):
                rows = [{"id": e.id, "source": e.source, "target": e.target, "props": e.record()} for e in edges]
                for b in batches(rows, batch):
                    s.run(for_type(STAGE_EDGES, rtype), rows=list(b)).consume()
            t_rels = time.perf_counter() - t0 - t_nodes
            t = time.perf_counter()
            with s.begin_transaction() as tx:  # the only all-or-nothing step: readers see old or new
                for kind in kinds:
                    tx.run(for_label(SWAP_OUT, kind)).consume()
                    tx.run(for_label(SWAP_IN, kind), kind=kind).consume()
                tx.commit()
            swap = time.perf_counter() - t
            while s.run("MATCH (n:EntityOld) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS c").single()["c"]:
                pass
            total = time.perf_counter() - t0
        check = be.counts()
        if check != (len(graph.nodes), len(graph.edges)):
            raise RuntimeError(f"staging swap wrote {check}")
    finally:
        be.clear()
    return {"total_s": total, "nodes_s": t_nodes, "rels_s": t_rels, "swap_tx_s": swap,
            "peak_tx_heap_mib": mem.peak / 2**20}


# ---- driver --------------------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--backend", choices=["embedded", "neo4j", "all"], default="all")
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--repeat", type=int, default=1, help="rounds; each round runs every variant once (interleaved)")
    ap.add_argument("--batches", default="1000,20000", help="other batch sizes to try for the writer")
    ap.add_argument("--only", default="", help="run only the variants whose name contains this text")
    ap.add_argument("--out", type=Path, default=BENCH / "results")
    args = ap.parse_args()
    graph = read_twinning(DATA, limit=args.limit)
    total_rows = len(graph.nodes) + len(graph.edges)
    B = DEFAULT_BATCH
    other_batches = [int(x) for x in args.batches.split(",") if x]
    results: dict[str, Any] = {"rows": total_rows, "row_build": row_build_times(graph, B),
                               "load_average_start": os.getloadavg()}
    print(f"{total_rows:,} rows; statements_for(): {results['row_build']}", flush=True)

    variants: list[tuple[str, str, Callable[[], dict[str, Any]]]] = []
    if args.backend in ("embedded", "all"):
        variants += [
            ("embedded", "loader-store", lambda: falkor_store(graph, B)),
            ("embedded", "loader-store gc-off", lambda: falkor_store(graph, B, gc_off=True)),
            ("embedded", "loader-auto", lambda: falkor_run(lambda: loader_stmts(graph, B))),
            ("embedded", "baseline-auto", lambda: falkor_run(lambda: baseline_stmts(graph, B))),
            ("embedded", "create-auto", lambda: falkor_run(lambda: create_stmts(graph, B))),
        ]
        variants += [("embedded", f"loader-auto batch {b}",
                      partial(lambda n: falkor_run(lambda: loader_stmts(graph, n)), b)) for b in other_batches]
    uri = os.environ.get("NEO4J_URI")
    be: Neo4j | None = None
    if args.backend in ("neo4j", "all") and uri:
        be = Neo4j(uri, os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""),
                   os.environ.get("NEO4J_DATABASE"))
        results["neo4j_memory"] = be.memory
        n4 = be
        neo4j_run(n4, lambda: loader_stmts(graph, B), False)  # warm-up, not measured
        variants += [
            ("neo4j", "loader-store", lambda: neo4j_store(n4, graph, B)),
            ("neo4j", "loader-store gc-off", lambda: neo4j_store(n4, graph, B, gc_off=True)),
            ("neo4j", "loader-store steps", lambda: neo4j_store_shape(n4, graph, B)),
            ("neo4j", "loader-1tx", lambda: neo4j_run(n4, lambda: loader_stmts(graph, B), True)),
            ("neo4j", "loader-auto", lambda: neo4j_run(n4, lambda: loader_stmts(graph, B), False)),
            ("neo4j", "baseline-1tx", lambda: neo4j_run(n4, lambda: baseline_stmts(graph, B), True)),
            ("neo4j", "baseline-auto", lambda: neo4j_run(n4, lambda: baseline_stmts(graph, B), False)),
            ("neo4j", "create-1tx", lambda: neo4j_run(n4, lambda: create_stmts(graph, B), True)),
            ("neo4j", "staging+swap", lambda: neo4j_staging_swap(n4, graph, B)),
        ]
        variants += [(("neo4j", f"loader-1tx batch {b}",
                       partial(lambda n: neo4j_run(n4, lambda: loader_stmts(graph, n), True), b)))
                     for b in other_batches]
    variants = [v for v in variants if args.only in v[1]]
    runs: dict[tuple[str, str], list[dict[str, Any]]] = {(b, n): [] for b, n, _ in variants}
    errors: dict[tuple[str, str], str] = {}
    try:
        for rnd in range(args.repeat):
            for backend, name, fn in variants:
                if (backend, name) in errors:
                    continue
                try:
                    r = fn()
                except Exception as e:  # noqa: BLE001 - a failed variant is a finding
                    errors[(backend, name)] = f"{type(e).__name__}: {str(e)[:300]}"
                    print(f"{backend:8s} {name:22s} FAILED {errors[(backend, name)]}", flush=True)
                    continue
                runs[(backend, name)].append(r)
                shown = {k: round(v, 2) for k, v in r.items()}
                print(f"round {rnd + 1} {backend:8s} {name:22s} {total_rows / r['total_s']:>9,.0f} rows/s {shown}",
                      flush=True)
    finally:
        if be is not None:
            be.close()
    for (backend, name), rs in runs.items():
        if (backend, name) in errors:
            results.setdefault(backend, {})[name] = {"error": errors[(backend, name)]}
        elif rs:
            med = {k: statistics.median(r[k] for r in rs) for k in rs[0]}
            results.setdefault(backend, {})[name] = med | {"runs": [round(r["total_s"], 2) for r in rs]}
    results["load_average_end"] = os.getloadavg()

    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "investigate.json").write_text(json.dumps(results, indent=2, default=str) + "\n")
    lines = ["# Load investigation", "",
             f"{total_rows:,} rows (nodes + relations), batch {B} unless named; median of {args.repeat} interleaved "
             f"round(s); every time includes building the rows from the GraphData.", "",
             f"- writer's statements_for(): {results['row_build']['gc on']:.2f}s with the cyclic GC on, "
             f"{results['row_build']['gc off']:.2f}s with it off",
             f"- load average at start {[round(x, 2) for x in results['load_average_start']]}, at end "
             f"{[round(x, 2) for x in results['load_average_end']]}"]
    if results.get("neo4j_memory"):
        lines += [f"- Neo4j memory: {results['neo4j_memory']}"]
    lines.append("")
    for backend in ("embedded", "neo4j"):
        if backend not in results:
            continue
        lines += [f"## {backend}", "", "| variant | seconds | rows/s | split (s; MiB) | runs |",
                  "|---|---:|---:|---|---|"]
        for name, r in results[backend].items():
            if "error" in r:
                lines.append(f"| {name} | — | — | FAILED: {r['error']} | |")
                continue
            split = ", ".join(f"{k} {v:.2f}" for k, v in r.items() if k not in ("total_s", "runs"))
            lines.append(f"| {name} | {r['total_s']:.2f} | {total_rows / r['total_s']:,.0f} | {split} | "
                         f"{'/'.join(str(x) for x in r['runs'])} |")
        lines.append("")
    (args.out / "investigate.md").write_text("\n".join(lines))
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main())
