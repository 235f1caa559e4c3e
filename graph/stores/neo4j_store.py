"""Neo4j through the official driver: a single server, a cluster or Aura (``neo4j://``, ``neo4j+s://``).

A ``--reset`` load stages the new graph under a label no query matches, in one transaction per batch, and swaps
it in with one small transaction (all-or-nothing, transaction memory bounded by a batch); other loads run in
one explicit write transaction. Reads use the READ access mode, so the database itself refuses writes, and on a
cluster they are routed to readers.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import suppress
from typing import Any

from graph.errors import QueryError, StoreError, StoreUnavailableError
from graph.stores.base import Progress, QueryResult, Statement, Store

CONSTRAINTS = [
    "CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE",
    "CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind)",
    # queries/since.cypher seeks these (bench/results/query-plans.md)
    "CREATE INDEX cooperates_since IF NOT EXISTS FOR ()-[r:COOPERATES_WITH]-() ON (r.since)",
    "CREATE INDEX member_since IF NOT EXISTS FOR ()-[r:MEMBER_OF]-() ON (r.since)",
    # a --reset load writes under this label first (see Neo4jStore.write); its relations find their ends by id
    "CREATE CONSTRAINT entity_staging_id IF NOT EXISTS FOR (n:EntityStaging) REQUIRE n.id IS UNIQUE",
]
STAGING, OLD = "EntityStaging", "EntityOld"  # labels no query matches: a load's new graph, and the one it replaced

START_HINT = (
    "start the bundled server with `tools/neo4j/neo4j.sh start`, or set NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD "
    "(and NEO4J_DATABASE) for your own Neo4j; or use the embedded default with `--backend embedded`"
)


_SCALARS = (str, int, float, bool, type(None))


def plain(value: Any) -> Any:
    """Driver values as plain Python: nodes and relationships become property dicts, temporals strings."""
    if type(value) in _SCALARS:  # most values: no import, no isinstance chain (one call per value read)
        return value
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return dict(value.items())
    if isinstance(value, Relationship):
        return {"type": value.type, **dict(value.items())}
    if isinstance(value, Path):
        return [plain(n) for n in value.nodes]
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return value


class Neo4jStore(Store):
    backend = "neo4j"

    def __init__(self, uri: str, user: str, password: str, database: str | None = None, driver: Any = None):
        import logging
        import warnings

        import neo4j
        from neo4j.exceptions import AuthError, DriverError, Neo4jError

        from graph.safety import redact

        # The driver logs connection failures itself ("[#C46E] _: <CONNECTION> error…"); the error we raise says it.
        logging.getLogger("neo4j").setLevel(logging.CRITICAL)
        self.uri = redact(uri)  # only the redacted form is ever kept for messages
        self.database = database or None
        try:
            # notifications (deprecations, performance hints) would be printed to the user on every query
            with warnings.catch_warnings():  # http:// prints a PreviewWarning before it fails
                warnings.simplefilter("ignore")
                self._driver = driver or neo4j.GraphDatabase.driver(uri, auth=(user, password),
                                                                    notifications_min_severity="OFF")
        except Exception as e:  # noqa: BLE001 - ConfigurationError, ValueError, a missing optional module…
            raise StoreUnavailableError(
                f"cannot use {self.uri} as a Neo4j address ({redact(str(e), [password])}) — use bolt://host:7687, "
                "neo4j://host:7687 or neo4j+s://host, and give the login in NEO4J_USER and NEO4J_PASSWORD, not "
                "in the URI") from None
        try:
            self._driver.verify_connectivity()
        except AuthError as e:
            self._driver.close()
            raise StoreUnavailableError(f"Neo4j at {self.uri} refused the login for user {user!r}: "
                                        f"{redact(e.message or '', [password])} — check NEO4J_USER and "
                                        "NEO4J_PASSWORD") from None
        except Neo4jError as e:  # e.g. AuthenticationRateLimit after failed logins
            self._driver.close()
            raise StoreUnavailableError(f"Neo4j at {self.uri} refused the connection ({e.code}): "
                                        f"{redact(e.message or '', [password])} — wait a few seconds, then check "
                                        "NEO4J_USER and NEO4J_PASSWORD") from None
        except (DriverError, OSError, ValueError) as e:
            self._driver.close()
            raise StoreUnavailableError(f"no Neo4j answers at {self.uri} ({redact(str(e), [password])}) — "
                                        f"{START_HINT}") from None
        self._constraints_done = False

    @property
    def location(self) -> str:
        return f"{self.uri} (database {self.database or 'default'})"

    def _session(self, write: bool, fetch_size: int = 1000) -> Any:
        """A session; ``fetch_size`` rows are pulled per round trip (1,000 is the driver's own default)."""
        import neo4j

        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        return self._driver.session(database=self.database, default_access_mode=mode, fetch_size=fetch_size)

    def ensure_constraints(self) -> None:
        if self._constraints_done:
            return
        from neo4j.exceptions import Neo4jError

        try:
            with self._session(write=True) as s:
                for ddl in CONSTRAINTS:
                    s.run(ddl).consume()  # schema changes cannot share a transaction with data writes
        except Neo4jError as e:
            raise StoreError(f"could not create constraints on {self.location}: {e.message}") from e
        self._constraints_done = True

    def write(self, statements: Sequence[Statement], reset: bool = False, progress: Progress | None = None) -> None:
        self.ensure_constraints()
        if reset and all(st.staged is not None for st in statements):
            self._write_staged(statements, progress)
        else:
            self._write_one_transaction(statements, reset, progress)

    def _write_staged(self, statements: Sequence[Statement], progress: Progress | None) -> None:
        """Replace the graph all-or-nothing without one big transaction (issue 14 item 4).

        1. Every statement's staged form runs in a transaction of its own, writing under the ``EntityStaging``
           label, which no query matches (transaction memory is one batch, not the whole load: 630 MiB for the
           national graph in one transaction).
        2. One transaction swaps: the live entities become ``EntityOld`` and lose their kind labels, the staged
           ones get ``Entity`` and their kind. Readers see the old graph or the new one, never a mix.
        3. The old graph is deleted a thousand entities per transaction.
        A failure in step 1 or 2 deletes the staging and leaves the graph as it was; a crash leaves staging or
        old entities under their own labels, deleted by the next load before it starts."""
        from neo4j.exceptions import Neo4jError, ServiceUnavailable

        from graph.cypher import for_label, statement
        from graph.schema import load_schema

        def run_batch(tx: Any, st: Statement) -> None:
            tx.run(st.staged, st.params).consume()

        def swap(tx: Any, kinds: list[str]) -> None:
            tx.run(statement("swap_out")).consume()
            for kind in kinds:
                tx.run(for_label(statement("swap_out_kind"), kind, schema)).consume()
            for kind in kinds:
                tx.run(for_label(statement("swap_in"), kind, schema), {"kind": kind}).consume()
            left = tx.run(f"MATCH (n:{STAGING}) RETURN count(n) AS n").single()
            if left and left["n"]:
                raise StoreError(f"{left['n']} staged entities have a kind the schema does not know; nothing "
                                 "was written")

        schema = load_schema()
        try:
            with self._session(write=True) as session:
                self._drop(session, STAGING)  # what an interrupted load left
                self._drop(session, OLD)
                try:
                    for st in statements:
                        if st.staged:
                            try:
                                session.execute_write(run_batch, st)
                            except Neo4jError as e:
                                if _out_of_memory(e):
                                    raise _memory_error(e) from e
                                raise
                        if progress and st.rows:
                            progress(st.rows)
                    session.execute_write(swap, list(schema.kinds))
                except BaseException:
                    with suppress(Exception):
                        self._drop(session, STAGING)
                    raise
                self._drop(session, OLD)
        except Neo4jError as e:
            raise StoreError(f"Neo4j refused the load ({e.code}): {e.message}; nothing was written") from e
        except ServiceUnavailable as e:
            raise StoreUnavailableError(f"lost Neo4j at {self.uri} during the load; nothing was written — "
                                        f"{START_HINT}") from e

    @staticmethod
    def _drop(session: Any, label: str) -> None:
        from graph.cypher import statement

        assert label in (STAGING, OLD)  # the only labels this text is given
        session.run(statement("drop_label").replace("__LABEL__", label)).consume()

    def _write_one_transaction(self, statements: Sequence[Statement], reset: bool,
                               progress: Progress | None) -> None:
        from neo4j.exceptions import Neo4jError, ServiceUnavailable

        from graph.cypher import statement

        reported = 0   # rows already shown on the progress bar: a retried attempt does not count them again

        def load(tx: Any) -> None:
            nonlocal reported
            done = 0
            for st in statements:
                try:
                    tx.run(st.cypher, st.params).consume()
                except Neo4jError as e:
                    # Neo4j calls running out of transaction memory transient, but a retry would run out again
                    if _out_of_memory(e):
                        raise _memory_error(e) from e
                    raise
                done += st.rows
                if progress and done > reported:
                    progress(done - reported)
                    reported = done
            if reset:
                # Merge first, then delete what the new graph lacks: deleting everything and re-creating the
                # same ids in one transaction is pathologically slow in Neo4j (723 s -> 10 s measured).
                node_ids, edge_ids = _written_ids(statements)
                tx.run(statement("delete_stale_edges"), {"ids": edge_ids}).consume()
                tx.run(statement("delete_stale_nodes"), {"ids": node_ids}).consume()

        try:
            # A managed transaction: the driver retries it on transient errors (a cluster leader switch, a
            # deadlock), which is safe because the load is idempotent MERGE; it still commits all or nothing.
            with self._session(write=True) as session:
                session.execute_write(load)
        except Neo4jError as e:
            if _out_of_memory(e):
                raise _memory_error(e) from e
            raise StoreError(f"Neo4j refused the load ({e.code}): {e.message}; nothing was written") from e
        except ServiceUnavailable as e:
            raise StoreUnavailableError(f"lost Neo4j at {self.uri} during the load; nothing was written — "
                                        f"{START_HINT}") from e

    def query(self, cypher: str, params: dict[str, Any] | None = None, write: bool = False,
              fetch: int | None = None) -> QueryResult:
        import itertools

        import neo4j
        from neo4j.exceptions import ClientError, Neo4jError, ServiceUnavailable

        try:
            # every row is kept, so they are pulled in one go (-1) instead of the driver's batches of 1,000, each
            # a round trip; a bounded read pulls just what it keeps
            with self._session(write=write, fetch_size=-1 if fetch is None else max(1, fetch)) as session:
                result = session.run(neo4j.Query(cypher, timeout=self.timeout_s), params or {})
                columns = list(result.keys())
                records = result if fetch is None else itertools.islice(result, fetch)
                rows = [[plain(v) for v in record.values()] for record in records]
        except ClientError as e:
            if "TimedOut" in (e.code or ""):
                raise QueryError(f"the query ran longer than {self.timeout_s:g} s and was stopped — narrow it "
                                 "(LIMIT, a WHERE clause), or allow more time with --timeout") from None
            raise QueryError(_explain(e.code, e.message or "")) from e
        except Neo4jError as e:
            raise StoreError(f"Neo4j failed ({e.code}): {e.message}") from e
        except ServiceUnavailable as e:
            raise StoreUnavailableError(f"no Neo4j answers at {self.uri} — {START_HINT}") from e
        return QueryResult(columns, rows)

    def close(self) -> None:
        self._driver.close()


def _out_of_memory(e: Any) -> bool:
    return "MemoryPoolOutOfMemoryError" in (e.code or "") or "transaction.total.max" in (e.message or "")


def _memory_error(e: Any) -> StoreError:
    return StoreError(f"the load does not fit in Neo4j's transaction memory ({e.message}); nothing was "
                      "written — raise db.memory.transaction.total.max on your server (NEO4J_TX_MEMORY "
                      "for tools/neo4j; an all-or-nothing load needs about 4 KiB per row)")


def _written_ids(statements: Sequence[Statement]) -> tuple[list[str], list[str]]:
    """Ids of the entities and relations the writer's statements carry (rows with source/target are relations)."""
    nodes: list[str] = []
    edges: list[str] = []
    for st in statements:
        for row in st.params.get("rows") or []:
            if "props" not in row:
                continue  # delete_kind_changed's {id, kind} rows: the same ids again
            (edges if "source" in row else nodes).append(row["id"])
    return nodes, edges


def _explain(code: str | None, message: str) -> str:
    code = code or ""
    if code.endswith("AccessMode") or "in read access mode" in message.lower():
        return f"this query writes, and queries run read-only — add --write to change the database ({message})"
    if code.endswith("DatabaseNotFound"):
        return f"{message} — the database does not exist on this server: check NEO4J_DATABASE (or --database)"
    if code.endswith("ParameterMissing"):
        return f"{message} — pass it with -p name=value"
    if code.endswith("SyntaxError"):
        return f"Cypher syntax error: {message}"
    return f"{code}: {message}"
