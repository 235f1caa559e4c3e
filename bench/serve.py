"""`partners serve` figures: start-up time, search p95 and expand (neighbourhood) p95, over HTTP on loopback.

Graphs, in the embedded store: the seeds; the seeds plus the sourced Ukrainian pairs
(``ukraine_partnerships_provenance.tsv``); and the big graph, ``partners load --reset seeds reference --data
ukraine_partnerships_provenance.tsv --data world_twinning.tsv`` (give ``--big-home`` to reuse one already loaded).
Start-up is measured from launching the process to its first answer (Python start, store
start, the one read of the graph). Search runs every name of a fixed list; expand asks the neighbourhood of the
50 best-connected actors (partner view, default cap) and their full stored-graph neighbourhood. The map tab's
data (``/api/map``) is timed too, and, with Chromium, the page's map from navigation to drawn.

    python bench/serve.py [--runs 5] [--out bench/results] [--only big] [--big-home PATH]
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
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
if not SHARED.is_dir():
    SHARED = Path("/work/shared/data")
DATA = SHARED / "ukraine_partnerships_provenance.tsv"
WORLD = SHARED / "world_twinning.tsv"
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


def launch(home: Path, root: Path) -> tuple[subprocess.Popen[bytes], str, float]:
    """`partners serve` of the checkout at ``root`` on ``home``, started; with its address and the seconds to its
    first answer (the query list, no graph needed). The caller stops it."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    t0 = time.perf_counter()
    proc = subprocess.Popen([*PARTNERS, "serve", "--port", str(port), "--backend", "embedded", "--home", str(home)],
                            cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        try:
            _get(base + "/api/queries")
            return proc, base, time.perf_counter() - t0
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError(f"partners serve (in {root}) exited with {proc.returncode}") from None
            time.sleep(0.02)


def start_times(home: Path, root: Path = ROOT) -> tuple[float, float]:
    """Seconds from launching `partners serve` (the checkout at ``root``) to its first answer (the query list, no
    graph needed) and to its first search answered (the graph read and the name table ready)."""
    t0 = time.perf_counter()
    proc, base, first = launch(home, root)
    try:
        _get(base + "/api/search?q=Zhytomyr")
        return first, time.perf_counter() - t0
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def before_after(before: str, load: list[str], measure: Callable[[Path, Path], Any], runs: int) -> dict[str, list[Any]]:
    """``measure(home, checkout)`` of the commit ``before`` (a scratch worktree) and of this checkout, interleaved
    run by run so both see the same machine load, on one store loaded with ``partners load --reset *load``."""
    with tempfile.TemporaryDirectory(prefix="partners-bench-") as tmp:
        old = Path(tmp) / "before"
        subprocess.run(["git", "worktree", "add", "--detach", str(old), before], cwd=ROOT, check=True,
                       capture_output=True)
        try:
            home = Path(tmp) / "home"
            subprocess.run([*PARTNERS, "load", "--reset", *load, "--backend", "embedded", "--home", str(home)],
                           cwd=ROOT, check=True, capture_output=True)
            rows: dict[str, list[Any]] = {"before": [], "after": []}
            for _ in range(runs):
                rows["before"].append(measure(home, old))
                rows["after"].append(measure(home, ROOT))
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old)], cwd=ROOT, capture_output=True)
    return rows


def compare_start(before: str, runs: int) -> dict[str, object]:
    """Start-up of this checkout against the commit ``before`` on the seeds, interleaved run by run (the same
    machine load for both), in a scratch worktree of ``before``."""
    rows = before_after(before, ["seeds"], start_times, runs)
    med = lambda xs: round(statistics.median(xs), 2)  # noqa: E731
    return {"before_commit": before, "runs": runs,
            **{k: {"first_answer_s": med([a for a, _ in v]), "first_search_s": med([b for _, b in v]),
                   "all": [[round(a, 2), round(b, 2)] for a, b in v]} for k, v in rows.items()}}


