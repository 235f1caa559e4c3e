"""The embedded default: FalkorDB, started by the project itself (see ``embedded_server.py``).

FalkorDB has no multi-statement transactions, so a load is made all-or-nothing by building into a
staging graph (a copy of the live one, or an empty one with ``reset``) and swapping it in with Redis'
atomic ``RENAME`` once every statement succeeded. Reads use ``GRAPH.RO_QUERY``: the server refuses writes.
"""

from __future__ import annotations

import fcntl
import functools
import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path as FilePath
from typing import Any

from graph.errors import QueryError, StoreError
from graph.stores.base import Progress, QueryResult, Statement, Store
from graph.stores.embedded_server import EmbeddedServer
from graph.stores.resp import ConnectionLost, ReplyError, RespConnection, RespError

DEFAULT_GRAPH = "partners"
INDEXES = ["CREATE INDEX FOR (n:Entity) ON (n.id)", "CREATE INDEX FOR (n:Entity) ON (n.kind)",
           # queries/since.cypher seeks these (bench/results/query-plans.md): one index per relation type
           "CREATE INDEX FOR ()-[r:COOPERATES_WITH]-() ON (r.since)",
           "CREATE INDEX FOR ()-[r:MEMBER_OF]-() ON (r.since)"]


def plain(value: Any) -> Any:
    """FalkorDB values as plain Python: nodes and edges become property dicts."""
    from falkordb import Edge, Node, Path

    if isinstance(value, Node):
        return dict(value.properties)
    if isinstance(value, Edge):
        return {"type": value.relation, **dict(value.properties)}
    if isinstance(value, Path):
        return [plain(n) for n in value.nodes()]
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def _literal(value: Any) -> str:
    """A parameter value as FalkorDB's ``CYPHER name=value`` header writes it (the server parses it as a value,
    never as Cypher): strings quoted with backslash and quote escaped, maps with backquoted keys. The common types
    are tested first and by identity: a load sends a few hundred thousand of them."""
    kind = type(value)
    if kind is str:
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if kind is int or kind is float:
        return repr(value)
    if kind is dict:
        return "{" + ",".join([_name(k) + ":" + _literal(v) for k, v in value.items()]) + "}"
    if kind is list or kind is tuple:
        return "[" + ",".join([_literal(v) for v in value]) + "]"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, bytes):
        return _literal(value.decode())
    if isinstance(value, str):
        return _literal(str(value))
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, dict):
        return _literal(dict(value))
    if isinstance(value, (list, tuple)):
        return _literal(list(value))
    raise QueryError(f"a parameter of type {type(value).__name__} cannot be sent to the embedded store")


@functools.lru_cache(maxsize=1024)
def _name(key: Any) -> str:
    text = key.decode() if isinstance(key, bytes) else str(key)
    if not text or "`" in text:
        raise QueryError(f"{text!r} cannot be a parameter or map key name: it is empty or holds a backquote")
    return f"`{text}`"


def params_header(params: dict[str, Any] | None) -> str:
    """The ``CYPHER a=1 b="x" `` prefix that passes parameters to FalkorDB."""
    if not params:
        return ""
    return "CYPHER " + "".join(f"{_name(k)}={_literal(v)} " for k, v in params.items())


class _NotPlain(Exception):
    """A compact value the fast decoder leaves to the client library (a node, an edge, a path, a temporal)."""


def _decode(cell: list[Any]) -> Any:
    """One value of FalkorDB's compact result format ``[type, value]`` as plain Python.

    The types a stored property or a computed value can have (null, string, integer, boolean, double, list, map)
    are decoded here, in one pass without objects: reading the national graph this way takes a fraction of the
    client library's parse plus :func:`plain` (bench/results/latency.md). Anything else raises :class:`_NotPlain`.

    >>> _decode([10, [b"id", [2, b"ua-lviv"], b"n", [3, 7], b"tags", [6, [[2, b"a"], [5, b"1.5"], [4, b"true"]]]]])
    {'id': 'ua-lviv', 'n': 7, 'tags': ['a', 1.5, True]}
    """
    return _value(cell[0], cell[1])


def _value(kind: int, value: Any) -> Any:
    """:func:`_decode` of a cell taken apart. Strings, the most common cells, are decoded inline by the callers
    (``v.decode() if k == 2``) instead of through a call per cell: reading the national graph decodes 2 M cells
    (bench/results/latency.md "whole4"). Strings arrive as bytes: resp.py's hiredis reader has no encoding."""
    if kind == 2:
        return value.decode()
    if kind == 3 or kind == 1:
        return value
    if kind == 6:
        return [v.decode() if k == 2 else _value(k, v) for k, v in value]
    if kind == 10:
        items = iter(value)  # key, cell, key, cell…
        return {key.decode(): (v.decode() if k == 2 else _value(k, v))
                for key, (k, v) in zip(items, items, strict=True)}
    if kind == 5:
        return float(value)
    if kind == 4:
        return value in (b"true", "true")
    raise _NotPlain(kind)


