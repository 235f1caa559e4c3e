"""A small client for the embedded server: Redis' protocol (RESP2) over its Unix socket, replies parsed by hiredis.

The embedded store needs a handful of commands (``GRAPH.QUERY``/``RO_QUERY``, ``EXISTS``, ``DEL``, ``RENAME``,
``SAVE``, ``INFO``, ``SHUTDOWN``). Importing redis-py — and the falkordb client built on it — took 0.28 s of a
0.66 s ``partners show`` on a warm server (``python -X importtime``, bench/results/latency.md); hiredis, the C
parser redis-py itself uses, imports in a few milliseconds. The falkordb client is still imported, lazily, for
the one thing it adds: turning nodes, edges and paths of a result into objects.

Errors: a reply the server sends as an error is :class:`ReplyError` (returned inside a result by
:meth:`RespConnection.execute_command` when it is one element of a reply, raised when it is the whole reply); a
connection that cannot be made or is lost is :class:`ConnectionLost`. Both are :class:`RespError`.
"""

from __future__ import annotations

import socket
import threading
from typing import Any

import hiredis

_CHUNK = 1 << 16


class RespError(Exception):
    """Anything that went wrong talking to the embedded server."""


class ReplyError(RespError):
    """The server answered with an error."""


class ConnectionLost(RespError):
    """The server could not be reached, or the connection broke."""


def _encode(args: tuple[Any, ...]) -> bytes:
    parts = [b"*%d\r\n" % len(args)]
    for arg in args:
        if isinstance(arg, bytes):
            data = arg
        elif isinstance(arg, str):
            data = arg.encode()
        elif isinstance(arg, (int, float)) and not isinstance(arg, bool):
            data = repr(arg).encode()
        else:
            raise TypeError(f"cannot send {type(arg).__name__} to the server")
        parts += [b"$%d\r\n" % len(data), data, b"\r\n"]
    return b"".join(parts)


class RespConnection:
    """One connection; threads that share it take turns, one command and its reply at a time. ``timeout``
    (seconds) bounds each wait for the server."""

    def __init__(self, path: str, timeout: float | None = None):
        self.path = path
        self.timeout = timeout
        self._sock: socket.socket | None = None
        self._turn = threading.Lock()

    def _connect(self) -> socket.socket:
        if self._sock is None:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(self.timeout)
            try:
                sock.connect(self.path)
            except OSError as e:
                sock.close()
                raise ConnectionLost(f"cannot connect to {self.path}: {e.strerror or e}") from None
            self._sock = sock
        return self._sock

    def execute_command(self, *args: Any) -> Any:
        """Send one command and return its reply (bytes, int, None, lists of those, or ReplyError items)."""
        with self._turn:
            return self._execute(args)

    def _execute(self, args: tuple[Any, ...]) -> Any:
        sock = self._connect()
        reader = hiredis.Reader(replyError=ReplyError)
        try:
            sock.sendall(_encode(args))
            while (reply := reader.gets()) is False:
                data = sock.recv(_CHUNK)
                if not data:
                    raise ConnectionLost("the server closed the connection")
                reader.feed(data)
        except OSError as e:
            self.close()
            raise ConnectionLost(f"lost the connection to {self.path}: {e.strerror or e}") from None
        except BaseException:  # lost, or interrupted mid-reply (Ctrl-C): what is left on the socket is unreadable
            self.close()
            raise
        if isinstance(reply, ReplyError):
            raise reply
        return reply

    def exists(self, key: str) -> bool:
        return bool(self.execute_command("EXISTS", key))

    def delete(self, key: str) -> int:
        return int(self.execute_command("DEL", key))

    def rename(self, old: str, new: str) -> None:
        self.execute_command("RENAME", old, new)

    def save(self) -> None:
        self.execute_command("SAVE")

    def info(self, section: str) -> dict[str, str]:
        text = self.execute_command("INFO", section).decode()
        pairs = (line.split(":", 1) for line in text.splitlines() if ":" in line and not line.startswith("#"))
        return {k: v for k, v in pairs}

    def shutdown(self, save: bool) -> None:
        """Stop the server (saving first when ``save``); the server closes the connection as it goes."""
        try:
            self.execute_command("SHUTDOWN", "SAVE" if save else "NOSAVE")
        except ConnectionLost:
            pass

    def close(self) -> None:
        if self._sock is not None:
            try:
                self._sock.close()
            finally:
                self._sock = None

    def __enter__(self) -> RespConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