def map_frame_ms(home: Path, root: Path, frames: int = 20) -> dict[str, float]:
    """The map tab of `partners serve` (the checkout at ``root``) over ``home``: seconds to drawn, and the mean ms
    of one whole frame (``mapNet.redraw()``, which draws synchronously) — what every pan and zoom costs."""
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([*PARTNERS, "serve", "--port", str(port), "--backend", "embedded", "--home", str(home)],
                            cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while True:
            try:
                _get(base + "/api/search?q=Zhytomyr")
                break
            except OSError:
                time.sleep(0.05)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.goto(base + "/?lang=en&tab=map", wait_until="commit")
                page.wait_for_selector("html[data-map-drawn='true']", state="attached", timeout=180_000)
                drawn = float(page.evaluate("performance.now()")) / 1000.0
                frame = float(page.evaluate(f"""() => {{ const t = performance.now();
                    for (let i = 0; i < {frames}; i++) mapNet.redraw();
                    return (performance.now() - t) / {frames}; }}"""))
                ties = int(page.get_attribute("html", "data-map-ties") or 0)
            finally:
                browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=120)
    return {"drawn_s": round(drawn, 2), "frame_ms": round(frame, 1), "ties": ties}


def compare_map(before: str, runs: int, big: bool = False) -> dict[str, object]:
    """The map's frame time on the seeds plus the sourced pairs (``big``: plus the reference and world twinning),
    this checkout against ``before``, interleaved."""
    what = ["seeds", "reference", "--data", str(DATA), "--data", str(WORLD)] if big else ["seeds", "--data", str(DATA)]
    rows = before_after(before, what, map_frame_ms, runs)
    return {"before_commit": before, "runs": runs, "graph": "big" if big else "seeds+pairs", **rows}


def measure(home: Path, runs: int) -> dict[str, object]:
    proc, base, start = launch(home, ROOT)
    try:
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
        map_api = [_get(base + "/api/map")[0] for _ in range(runs)]
        _, map_body = _get(base + "/api/map")
        map_page = _map_page_seconds(base)
    finally:
        proc.terminate()  # the big graph's server may take a while to let go of its store
        try:
            proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    ms = lambda xs: {"n": len(xs), "p50_ms": round(statistics.median(xs) * 1000, 1),  # noqa: E731
                     "p95_ms": round(_p95(xs) * 1000, 1), "max_ms": round(max(xs) * 1000, 1)}
    return {"start_s": round(start, 2), "search": ms(search), "expand_partner_view": ms(expand),
            "expand_full_graph": ms(full), "entity_inspector": ms(entity), "map_api": ms(map_api),
            "map_drawn": {"actors": len(map_body["nodes"]), "ties": len(map_body["ties"]),  # type: ignore[index]
                          "unplaced": map_body["unplaced"], "page_s": map_page}}  # type: ignore[index]


