"""Stores: one interface (:class:`Store`), two implementations, chosen by name.

``open_store("embedded", home=…)`` starts (or reuses) the embedded FalkorDB under ``home`` (``keep_warm_s``:
how long it stays running after its last use, for the next command; 0 stops it when the store is closed);
``open_store("neo4j", uri=…, user=…, password=…, database=…)`` connects to any Neo4j 5 — a single server,
a cluster or Aura. Connection settings are passed in; only the CLI reads the environment.
"""

from __future__ import annotations

from pathlib import Path

from graph.errors import BadInputError
from graph.stores.base import QueryResult, Statement, Store

BACKENDS = ("embedded", "neo4j")


def open_store(
    backend: str,
    *,
    home: Path | None = None,
    uri: str | None = None,
    user: str = "neo4j",
    password: str | None = None,
    database: str | None = None,
    graph: str | None = None,
    keep_warm_s: float = 0.0,
) -> Store:
    if backend == "embedded":
        from graph.stores.falkordb_store import DEFAULT_GRAPH, FalkorDBStore

        return FalkorDBStore(home or Path(".partners"), graph or DEFAULT_GRAPH, keep_warm_s)
    if backend == "neo4j":
        if not uri:
            raise BadInputError("--backend neo4j needs a server address — set NEO4J_URI (for example "
                                "neo4j://localhost:7687 or neo4j+s://xxxx.databases.neo4j.io)")
        from graph.stores.neo4j_store import Neo4jStore

        return Neo4jStore(uri, user, password or "", database)
    raise BadInputError(f"unknown backend {backend!r} — choose one of {', '.join(BACKENDS)}")


__all__ = ["BACKENDS", "QueryResult", "Statement", "Store", "open_store"]
