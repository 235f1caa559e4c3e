"""Keeps the embedded server warm after the command that started it, and stops it once it is idle.

``python -m graph.stores.embedded_keeper HOME SECONDS`` is started by :meth:`EmbeddedServer.stop` (with
``server.lock`` held), which writes this process's pid to ``owner.pid``: from then on commands share the running
server instead of loading the data file again (0.84 s on the national graph, bench/results/latency.md). The keeper
polls; it stops the server — saving it only if something changed — when no command holds ``users.lock`` and
none has used the server for SECONDS (the lock file's modification time), or at once on SIGTERM, SIGHUP or
SIGINT. It exits without touching the server when it is no longer the owner (a command found the server stuck
and started a fresh one) or the server is gone. Every check and the stop itself run with ``server.lock`` held,
so no command can start using the server in between.
"""

from __future__ import annotations

import fcntl
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

from graph.stores.embedded_server import EmbeddedServer, _alive, _read_int

POLL_MAX_S = 1.0


class _Keeper:
    def __init__(self, home: Path, idle_s: float):
        self.home = home
        self.idle_s = idle_s
        self.server = EmbeddedServer(home)
        self.server_pid = _read_int(home / "server.pid")
        self.asked_to_stop = False

    def run(self) -> None:
        for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT):
            signal.signal(signum, self._on_signal)
        poll = max(0.05, min(POLL_MAX_S, self.idle_s / 4))
        while not self._check():
            time.sleep(poll)

    def _on_signal(self, signum: int, frame: Any) -> None:
        self.asked_to_stop = True

    def _check(self) -> bool:
        """One look, with ``server.lock`` held: True when the keeper's work is done (server stopped or not ours)."""
        try:
            lock = open(self.home / "server.lock", "w")  # noqa: SIM115 - closed below
        except OSError:  # the data folder is gone: nothing to save into, nothing to keep
            if self.server_pid and _alive(self.server_pid):
                os.kill(self.server_pid, signal.SIGKILL)
            return True
        with lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if _read_int(self.home / "owner.pid") != os.getpid() or not self.server_pid \
                    or _read_int(self.home / "server.pid") != self.server_pid or not _alive(self.server_pid):
                return True
            if not self.asked_to_stop and self._idle_for() < self.idle_s:
                return False
            with open(self.home / "users.lock", "a") as users:
                try:
                    fcntl.flock(users, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    return False  # a command is using it now; its release marks a new last use
                self.server._shutdown()
            return True

    def _idle_for(self) -> float:
        try:
            return time.time() - (self.home / "users.lock").stat().st_mtime
        except OSError:
            return self.idle_s


def main(argv: list[str]) -> int:
    home, idle_s = Path(argv[0]), float(argv[1])
    _Keeper(home, idle_s).run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