def _map_page_seconds(base: str) -> float | None:
    """Seconds from navigation to the map tab drawn, by the browser's clock (None without Chromium)."""
    sys.path.insert(0, str(ROOT))
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    if not CHROMIUM.is_file():
        return None
    with sync_playwright() as p:  # not offline: the page talks to the server on loopback
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(base + "/?lang=en&tab=map", wait_until="commit")
            page.wait_for_selector("html[data-map-drawn='true']", state="attached", timeout=180_000)
            return round(float(page.evaluate("performance.now()")) / 1000.0, 2)
        finally:
            browser.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    ap.add_argument("--only", choices=["seeds", "seeds+pairs", "big"], action="append", default=None)
    ap.add_argument("--big-home", type=Path, default=None, help="a store the big graph is already loaded into")
    ap.add_argument("--start-before", metavar="COMMIT", default=None,
                    help="only the start-up on the seeds, this checkout against COMMIT, interleaved (--runs each)")
    ap.add_argument("--map-before", metavar="COMMIT", default=None,
                    help="only the map's frame time on seeds+pairs, this checkout against COMMIT, interleaved")
    ap.add_argument("--map-big", action="store_true", help="with --map-before: on the big graph")
    args = ap.parse_args()
    if args.map_before:
        sys.path.insert(0, str(ROOT))
        r = compare_map(args.map_before, args.runs, args.map_big)
        print(json.dumps(r, indent=1))
        name = "serve-map-big.json" if args.map_big else "serve-map.json"
        (args.out / name).write_text(json.dumps(r, indent=1) + "\n", encoding="utf-8")
        return
    if args.start_before:
        r = compare_start(args.start_before, args.runs)
        r["when"] = results_when = datetime.now(timezone.utc).isoformat(timespec="seconds")
        print(json.dumps(r, indent=1))
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "serve-start.json").write_text(json.dumps(r, indent=1) + "\n", encoding="utf-8")
        md = args.out / "serve.md"
        text = md.read_text(encoding="utf-8") if md.is_file() else "# `partners serve` figures\n"
        text = text.split(START_HEADING)[0].rstrip("\n") + "\n\n" + _start_markdown(r, results_when)
        md.write_text(text, encoding="utf-8")
        return
    results: dict[str, object] = {"when": datetime.now(timezone.utc).isoformat(timespec="seconds")}
    graphs = (("seeds", ["seeds"]), ("seeds+pairs", ["seeds", "--data", str(DATA)]),
              ("big", ["seeds", "reference", "--data", str(DATA), "--data", str(WORLD)]))
    with tempfile.TemporaryDirectory(prefix="partners-bench-serve-") as tmp:
        for name, what in graphs:
            if args.only and name not in args.only:
                continue
            home = Path(tmp) / name
            if name == "big" and args.big_home:
                home = args.big_home
            else:
                subprocess.run([*PARTNERS, "load", "--reset", *what, "--backend", "embedded", "--home", str(home)],
                               cwd=ROOT, check=True, capture_output=True)
            stats = json.loads(subprocess.run([*PARTNERS, "stats", "--json", "--backend", "embedded", "--home",
                                               str(home)], cwd=ROOT, check=True, capture_output=True).stdout)
            results[name] = {"entities_and_relations": sum(stats.values()), **measure(home, args.runs)}
            print(name, json.dumps(results[name]), flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "serve.json").write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    (args.out / "serve.md").write_text(_markdown(results), encoding="utf-8")


START_HEADING = "## Start-up on the seeds, before and after"


def _start_markdown(r: dict[str, Any], when: str) -> str:
    """The start-up comparison of ``--start-before`` as a section of serve.md (the last one; replaced on rerun)."""
    b, a = r["before"], r["after"]
    runs = lambda x: ", ".join(f"{f} / {s}" for f, s in x["all"])  # noqa: E731
    return "\n".join([
        START_HEADING, "",
        f"Run {when} by `python bench/serve.py --start-before {r['before_commit']} --runs {r['runs']}`: the two "
        "checkouts started in turn on the same seeds store (embedded), so both saw the same machine load. "
        "Seconds from launching `partners serve` to its first answer (the query list) and to its first search "
        "answered (the graph read, the name table ready); medians, then every run as first answer / first search.",
        "", "| checkout | first answer (s) | first search (s) | runs |", "|---|---|---|---|",
        f"| before ({r['before_commit']}) | {b['first_answer_s']} | {b['first_search_s']} | {runs(b)} |",
        f"| after (this branch) | {a['first_answer_s']} | {a['first_search_s']} | {runs(a)} |", ""])


def _markdown(results: dict[str, object]) -> str:
    lines = ["# `partners serve` figures", "", f"Run {results['when']} by `python bench/serve.py` on this machine "
             "(2 shared cores, embedded store, loopback HTTP). Times in ms unless marked s.", "",
             "| graph | entities+relations | start (s) | search p95 | expand p95 | expand full p95 | inspector p95 "
             "| /api/map p95 | map actors / ties / unplaced | map drawn in page (s) |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for name, r in results.items():
        if not isinstance(r, dict):
            continue
        m = r["map_drawn"]
        lines.append(f"| {name} | {r['entities_and_relations']:,} | {r['start_s']} | {r['search']['p95_ms']} "
                     f"| {r['expand_partner_view']['p95_ms']} | {r['expand_full_graph']['p95_ms']} "
                     f"| {r['entity_inspector']['p95_ms']} | {r['map_api']['p95_ms']} "
                     f"| {m['actors']:,} / {m['ties']:,} / {m['unplaced']:,} | {m['page_s']} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
