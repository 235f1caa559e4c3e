"""The embedded server's lifecycle: persistence, stop on every exit path, recovery after a crash."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from graph.stores import open_store
from graph.stores.embedded_server import _alive

ROOT = Path(__file__).resolve().parent.parent
HOLD = """
import sys, time
from pathlib import Path
from graph.stores import open_store
s = open_store("embedded", home=Path(sys.argv[1]))
s.query("CREATE (:Entity:City {id: 'ua-kept', kind: 'City'})", write=True)
print("ready", flush=True)
time.sleep(60)
"""


def _server_pid(home: Path) -> int:
    return int((home / "server.pid").read_text())


def _holder(home: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(home)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def test_data_survives_a_restart_and_the_server_stops(tmp_path: Path) -> None:
    with open_store("embedded", home=tmp_path) as s:
        s.query("CREATE (:Entity:City {id: 'ua-a', kind: 'City'})", write=True)
        pid = _server_pid(tmp_path)
    assert not _alive(pid)
    assert not (tmp_path / "server.pid").exists()
    with open_store("embedded", home=tmp_path) as s:
        assert s.stats() == {"City": 1}


def test_sigterm_stops_the_server(tmp_path: Path) -> None:
    proc = _holder(tmp_path)
    pid = _server_pid(tmp_path)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid)


def test_a_server_left_by_a_crashed_run_is_adopted_and_stopped(tmp_path: Path) -> None:
    proc = _holder(tmp_path)
    pid = _server_pid(tmp_path)
    proc.kill()  # SIGKILL: no cleanup runs, the server is orphaned
    proc.wait()
    assert _alive(pid)
    with open_store("embedded", home=tmp_path) as s:
        assert _server_pid(tmp_path) == pid  # reused, not a second server on the same files
        assert s.stats() == {"City": 1}
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(pid)


def test_a_live_owner_keeps_its_server(tmp_path: Path) -> None:
    proc = _holder(tmp_path)
    pid = _server_pid(tmp_path)
    try:
        with open_store("embedded", home=tmp_path) as s:
            assert s.stats() == {"City": 1}
        assert _alive(pid)  # shared with the live owner, not stopped under it
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_a_dead_server_with_stale_files_is_replaced(tmp_path: Path) -> None:
    with open_store("embedded", home=tmp_path):
        pass
    (tmp_path / "server.pid").write_text("999999")
    (tmp_path / "owner.pid").write_text("999998")
    with open_store("embedded", home=tmp_path) as s:
        assert s.stats() == {}
        assert _server_pid(tmp_path) != 999999
    assert os.path.exists(tmp_path / "partners.rdb")
