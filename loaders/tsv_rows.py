"""Rows of a tab-separated table, checked the same way for every table ``partners load --data`` takes.

UTF-8 (a byte-order mark is fine) and any line ends; no quoting (a cell starting with ``"`` is read as it stands,
an unbalanced ``"`` cannot swallow the rows after it). A row with too few or too many cells, a control or bidi
character in a cell, bad UTF-8 or a cell beyond the csv module's limit is one :class:`BadInputError` naming the
file and line — never a traceback, and raised before anything is written (the loaders build the whole graph
first).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

from graph.errors import BadInputError
from loaders.seeds import _BAD_CHARS


def tsv_rows(path: Path, columns: set[str], expected: str) -> Iterator[tuple[int, dict[str, str]]]:
    """``(line, row)`` for each data row of ``path``, whose header must hold ``columns`` (``expected`` names the
    table in the error)."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        raise BadInputError(f"{path}:{line}: not UTF-8 text — save the table as UTF-8 (tab-separated)") from None
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE)
    try:
        names = reader.fieldnames or []
        missing = columns - set(names)
        if missing:
            raise BadInputError(f"{path}:1: missing columns {sorted(missing)} — expected {expected}")
        for row in reader:
            lineno = reader.line_num
            if None in row.values() or None in row:
                extra: list[str] = row.get(None) or []  # type: ignore[assignment]
                cells = len([v for k, v in row.items() if k is not None and v is not None]) + len(extra)
                raise BadInputError(f"{path}:{lineno}: the row has {cells} cells where {len(names)} are expected "
                                    "— check the tabs")
            bad = next((m for v in row.values() if isinstance(v, str) and (m := _BAD_CHARS.search(v))), None)
            if bad is not None:
                raise BadInputError(f"{path}:{lineno}: a cell contains the control character "
                                    f"U+{ord(bad.group()):04X} — remove it")
            yield lineno, row
    except csv.Error as e:
        raise BadInputError(f"{path}:{reader.line_num + 1}: cannot read the row ({e}) — a cell may be far too long; "
                            "check the row") from None
