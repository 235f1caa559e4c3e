"""Would FalkorDB's own bulk loader (GRAPH.BULK) beat the writer's UNWIND? One experiment, not part of `make bench`.

    python -m venv /tmp/bulkvenv && /tmp/bulkvenv/bin/pip install falkordb-bulk-loader
    BULK=/tmp/bulkvenv/bin/falkordb-bulk-insert .venv/bin/python bench/bulk_experiment.py [LIMIT]

Writes the twin-town graph to CSV (typed headers, provenance as arrays), loads it with ``falkordb-bulk-insert``
into a staging graph of a temporary embedded server, adds the project's indexes, RENAMEs and SAVEs — the same
all-or-nothing shape as the embedded store's ``write(reset=True)``. The bulk loader is a separate tool kept out
of the project's environment, hence its own virtualenv.
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path[:0] = [p for p in (str(BENCH.parent), str(BENCH)) if p not in sys.path]

from twinning import read_twinning  # noqa: E402

from graph.stores.embedded_server import EmbeddedServer  # noqa: E402

BULK = os.environ.get("BULK", "/tmp/bulkvenv/bin/falkordb-bulk-insert")


def _array(values: Iterable[object]) -> str:
    return repr([str(v) for v in values])


def main() -> int:
    from falkordb import FalkorDB

    limit = int(sys.argv[1]) if len(sys.argv) > 1 else None
    graph = read_twinning(limit=limit)
    rows = len(graph.nodes) + len(graph.edges)
    for _ in range(3):
        with tempfile.TemporaryDirectory(prefix="bench-bulk-") as tmp:
            home = Path(tmp)
            server = EmbeddedServer.acquire(home)
            db = FalkorDB(unix_socket_path=str(server.socket))
            try:
                t0 = time.perf_counter()
                args: list[str] = []
                for kind, nodes in sorted(graph.nodes_by_kind().items()):
                    keys = sorted({k for n in nodes for k in n.props})
                    path = home / f"{kind}.csv"
                    with path.open("w", newline="", encoding="utf-8") as fh:
                        w = csv.writer(fh)
                        w.writerow(["id:ID", "kind:STRING", *[f"{k}:STRING" for k in keys],
                                    "source_ids:ARRAY", "quotes:ARRAY"])
                        for n in nodes:
                            w.writerow([n.id, n.kind, *[n.props.get(k, "") for k in keys],
                                        _array(c.source for c in n.citations), _array(c.quote for c in n.citations)])
                    args += ["-N", f"Entity:{kind}", str(path)]
                for rtype, edges in sorted(graph.edges_by_type().items()):
                    keys = sorted({k for e in edges for k in e.props})
                    path = home / f"{rtype}.csv"
                    with path.open("w", newline="", encoding="utf-8") as fh:
                        w = csv.writer(fh)
                        w.writerow([":START_ID", ":END_ID", "id:STRING", *[f"{k}:STRING" for k in keys],
                                    "source_ids:ARRAY", "quotes:ARRAY"])
                        for e in edges:
                            w.writerow([e.source, e.target, e.id, *[e.props.get(k, "") for k in keys],
                                        _array(c.source for c in e.citations), _array(c.quote for c in e.citations)])
                    args += ["-R", rtype, str(path)]
                t_csv = time.perf_counter() - t0
                subprocess.run([BULK, "staging", "-u", f"unix://{server.socket}", "--enforce-schema", *args],
                               check=True, stdout=subprocess.DEVNULL)
                t_bulk = time.perf_counter() - t0 - t_csv
                g = db.select_graph("staging")
                for ddl in ("CREATE INDEX FOR (n:Entity) ON (n.id)", "CREATE INDEX FOR (n:Entity) ON (n.kind)"):
                    g.query(ddl)
                db.connection.rename("staging", "partners")
                db.connection.save()
                total = time.perf_counter() - t0
                live = db.select_graph("partners")
                n = live.ro_query("MATCH (n:Entity) RETURN count(n)").result_set[0][0]
                r = live.ro_query("MATCH (:Entity)-[r]->(:Entity) RETURN count(r)").result_set[0][0]
                print(f"GRAPH.BULK: {rows:,} rows in {total:.2f}s = {rows / total:,.0f} rows/s (CSV {t_csv:.2f}s, "
                      f"bulk insert {t_bulk:.2f}s incl. the tool's start-up); {n:,} nodes, {r:,} relations", flush=True)
            finally:
                db.connection.close()
                server.release()
    return 0


if __name__ == "__main__":
    sys.exit(main())
