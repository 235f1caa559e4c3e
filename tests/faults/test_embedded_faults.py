"""The embedded server under faults (issue 13, item 4 and 7): real `partners` processes, killed or run together.

Marked `faults`; each case is bounded by subprocess time-outs. After every fault the store must hold the old
or the new graph, the next command must work, and no staging graph or orphan server may be left.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.faults

ROOT = Path(__file__).resolve().parents[2]
PARTNERS = [sys.executable, "-c", "from cli import main; main()"]
Q = "Долинська міська рада співпрацює з муніципалітетами низки іноземних країн"
LIMIT_S = 300


def partners(home: Path, *args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")} | {"PARTNERS_HOME": str(home)}
    return subprocess.run([*PARTNERS, *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=LIMIT_S, **kw)  # type: ignore[call-overload]


def start(home: Path, *args: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")} | {"PARTNERS_HOME": str(home)}
    return subprocess.Popen([*PARTNERS, *args], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)




def stats(home: Path) -> str:
    r = partners(home, "stats", "--json")
    assert r.returncode == 0 and "Traceback" not in r.stderr, r.stderr
    return r.stdout


def staging_exists(home: Path) -> bool:
    from graph.stores.embedded_server import EmbeddedServer
    from graph.stores.resp import RespError

    server = EmbeddedServer(home.resolve())
    if not server.socket.exists():
        return False
    try:
        with server.client(5) as client:
            return client.exists("partners__staging")
    except RespError:
        return False


def running_queries(home: Path) -> int:
    """How many graph queries the server of ``home`` is running or queueing (0 when it does not answer)."""
    from graph.stores.embedded_server import EmbeddedServer
    from graph.stores.resp import RespError

    try:
        with EmbeddedServer(home.resolve()).client(5) as client:
            info = client.execute_command("GRAPH.INFO")
    except RespError:
        return 0
    return len(info[1]) + len(info[3])


def staging_saved(home: Path) -> bool:
    """Whether the data file holds a staging graph: the server is started from it without the store (whose
    opening would remove a staging graph) and asked."""
    from graph.stores.embedded_server import EmbeddedServer

    server = EmbeddedServer.acquire(home)
    try:
        client = server.client()
        try:
            return bool(client.exists("partners__staging"))
        finally:
            client.close()
    finally:
        server.release()


def export(home: Path, out: Path) -> bytes:
    r = partners(home, "export", "--format", "json", "-o", str(out))
    assert r.returncode == 0, r.stderr
    return out.read_bytes()


def wait_for(cond, limit: float = 120) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(0.05)
    return False


def no_server_left(home: Path) -> bool:
    from graph.stores.embedded_server import EmbeddedServer

    sock = str(EmbeddedServer._socket_path(home.resolve()))
    # -ww: without it ps cuts each line at 80 columns when its output is not a terminal, before the socket path,
    # and this check could never fail
    out = subprocess.run(["ps", "-ww", "-eo", "args"], capture_output=True, text=True).stdout
    return not any(sock in line and "redis-server" in line for line in out.splitlines())


def one_line_error(stderr: str) -> None:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert "Traceback" not in stderr and len(lines) == 1 and lines[0].startswith("Error: "), stderr


def test_two_loads_at_once_both_succeed(tmp_path: Path, many: Path) -> None:
    home = tmp_path / "home"
    assert partners(home, "load", "--reset", "seeds").returncode == 0
    small = stats(home)
    first = start(home, "load", "--reset", "seeds", str(many))
    assert wait_for(lambda: staging_exists(home) or first.poll() is not None)
    second = partners(home, "load", "--reset", "seeds")  # waits for the first, then replaces its graph
    out, err = first.communicate(timeout=LIMIT_S)
    assert first.returncode == 0, err
    assert second.returncode == 0, second.stderr
    assert "Traceback" not in err + second.stderr
    assert stats(home) == small  # the second load ran last
    assert not staging_exists(home)
    assert wait_for(lambda: no_server_left(home), 30)


def test_killed_cli_mid_load_leaves_the_old_graph(tmp_path: Path, many: Path) -> None:
    home = tmp_path / "home"
    assert partners(home, "load", "--reset", "seeds").returncode == 0
    before = stats(home)
    load = start(home, "load", "seeds", str(many))
    assert wait_for(lambda: staging_exists(home))
    os.killpg(load.pid, signal.SIGKILL)
    load.wait(timeout=30)
    assert staging_exists(home)  # the crashed load's staging graph is still on the server it left behind
    assert stats(home) == before
    assert not staging_exists(home)  # removed by the next command…
    assert wait_for(lambda: no_server_left(home), 30)
    assert not staging_saved(home)   # …and never saved into partners.rdb (issue 13, D14)
    assert partners(home, "load", "seeds").returncode == 0 and stats(home) == before
    assert wait_for(lambda: no_server_left(home), 30)


def test_killed_load_leaves_the_store_byte_identical(tmp_path: Path, many: Path) -> None:
    """SIGKILL of a load while it writes its staging graph: the next command removes the staging graph, and the
    store exports exactly what it exported before (issue 13, item 4)."""
    home = tmp_path / "home"
    assert partners(home, "load", "--reset", "seeds", str(many)).returncode == 0
    full = export(home, tmp_path / "full.json")
    assert partners(home, "load", "--reset", "seeds").returncode == 0
    before = export(home, tmp_path / "before.json")
    load = start(home, "load", "--reset", "seeds", str(many))
    assert wait_for(lambda: staging_exists(home))
    time.sleep(0.5)  # into the writing
    os.killpg(load.pid, signal.SIGKILL)
    load.wait(timeout=30)
    after = export(home, tmp_path / "after.json")
    # the old graph byte for byte, or (on a slow machine, if the swap had landed before the kill) the whole new one
    assert after in (before, full)
    assert wait_for(lambda: no_server_left(home), 30)
    assert not staging_saved(home)


def test_queries_of_killed_commands_do_not_block_the_next_one(tmp_path: Path) -> None:
    """D7: two runaway queries (no time-out) of CLIs killed with SIGKILL kept both of the server's worker threads,
    and every later command hung. No live command uses the server then, so the next one starts a fresh one."""
    home = tmp_path / "home"
    assert partners(home, "load", "--reset", "seeds").returncode == 0
    before = stats(home)
    runaway = "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN count(*) AS n"
    cmds = [start(home, "cypher", "--timeout", "0", runaway) for _ in range(2)]

    def running() -> int:
        return running_queries(home)

    assert wait_for(lambda: running() == 2, 60)
    for cmd in cmds:
        os.killpg(cmd.pid, signal.SIGKILL)
        cmd.wait(timeout=30)
    t0 = time.monotonic()
    r = subprocess.run([*PARTNERS, "stats", "--json"], cwd=ROOT, capture_output=True, text=True, timeout=90,
                       env={k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
                       | {"PARTNERS_HOME": str(home)})
    assert r.returncode == 0 and r.stdout == before, r.stderr
    assert time.monotonic() - t0 < 60
    assert wait_for(lambda: no_server_left(home), 30)


def test_server_log_is_bounded(tmp_path: Path) -> None:
    """D14: falkordb.log was appended at every start and never rotated. Past LOG_MAX_BYTES it moves to
    falkordb.log.1, which replaces the older copy: the two files together stay under about twice the limit."""
    from graph.stores.embedded_server import LOG_MAX_BYTES

    home = tmp_path / "home"
    assert partners(home, "load", "--reset", "seeds").returncode == 0
    log, old = home / "falkordb.log", home / "falkordb.log.1"
    for round_ in range(3):
        with log.open("a") as f:
            f.write(f"filler {round_}\n" * (LOG_MAX_BYTES // 8))  # as if the server had logged this much
        assert stats(home)
        assert wait_for(lambda: no_server_left(home), 30)
        assert log.stat().st_size < LOG_MAX_BYTES / 10, log.stat().st_size
        assert old.exists() and f"filler {round_}" in old.read_text()
        assert log.stat().st_size + old.stat().st_size < 2 * LOG_MAX_BYTES + 100_000
    assert not (home / "falkordb.log.2").exists()


def test_server_killed_during_a_query_is_one_line_and_the_next_command_works(tmp_path: Path) -> None:
    """A dead server is reported in one line; the next command starts a new one from the data file."""
    home = tmp_path / "home"
    assert partners(home, "load", "--reset", "seeds").returncode == 0
    before = stats(home)
    query = start(home, "cypher", "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN count(*)")
    assert wait_for(lambda: (home / "server.pid").exists() and (home / "owner.pid").exists())
    time.sleep(1)
    os.kill(int((home / "server.pid").read_text()), signal.SIGKILL)
    out, err = query.communicate(timeout=LIMIT_S)
    assert query.returncode == 1
    one_line_error(err)
    assert stats(home) == before
    assert wait_for(lambda: no_server_left(home), 30)


def test_killed_server_mid_load_is_one_line_and_the_next_command_works(tmp_path: Path, many: Path) -> None:
    home = tmp_path / "home"
    assert partners(home, "load", "--reset", "seeds").returncode == 0
    before = stats(home)
    load = start(home, "load", "seeds", str(many))
    assert wait_for(lambda: staging_exists(home))
    pid = int((home / "server.pid").read_text())
    os.kill(pid, signal.SIGKILL)
    out, err = load.communicate(timeout=LIMIT_S)
    assert load.returncode == 1
    one_line_error(err)
    assert stats(home) == before  # a new server starts from the last saved graph


def test_crash_of_one_command_does_not_stop_the_server_another_is_using(tmp_path: Path, many: Path) -> None:
    home = tmp_path / "home"
    assert partners(home, "load", "--reset", "seeds").returncode == 0
    before = stats(home)
    # the first command owns the server; a load from a second process uses it; the owner then exits
    owner = start(home, "cypher", "--timeout", "0",
                  "UNWIND range(1, 3000) AS a UNWIND range(1, 3000) AS b RETURN count(*) AS n")
    assert wait_for(lambda: (home / "owner.pid").exists())
    load = start(home, "load", "seeds", str(many))
    assert wait_for(lambda: staging_exists(home) or load.poll() is not None)
    owner.communicate(timeout=LIMIT_S)
    out, err = load.communicate(timeout=LIMIT_S)
    assert load.returncode == 0, err
    assert stats(home) != before  # the load landed


def test_disk_full_is_one_line_and_leaves_no_server(tmp_path: Path) -> None:
    home = tmp_path / "tiny"
    home.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(home)],
                                           capture_output=True).returncode != 0:
        pytest.skip("needs root to mount a small tmpfs")
    try:
        assert partners(home, "load", "--reset", "seeds").returncode == 0
        before = stats(home)
        rdb = (home / "partners.rdb").read_bytes()
        assert (home / "falkordb.log").exists()  # the server's log and data file are on the full disk too
        subprocess.run(["dd", "if=/dev/zero", f"of={home}/filler", "bs=64k"], capture_output=True)
        r = partners(home, "load", "seeds", "--data", str(ROOT / "tests" / "golden" / "__none__"))
        assert r.returncode == 2  # a missing --data file is refused before the store is touched
        t0 = time.monotonic()
        r = partners(home, "load", "--reset", "seeds", str(ROOT / "tests" / "faults" / "__none__.yaml"))
        assert r.returncode == 2  # likewise a missing seed file
        r = partners(home, "load", "--reset", "seeds")
        assert r.returncode == 1
        one_line_error(r.stderr)
        assert "free disk space" in r.stderr
        assert time.monotonic() - t0 < 30  # quickly: not after a 60 s wait for a save that cannot happen
        assert wait_for(lambda: no_server_left(home), 30)
        assert (home / "partners.rdb").read_bytes() == rdb  # the data file is intact
        # the disk stays full (the log cannot grow either); a read works or fails in one line, and leaves no server
        r = partners(home, "stats")
        assert r.returncode in (0, 1) and "Traceback" not in r.stderr, r.stderr
        if r.returncode == 1:
            one_line_error(r.stderr)
        assert wait_for(lambda: no_server_left(home), 30)
        (home / "filler").unlink()
        assert stats(home) == before
    finally:
        subprocess.run(["umount", "-l", str(home)], capture_output=True)