def _rows(rows: list[list[Any]]) -> list[list[Any]]:
    """The rows of a compact reply decoded by :func:`_decode`, cell by cell."""
    return [[v.decode() if k == 2 else _value(k, v) for k, v in row] for row in rows]


_RETURN = re.compile(r"\bRETURN\b", re.IGNORECASE)
_AFTER_ITEMS = re.compile(r"\s(?:ORDER\s+BY|SKIP|LIMIT|UNION)\s", re.IGNORECASE)
_ALIAS = re.compile(r"\s+AS\s+(`[^`]+`|\w+)\s*$", re.IGNORECASE | re.DOTALL)


def _return_items(tail: str) -> list[str]:
    """The items of a RETURN clause (the text after RETURN): split at top-level commas, up to ORDER BY, SKIP,
    LIMIT or UNION; strings, backquoted names and brackets are skipped over."""
    items: list[str] = []
    depth, start, i, quote = 0, 0, 0, ""
    while i < len(tail):
        ch = tail[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "'\"`":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif depth == 0 and ch == ",":
            items.append(tail[start:i])
            start = i + 1
        elif depth == 0 and ch.isspace() and _AFTER_ITEMS.match(tail, i):
            break
        i += 1
    items.append(tail[start:i])
    return [item.strip() for item in items]


def _source_order(cypher: str, columns: list[str]) -> list[int] | None:
    """The permutation that puts ``columns`` (as ``RETURN *`` orders them: by name) back in the order of the
    last RETURN of ``cypher``; None when that cannot be told for certain."""
    found = list(_RETURN.finditer(cypher))
    if not found:
        return None
    names = []
    for item in _return_items(cypher[found[-1].end():]):
        alias = _ALIAS.search(item)
        names.append((alias.group(1) if alias else item).strip("`"))
    names = [n[len("DISTINCT "):].strip() if i == 0 and n.upper().startswith("DISTINCT ") else n
             for i, n in enumerate(names)]
    if sorted(names) != sorted(columns) or len(set(names)) != len(names):
        return None
    return [columns.index(n) for n in names]


class FalkorDBStore(Store):
    backend = "embedded"

    def __init__(self, home: FilePath, graph: str = DEFAULT_GRAPH, keep_warm_s: float = 0.0):
        self.home = home
        self.graph_name = graph
        self._server = EmbeddedServer.acquire(home, keep_warm_s)
        self._redis = RespConnection(str(self._server.socket))
        self._client_graphs: dict[str, Any] = {}  # falkordb client objects, made only to decode nodes and edges
        self._client_dbs: list[Any] = []
        self._closed = False
        try:
            with self._load_lock(wait=False) as free:
                if free:  # no load is running: a staging graph is what a crashed load left (issue 13, D14)
                    self._redis.delete(self._staging)
            if not self._exists(graph):
                self._create_indexes(graph)  # also creates the (empty) graph key
        except RespError as e:
            self.close()
            raise StoreError(f"the embedded FalkorDB server in {home} failed ({e}) — run the command again; "
                             f"if it fails again, remove {home}/server.pid and retry") from None
        except BaseException:
            self.close()
            raise

    @property
    def _staging(self) -> str:
        return f"{self.graph_name}__staging"

    @contextmanager
    def _load_lock(self, wait: bool = True) -> Iterator[bool]:
        """One load at a time per data folder (issue 13, D3): the second waits for the first to finish."""
        with open(self.home / "load.lock", "a") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
            except BlockingIOError:
                yield False
                return
            yield True

    def _create_indexes(self, graph: str) -> None:
        for ddl in INDEXES:
            try:
                self._command("GRAPH.QUERY", graph, ddl)
            except ReplyError as e:
                if "already indexed" not in str(e):
                    raise

    @property
    def location(self) -> str:
        return f"{self.home} (embedded FalkorDB, graph {self.graph_name})"

    def _exists(self, name: str) -> bool:
        return bool(self._redis.exists(name))

    def write(self, statements: Sequence[Statement], reset: bool = False, progress: Progress | None = None) -> None:
        staging = self._staging
        with self._load_lock():
            self._redis.delete(staging)  # a staging graph left by an interrupted load is garbage
            try:
                if not reset and self._exists(self.graph_name):
                    self._redis.execute_command("GRAPH.COPY", self.graph_name, staging)
                self._create_indexes(staging)  # creates the staging key even when there is nothing to write
                for st in statements:
                    self._command("GRAPH.QUERY", staging, params_header(st.params) + st.cypher)
                    if progress:
                        progress(st.rows)
                self._redis.rename(staging, self.graph_name)  # atomic: readers see the old or the new graph
            except ConnectionLost as e:
                raise StoreError(f"lost the embedded FalkorDB server during the load ({e}); nothing was written — "
                                 "run the load again") from None
            except RespError as e:
                with suppress(RespError):
                    self._redis.delete(staging)
                raise StoreError(f"FalkorDB refused the load: {e}; nothing was written") from e
            except BaseException:
                with suppress(RespError):
                    self._redis.delete(staging)
                raise
            try:
                self._redis.save()  # durable before we report success
            except RespError as e:
                raise StoreError(f"the load is in memory but could not be saved to {self.home} ({e}) — free disk "
                                 "space there and load again") from None

    def query(self, cypher: str, params: dict[str, Any] | None = None, write: bool = False,
              fetch: int | None = None) -> QueryResult:
        try:
            if fetch is not None and not write:
                bounded = self._bounded(cypher, params, fetch)
                if bounded is not None:
                    return bounded
            result = self._run(cypher, params, write)
        except ReplyError as e:
            if "timed out" in str(e).lower() or "timeout" in str(e).lower():
                raise QueryError(f"the query ran longer than {self.timeout_s:g} s and was stopped — narrow it "
                                 "(LIMIT, a WHERE clause), or allow more time with --timeout") from None
            raise QueryError(_explain(str(e))) from e
        except RespError as e:
            raise StoreError(f"FalkorDB failed: {e}") from e
        if write:
            try:
                self._redis.save()
            except RespError as e:
                raise StoreError(f"the change could not be saved to {self.home} ({e}) — free disk space") from None
        return result if fetch is None else QueryResult(result.columns, result.rows[:fetch])

    def _bounded(self, cypher: str, params: dict[str, Any] | None, fetch: int) -> QueryResult | None:
        """A read with at most ``fetch`` rows fetched: the server stops after them (``CALL {…} RETURN * LIMIT``).

        ``RETURN *`` orders the columns by name; they are put back in the order the statement writes them. None
        when the statement cannot be bounded that way (the caller then fetches everything and cuts)."""
        try:
            result = self._run(f"CALL {{\n{cypher}\n}}\nRETURN * LIMIT {int(fetch)}", params, write=False)
        except ReplyError as e:
            if "timed out" in str(e).lower() or "timeout" in str(e).lower():
                raise
            return None  # not a statement a subquery can hold (a procedure call, EXPLAIN…)
        order = _source_order(cypher, result.columns)
        if order is None:
            return None
        return QueryResult([result.columns[i] for i in order], [[row[i] for i in order] for row in result.rows])

    def _run(self, cypher: str, params: dict[str, Any] | None, write: bool) -> QueryResult:
        """One GRAPH.QUERY / GRAPH.RO_QUERY in the compact format, decoded by :func:`_decode` where it can be."""
        command: list[Any] = ["GRAPH.QUERY" if write else "GRAPH.RO_QUERY", self.graph_name,
                              params_header(params) + cypher]
        if self.timeout_s:
            command += ["timeout", int(self.timeout_s * 1000)]
        response = self._command(*command)
        if len(response) < 3:
            return QueryResult([], [])
        columns = [h[1] if isinstance(h, (list, tuple)) else h for h in response[0]]
        columns = [c.decode() if isinstance(c, bytes) else str(c) for c in columns]
        try:
            rows = _rows(response[1])
        except _NotPlain:  # nodes, edges, paths, temporals: the client library knows their schema
            from falkordb.query_result import QueryResult as ClientResult

            rows = [[plain(v) for v in row] for row in ClientResult(self._client_graph(), response).result_set]
        return QueryResult(columns, rows)

    def _command(self, *command: Any) -> Any:
        """A graph command, answered in the compact format; an error inside the reply is raised."""
        name, graph, cypher, *options = command
        response = self._redis.execute_command(name, graph, cypher, "--compact", *options)
        if isinstance(response[0], ReplyError):
            raise response[0]
        if isinstance(response[-1], ReplyError):  # a run-time error comes after the rows
            raise response[-1]
        return response

    def _client_graph(self) -> Any:
        """The falkordb client's graph object, which looks up label and property names to build nodes and edges."""
        if self.graph_name not in self._client_graphs:
            from falkordb import FalkorDB

            self._client_dbs.append(db := FalkorDB(unix_socket_path=str(self._server.socket)))
            self._client_graphs[self.graph_name] = db.select_graph(self.graph_name)
        return self._client_graphs[self.graph_name]

    def close(self) -> None:
        if not self._closed:
            self._closed = True
            try:
                self._redis.close()
                for db in self._client_dbs:
                    db.connection.close()
            finally:
                self._server.release()


def _explain(message: str) -> str:
    low = message.lower()
    if "read-only" in low or "read only" in low:
        return f"this query writes, and queries run read-only — add --write to change the database ({message})"
    if "missing parameters" in low or "missing parameter" in low:
        return f"{message} — pass it with -p name=value"
    if "invalid input" in low or "syntax" in low or "errorcode" in low:
        return f"Cypher syntax error: {message}"
    return message
