"""Query results as a terminal table (rich), JSON or CSV — JSON and CSV are for pipes."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from graph.stores.base import QueryResult

FORMATS = ("table", "json", "csv")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def render(result: QueryResult, fmt: str = "table", limit: int | None = None, width: int | None = None) -> str:
    rows = result.rows if limit is None else result.rows[:limit]
    if fmt == "json":
        records = [dict(zip(result.columns, r, strict=True)) for r in rows]
        return json.dumps(records, ensure_ascii=False, indent=1, default=str)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(result.columns)
        for r in rows:
            # plain values in every cell, as in the table: a list is its items joined by "; " (JSON is --format json)
            writer.writerow([_cell(v) for v in r])
        return buf.getvalue().rstrip("\n")
    return table(result.columns, [[_cell(v) for v in r] for r in rows], width=width,
                 footer=f"{len(rows)} of {len(result.rows)} rows" if limit is not None and limit < len(result.rows)
                 else f"{len(rows)} row{'s' if len(rows) != 1 else ''}")


def table(columns: list[str], rows: list[list[str]], title: str | None = None, width: int | None = None,
          footer: str | None = None) -> str:
    """A plain-text table (no colour codes, so it reads the same in a pipe and a terminal)."""
    from rich.console import Console
    from rich.table import Table

    t = Table(title=title, show_lines=False, header_style="bold", title_justify="left", caption=footer,
              caption_justify="left")
    for c in columns:
        t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(*r)
    console = Console(file=io.StringIO(), width=width or 160, color_system=None, force_terminal=False)
    console.print(t)
    return console.file.getvalue().rstrip("\n")  # type: ignore[attr-defined]
