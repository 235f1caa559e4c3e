"""``partners analyse`` (whole and ``--focus``) before and after, interleaved, cold and warm (issue 14, whole4).

    python bench/analyse_ab.py --home PARTNERS_HOME --before OTHER_PARTNERS [--runs 3] [--whole-runs 2]
                               [--focus ua-kyiv ua-lviv] [--out bench/results/analyse-ab.json]

bench/latency.py times the warm server for this checkout only; here both checkouts run every command in the same
round, first cold (``PARTNERS_KEEP_WARM=0``, no server running: each command starts the server on the data file)
and then warm (one untimed ``stats`` leaves a server to a keeper, which both use; stopped before the next round).
The order of before and after alternates between rounds. ``--format json`` and the text output are both timed for
the whole analyse: the text tables are rendered by terminal/ (the lead's side of issue 14), the JSON is what the
library computes. Peak memory and the run helpers are bench/latency.py's.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.latency import run, stop_keeper  # noqa: E402


def commands(partners: str, focus: list[str], whole: bool) -> dict[str, list[str]]:
    out = {f"analyse --focus {f}": [partners, "analyse", "--focus", f] for f in focus}
    if whole:
        out |= {"analyse --format json": [partners, "analyse", "--format", "json"], "analyse": [partners, "analyse"]}
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--home", type=Path, required=True)
    ap.add_argument("--before", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--whole-runs", type=int, default=2, help="rounds that include the whole analyse")
    ap.add_argument("--focus", nargs="*", default=["ua-kyiv", "ua-lviv"])
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "analyse-ab.json")
    args = ap.parse_args()
    home = args.home.resolve()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env |= {"PARTNERS_HOME": str(home), "PARTNERS_KEEP_WARM": "0"}
    warm_env = env | {"PARTNERS_KEEP_WARM": "600"}
    after = str(Path(sys.executable).with_name("partners"))
    results: dict[str, list[tuple[float, float, int]]] = {}
    loads = [os.getloadavg()]
    for rnd in range(args.runs):
        order = [("before", args.before), ("after", after)]
        if rnd % 2:
            order.reverse()
        names = commands(after, args.focus, rnd < args.whole_runs)
        print(f"round {rnd + 1}: load average {os.getloadavg()}", flush=True)
        stop_keeper(home)
        for mode, e in (("cold", env), ("warm", warm_env)):
            if mode == "warm":
                run([after, "stats"], warm_env)
            for name in names:
                for variant, partners in order:
                    row = run(commands(partners, args.focus, True)[name], e)
                    results.setdefault(f"{mode} {variant}: {name}", []).append(row)
                    print(f"  {mode} {variant:6} {name:32} {row[0]:7.2f} s {row[1]:6.0f} MiB", flush=True)
        stop_keeper(home)
        loads.append(os.getloadavg())
    table = {label: {"runs": len(v), "p50_s": statistics.median(w for w, _, _ in v),
                     "min_s": min(w for w, _, _ in v), "max_s": max(w for w, _, _ in v),
                     "peak_mib": max(m for _, m, _ in v), "failed": sum(1 for *_, rc in v if rc)}
             for label, v in results.items()}
    args.out.write_text(json.dumps({"date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                                    "load_averages": loads, "commands": table}, indent=1))
    print("\n| command | runs | p50 s | min s | max s | peak MiB |\n|---|---:|---:|---:|---:|---:|")
    for label, row in sorted(table.items()):
        print(f"| {label} | {row['runs']} | {row['p50_s']:.2f} | {row['min_s']:.2f} | {row['max_s']:.2f} | "
              f"{row['peak_mib']:.0f} |")


if __name__ == "__main__":
    main()
