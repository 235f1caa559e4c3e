"""One base exception for everything the library raises on purpose.

The CLI turns these into one ``Error: …`` line (or one line per problem) and an exit code:
2 for bad input (the user can fix it), 1 for failures of the environment.
"""

from __future__ import annotations

from dataclasses import dataclass


class PartnersError(Exception):
    """Base class of every error Partnership Graph raises on purpose."""

    exit_code = 1


class BadInputError(PartnersError):
    """The user's input (a seed file, a parameter, a name) is wrong; exit code 2."""

    exit_code = 2


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the seeds, located in a file and line."""

    file: str
    line: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}" + (f" — {self.hint}" if self.hint else "")


class SeedError(BadInputError):
    """The seed set is invalid; ``problems`` lists every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        n = len(self.problems)
        super().__init__(f"{n} problem{'s' if n != 1 else ''} in the seeds; nothing was written")


class SchemaError(PartnersError):
    """graph/schema.yaml itself is inconsistent (a bug in the project, not in the user's input)."""


class StoreError(PartnersError):
    """The database failed or refused an operation."""


class StoreUnavailableError(StoreError):
    """No database answers at the configured address."""


class QueryError(BadInputError):
    """A Cypher query is invalid, refers to a missing parameter or was refused (e.g. a write in read mode)."""


class NameResolutionError(BadInputError):
    """A name matched no entity, or several; ``details`` describes the candidates, one line each."""

    def __init__(self, message: str, candidates: list[str] | None = None, details: list[str] | None = None):
        super().__init__(message)
        self.candidates = candidates or []
        self.details = details or []
