"""`partners serve` figures: start-up time, search p95 and expand (neighbourhood) p95, over HTTP on loopback.

Graphs: the seeds, and the seeds plus the sourced Ukrainian pairs (``ukraine_partnerships_provenance.tsv``), in
the embedded store. Start-up is measured from launching the process to its first answer (Python start, store
start, the one read of the graph). Search runs every name of a fixed list; expand asks the neighbourhood of the
50 best-connected actors (partner view, default cap) and their full stored-graph neighbourhood.

    python bench/serve.py [--runs 5] [--out bench/results]
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data" / "ukraine_partnerships_provenance.tsv"
if not DATA.is_file():
    DATA = Path("/work/shared/data/ukraine_partnerships_provenance.tsv")
PARTNERS = [sys.executable, "-c", "from cli import main; main()"]
NAMES = ["Zhytomyr", "Житомир", "Dolyna", "Долина", "Lviv", "Львів", "Kyiv", "Polt", "Zhyt", "Lublin", "Kraków",
         "Dortmund", "Kassel", "zhytomyr oblast", "Полтавська обласна рада", "Zhytomyrr", "Xyzzy"]


def _p95(xs: list[float]) -> float:
    return statistics.quantiles(xs, n=20)[-1] if len(xs) >= 2 else xs[0]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> tuple[float, object]:
    t = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as r:
        body = json.loads(r.read())
    return time.perf_counter() - t, body


def measure(home: Path, runs: int) -> dict[str, object]:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    t0 = time.perf_counter()
    proc = subprocess.Popen([*PARTNERS, "serve", "--port", str(port), "--backend", "embedded", "--home", str(home)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                _get(base + "/api/queries")
                break
            except OSError:
                time.sleep(0.05)
        start = time.perf_counter() - t0
        search = [_get(base + "/api/search?q=" + urllib.parse.quote(n))[0] for _ in range(runs) for n in NAMES]
        # the best-connected actors: from the partner view of each searched name, then their partners
        ids: list[str] = []
        for n in NAMES:
            _, found = _get(base + "/api/search?q=" + urllib.parse.quote(n))
            ids += [r["id"] for r in found["results"][:1]]  # type: ignore[index]
        for i in list(ids):
            _, nb = _get(base + f"/api/neighbourhood/{urllib.parse.quote(i)}?limit=1000")
            ids += [m["id"] for m in nb["nodes"]]  # type: ignore[index]
        ids = list(dict.fromkeys(ids))[:50]
        expand = [_get(base + f"/api/neighbourhood/{urllib.parse.quote(i)}")[0] for _ in range(runs) for i in ids]
        full = [_get(base + f"/api/neighbourhood/{urllib.parse.quote(i)}?view=full")[0] for _ in range(runs)
                for i in ids]
        entity = [_get(base + f"/api/entity/{urllib.parse.quote(i)}")[0] for i in ids]
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    ms = lambda xs: {"n": len(xs), "p50_ms": round(statistics.median(xs) * 1000, 1),  # noqa: E731
                     "p95_ms": round(_p95(xs) * 1000, 1), "max_ms": round(max(xs) * 1000, 1)}
    return {"start_s": round(start, 2), "search": ms(search), "expand_partner_view": ms(expand),
            "expand_full_graph": ms(full), "entity_inspector": ms(entity)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = ap.parse_args()
    results: dict[str, object] = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    with tempfile.TemporaryDirectory(prefix="partners-bench-serve-") as tmp:
        for name, extra in (("seeds", []), ("seeds+pairs", ["--data", str(DATA)])):
            home = Path(tmp) / name
            subprocess.run([*PARTNERS, "load", "--backend", "embedded", "--home", str(home), *extra], cwd=ROOT,
                           check=True, capture_output=True)
            stats = json.loads(subprocess.run([*PARTNERS, "stats", "--json", "--backend", "embedded", "--home",
                                               str(home)], cwd=ROOT, check=True, capture_output=True).stdout)
            results[name] = {"entities_and_relations": sum(stats.values()), **measure(home, args.runs)}
            print(name, json.dumps(results[name]), flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "serve.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
