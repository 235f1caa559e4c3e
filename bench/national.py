"""National-scale benchmark: seeds + KATOTTG reference layer + both data tables, loaded in one command on the
embedded store, then ``coverage``, ``analyse`` and ``report --all`` on it — each as the real CLI in a subprocess.

    python bench/national.py [--out bench/results]

Measures wall time and peak RSS of each command (``/usr/bin/time``-style via ``os.wait4``); the embedded
FalkorDB server is a separate process and is not included in the peak. Goals (issue 11, 2-core machine):
full load < 60 s, coverage < 5 s, analysis < 30 s. Writes bench/results/national.md and national.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path("/work/shared/data")
PARTNERS = str(Path(sys.executable).parent / "partners")
GOALS = {"load": 60.0, "coverage": 5.0, "analyse": 30.0}


def timed(args: list[str], env: dict[str, str]) -> dict[str, object]:
    with tempfile.TemporaryFile() as out_f, tempfile.TemporaryFile() as err_f:  # files: a full pipe would block
        start = time.perf_counter()
        proc = subprocess.Popen([PARTNERS, *args], cwd=ROOT, env=env, stdout=out_f, stderr=err_f)
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        out_f.seek(0)
        err_f.seek(0)
        out, err = out_f.read().decode(), err_f.read().decode()
    return {"command": "partners " + " ".join(args), "seconds": round(seconds, 2),
            "peak_rss_mib": round(usage.ru_maxrss / 1024, 1), "exit": os.waitstatus_to_exitcode(status),
            "stdout_head": out.splitlines()[:40], "stderr_tail": err.splitlines()[-5:]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="partners-national-"))
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_URI"} | {"PARTNERS_HOME": str(home)}
    steps = {
        "load": ["load", "--reset", "seeds", "reference", "--data", str(DATA / "ukraine_partnerships_provenance.tsv"),
                 "--data", str(DATA / "world_twinning.tsv")],
        "coverage": ["coverage", "--gaps", "0"],
        "analyse": ["analyse"],
        "report": ["report", "--all", "-o", str(home / "overview.html")],
    }
    results = {name: timed(cmd, env) for name, cmd in steps.items()}
    load_avg = os.getloadavg()
    lines = ["# National-scale benchmark (issue 11)", "",
             f"- date: {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}",
             f"- machine: {os.cpu_count()} CPUs, {platform.platform()}, Python {platform.python_version()}",
             f"- load average at end: {[round(x, 2) for x in load_avg]} (other engineers share the machine)",
             "- store: embedded FalkorDB; peak RSS is the CLI process (the FalkorDB server is another process)",
             "- command: `python bench/national.py`", "",
             "| step | command | seconds | peak RSS (MiB) | goal | verdict |", "|---|---|---:|---:|---:|---|"]
    for name, r in results.items():
        goal = GOALS.get(name)
        verdict = "" if goal is None else ("PASS" if r["exit"] == 0 and float(r["seconds"]) < goal else "**FAIL**")
        if r["exit"] != 0:
            verdict = f"**exit {r['exit']}**"
        lines.append(f"| {name} | `{r['command'].replace(str(DATA) + '/', '')}` | {r['seconds']} | {r['peak_rss_mib']} "
                     f"| {'' if goal is None else f'< {goal:g} s'} | {verdict} |")
    lines += ["", "## load output", "", "```", *results["load"]["stdout_head"], "```", "",
              "## coverage output", "", "```", *results["coverage"]["stdout_head"], "```"]
    for name, r in results.items():
        if r["exit"] != 0:
            lines += ["", f"## {name} failed", "", "```", *r["stderr_tail"], "```"]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "national.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (args.out / "national.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
