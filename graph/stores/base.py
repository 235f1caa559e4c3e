"""The one interface both stores implement: Neo4j (server) and FalkorDB (the embedded default)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from graph.cypher import statement

Progress = Callable[[int], None]
DEFAULT_TIMEOUT_S = 120.0


@dataclass(frozen=True)
class Statement:
    """One Cypher statement with its parameters; ``rows`` is how many input rows it carries (for progress).

    ``staged`` is the same write aimed at a staging copy, for a store that replaces its graph by staging and
    swapping (Neo4j with ``reset``): the text, ``""`` when the step is not needed there, or None when the
    statement has no staged form (the store then runs the whole load as one transaction)."""

    cypher: str
    params: dict[str, Any] = field(default_factory=dict)
    rows: int = 0
    staged: str | None = None


@dataclass
class QueryResult:
    columns: list[str]
    rows: list[list[Any]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


class Store(ABC):
    """A graph database holding Partnership Graph entities (label ``Entity``) and their relations."""

    backend: str = ""
    #: seconds a query (not a load) may run before the database stops it; None: no limit (issue 13, D7)
    timeout_s: float | None = DEFAULT_TIMEOUT_S

    @abstractmethod
    def write(self, statements: Sequence[Statement], reset: bool = False, progress: Progress | None = None) -> None:
        """Run ``statements`` all-or-nothing: either all take effect or the database is left as it was.

        With ``reset`` the existing graph is removed first, in the same all-or-nothing unit.
        """

    @abstractmethod
    def query(self, cypher: str, params: dict[str, Any] | None = None, write: bool = False,
              fetch: int | None = None) -> QueryResult:
        """Run one query. Without ``write`` the database itself refuses any change (read access mode).

        It stops after ``timeout_s``; with ``fetch`` at most that many rows are fetched (Neo4j streams and stops
        reading; FalkorDB runs a read as ``CALL {…} RETURN * LIMIT fetch``, so the server stops producing)."""

    @abstractmethod
    def close(self) -> None: ...

    @property
    @abstractmethod
    def location(self) -> str:
        """Where the data lives, for messages (a URI or a folder)."""

    def stats(self) -> dict[str, int]:
        """Counts by entity kind and relation type (the shape of ``GraphData.counts()``)."""
        out: dict[str, int] = {}
        for name in ("count_nodes", "count_relations"):
            for name_, count in self.query(statement(name)).rows:
                out[str(name_)] = int(count)
        return dict(sorted(out.items()))

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
