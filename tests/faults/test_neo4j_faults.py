"""The faults of tests/faults/ that apply to Neo4j (issue 13, item 7): a CLI killed mid-load and two loads at
once. Neo4j's own transaction is the unit of all-or-nothing there; the store must hold the old or the new graph,
never a mix, and the next command must work. (Killing the server, disk full and the lock per PARTNERS_HOME are
the embedded store's and live in test_embedded_faults.py.)"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.faults, pytest.mark.neo4j]

ROOT = Path(__file__).resolve().parents[2]
PARTNERS = [sys.executable, "-c", "from cli import main; main()"]
Q = "Долинська міська рада співпрацює з муніципалітетами низки іноземних країн"
LIMIT_S = 300


def _env() -> dict[str, str]:
    if not os.environ.get("NEO4J_URI"):
        pytest.skip("NEO4J_URI is not set (start one with tools/neo4j/neo4j.sh start)")
    return {k: v for k, v in os.environ.items() if k != "NEO4J_DATABASE"} | {"PARTNERS_DEBUG": ""}


def partners(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*PARTNERS, *args, "--backend", "neo4j"], cwd=ROOT, env=_env(), capture_output=True,
                          text=True, timeout=LIMIT_S)


def start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([*PARTNERS, *args, "--backend", "neo4j"], cwd=ROOT, env=_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)




def stats() -> str:
    r = partners("stats", "--json")
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    return r.stdout


def clean(stderr: str) -> None:
    lines = [ln for ln in stderr.splitlines() if ln.strip() and not ln.startswith("loading into")]
    assert "Traceback" not in stderr and all(ln.startswith("Error: ") for ln in lines) and len(lines) <= 1, stderr


def test_killed_cli_mid_load_leaves_the_old_graph(many: Path) -> None:
    assert partners("load", "--reset", "seeds").returncode == 0
    before = stats()
    t0 = time.monotonic()
    assert partners("load", "seeds", str(many)).returncode == 0  # how long a whole load takes here
    took = time.monotonic() - t0
    full = stats()
    assert partners("load", "--reset", "seeds").returncode == 0 and stats() == before
    for fraction in (0.5, 0.8):  # validating, then writing
        load = start("load", "seeds", str(many))
        time.sleep(took * fraction)
        os.killpg(load.pid, signal.SIGKILL)
        load.wait(timeout=30)
        assert stats() in (before, full)  # the old graph, or the new one if its commit had landed: never a mix
        assert partners("load", "--reset", "seeds").returncode == 0 and stats() == before


def test_two_loads_at_once_leave_one_whole_graph(many: Path) -> None:
    assert partners("load", "--reset", "seeds").returncode == 0
    small = stats()
    assert partners("load", "--reset", "seeds", str(many)).returncode == 0
    large = stats()
    first = start("load", "--reset", "seeds")
    second = start("load", "--reset", "seeds", str(many))
    _, err1 = first.communicate(timeout=LIMIT_S)
    _, err2 = second.communicate(timeout=LIMIT_S)
    clean(err1)
    clean(err2)
    assert first.returncode in (0, 1) and second.returncode in (0, 1)
    assert stats() in (small, large)  # one load's whole graph
    assert partners("load", "--reset", "seeds").returncode == 0 and stats() == small
