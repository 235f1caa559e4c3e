"""The embedded server kept warm between commands (issue 14, item 2): real `partners` processes and the real keeper.

A command run with ``--keep-warm N`` hands its server to a keeper process instead of stopping it; the next command
shares it (no second load of the data file); the keeper stops it after N idle seconds, never while a command uses
it, at once on SIGTERM; a killed keeper's server is adopted by the next command; and the rules that keep loads and
killed commands safe hold with a warm server too.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import pytest

from graph.stores.embedded_server import EmbeddedServer, _alive, _read_int
from tests.faults.test_embedded_faults import (
    LIMIT_S,
    no_server_left,
    partners,
    running_queries,
    staging_exists,
    start,
    stats,
    wait_for,
)

pytestmark = pytest.mark.faults


def server_pid(home: Path) -> int | None:
    return _read_int(home / "server.pid")


def keeper_pid(home: Path) -> int | None:
    """The owner's pid when the owner is a live keeper process, else None."""
    pid = _read_int(home / "owner.pid")
    if not pid or not _alive(pid):
        return None
    try:
        args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return None
    return pid if b"graph.stores.embedded_keeper" in args else None


def stop_keeper(home: Path) -> None:
    keeper = keeper_pid(home)
    assert keeper, "no keeper runs"
    os.kill(keeper, signal.SIGTERM)
    assert wait_for(lambda: no_server_left(home), 30)
    assert wait_for(lambda: not _alive(keeper), 10)


def test_the_next_command_shares_the_warm_server_and_changes_survive_its_stop(tmp_path: Path) -> None:
    home = tmp_path / "home"
    r = partners(home, "load", "--reset", "seeds", "--keep-warm", "60")
    assert r.returncode == 0, r.stderr
    server, keeper = server_pid(home), keeper_pid(home)
    assert server and _alive(server) and keeper, "the load left no warm server"
    assert not no_server_left(home)
    r = partners(home, "cypher", "--write", "--keep-warm", "60",
                 "CREATE (:Entity {id: 'x-warm', kind: 'City', name_en: 'Warm town'})")
    assert r.returncode == 0, r.stderr
    r = partners(home, "show", "x-warm", "--keep-warm", "60")
    assert r.returncode == 0 and "Warm town" in r.stdout, r.stderr
    assert (server_pid(home), keeper_pid(home)) == (server, keeper)  # shared: not started again
    stop_keeper(home)
    assert not any((home / f).exists() for f in ("server.pid", "owner.pid", "falkordb.sock"))
    r = partners(home, "show", "x-warm")  # --keep-warm 0 (the suite's default): a fresh server from the data file
    assert r.returncode == 0 and "Warm town" in r.stdout, r.stderr
    assert wait_for(lambda: no_server_left(home), 30)


def test_the_keeper_stops_an_idle_server_but_never_one_in_use(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert partners(home, "load", "--reset", "seeds", "--keep-warm", "2").returncode == 0
    keeper = keeper_pid(home)
    assert keeper
    user = EmbeddedServer.acquire(home)  # a command using the server for longer than the idle time
    try:
        time.sleep(4)
        assert not no_server_left(home) and keeper_pid(home) == keeper
    finally:
        user.release()
    assert keeper_pid(home) == keeper  # the release is a use: two more idle seconds from now
    assert wait_for(lambda: no_server_left(home), 30)
    assert wait_for(lambda: not _alive(keeper), 10)
    assert not (home / "owner.pid").exists() and not (home / "server.pid").exists()


def test_a_killed_keepers_server_is_adopted_by_the_next_command(tmp_path: Path) -> None:
    home = tmp_path / "home"
    assert partners(home, "load", "--reset", "seeds", "--keep-warm", "60").returncode == 0
    keeper = keeper_pid(home)
    assert keeper
    os.kill(keeper, signal.SIGKILL)
    assert wait_for(lambda: not _alive(keeper), 10)
    assert not no_server_left(home)  # the server outlives its keeper…
    before = stats(home)  # …and the next command (--keep-warm 0) adopts it and stops it as it ends
    assert '"City"' in before
    assert wait_for(lambda: no_server_left(home), 30)


def test_two_loads_at_once_on_a_warm_server(tmp_path: Path, many: Path) -> None:
    """The one-load-at-a-time lock does not depend on who owns the server: with a keeper running, the second load
    waits for the first and its graph is the one left."""
    home = tmp_path / "home"
    assert partners(home, "load", "--reset", "seeds", "--keep-warm", "60").returncode == 0
    small = stats(home)
    first = start(home, "load", "--reset", "seeds", str(many), "--keep-warm", "60")
    assert wait_for(lambda: staging_exists(home) or first.poll() is not None)
    second = partners(home, "load", "--reset", "seeds", "--keep-warm", "60")
    _, err = first.communicate(timeout=LIMIT_S)
    assert first.returncode == 0 and second.returncode == 0, err + second.stderr
    assert "Traceback" not in err + second.stderr
    assert stats(home) == small  # the second load ran last
    assert not staging_exists(home)
    assert keeper_pid(home)
    stop_keeper(home)


def test_runaway_queries_of_killed_commands_with_a_warm_server(tmp_path: Path) -> None:
    """D7 with a keeper: the next command finds the server busy with nobody waiting, starts a fresh one and hands
    that to a new keeper; the old keeper sees it no longer owns the server and leaves without touching it."""
    home = tmp_path / "home"
    assert partners(home, "load", "--reset", "seeds", "--keep-warm", "60").returncode == 0
    before = stats(home)
    old_server, old_keeper = server_pid(home), keeper_pid(home)
    assert old_server and old_keeper
    runaway = "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN count(*) AS n"
    cmds = [start(home, "cypher", "--timeout", "0", "--keep-warm", "60", runaway) for _ in range(2)]

    assert wait_for(lambda: running_queries(home) == 2, 60)
    for cmd in cmds:
        os.killpg(cmd.pid, signal.SIGKILL)
        cmd.wait(timeout=30)
    r = partners(home, "stats", "--json", "--keep-warm", "60")
    assert r.returncode == 0 and r.stdout == before, r.stderr
    assert server_pid(home) != old_server and not _alive(old_server)
    assert wait_for(lambda: not _alive(old_keeper), 10)
    new_keeper = keeper_pid(home)
    assert new_keeper and new_keeper != old_keeper
    stop_keeper(home)
