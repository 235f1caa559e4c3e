"""Results as a terminal table (rich), JSON or CSV — JSON and CSV are for pipes and keep every column.

A table fits the terminal's width (``COLUMNS`` or the terminal's own size; 160 columns in a pipe), shows names
before ids and hides the columns a named query declares as ids (``// ids:``) unless asked for them; a column
of Source ids (``// sources:``) becomes numbered notes listed under the table by document title and publisher.

>>> from graph.stores.base import QueryResult
>>> r = QueryResult(["partner", "name", "sources"], [["lt-x", "Šiauliai District", ["src-a", "src-b"]]])
>>> print(render(r, shape=Shape(ids=("partner",), sources=("sources",)), titles={"src-a": "Annual report"}, width=60))
┏━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━┓
┃ name              ┃ sources ┃
┡━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━┩
│ Šiauliai District │ [1] [2] │
└───────────────────┴─────────┘
1 row
[1] Annual report
[2] src-b
>>> print(render(r, "csv"))
partner,name,sources
lt-x,Šiauliai District,src-a; src-b
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from graph.stores.base import QueryResult

FORMATS = ("table", "json", "csv")
PIPE_WIDTH = 160  # a table printed into a pipe or file: wide enough that rows rarely fold


@dataclass(frozen=True)
class Shape:
    """How a result's columns are shown in a table: which hold entity ids and which hold Source ids."""

    ids: Sequence[str] = ()
    sources: Sequence[str] = ()


def terminal_width() -> int:
    """The width tables are laid out for: ``COLUMNS``, else the terminal's, else :data:`PIPE_WIDTH`."""
    return shutil.get_terminal_size((PIPE_WIDTH, 24)).columns


def cell(value: Any) -> str:
    """A plain value for a table or CSV cell: a list is its items joined by '; ', nothing is empty."""
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def render(result: QueryResult, fmt: str = "table", limit: int | None = None, width: int | None = None,
           shape: Shape | None = None, show_ids: bool = False, titles: Mapping[str, str] | None = None,
           notes: dict[str, int] | None = None) -> str:
    """``result`` as ``fmt`` (table, json, csv); ``limit`` rows at most; ``titles`` name the Source ids.

    Tables number the Sources they cite and list them underneath; pass a shared ``notes`` dict to number
    several tables together (the caller then lists them once, with :func:`source_notes`).
    """
    rows = result.rows if limit is None else result.rows[:limit]
    if fmt == "json":
        records = [dict(zip(result.columns, r, strict=True)) for r in rows]
        return json.dumps(records, ensure_ascii=False, indent=1, default=str)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(result.columns)
        for r in rows:
            writer.writerow([cell(v) for v in r])
        return buf.getvalue().rstrip("\n")
    shape = shape or Shape()
    id_cols = [c for c in result.columns if c in shape.ids]
    shown = [c for c in result.columns if c not in id_cols] + (id_cols if show_ids else [])  # names first
    where = {c: i for i, c in enumerate(result.columns)}
    shared = notes is not None
    notes = {} if notes is None else notes

    def show(column: str, value: Any) -> str:
        if column in shape.sources and isinstance(value, list):
            return " ".join(f"[{notes.setdefault(s, len(notes) + 1)}]" for s in dict.fromkeys(map(str, value)))
        return cell(value)

    body = [[show(c, r[where[c]]) for c in shown] for r in rows]
    footer = (f"{len(rows)} of {len(result.rows)} rows" if limit is not None and limit < len(result.rows)
              else f"{len(rows)} row{'s' if len(rows) != 1 else ''}")
    text = table(shown, body, width=width, footer=footer)
    if notes and not shared:
        text += "\n" + source_notes(notes, titles or {}, width)
    return text


def source_notes(notes: Mapping[str, int], titles: Mapping[str, str], width: int | None = None) -> str:
    """The numbered Sources a table cited: ``[n] title``, by number, each wrapped to ``width`` with a hanging indent."""
    import textwrap

    out = []
    for s, n in sorted(notes.items(), key=lambda kv: kv[1]):
        mark = f"[{n}] "
        out.append(textwrap.fill(f"{mark}{titles.get(s, s)}", width or terminal_width(),
                                 subsequent_indent=" " * len(mark), break_on_hyphens=False))
    return "\n".join(out)


def source_ids(result: QueryResult, shape: Shape | None) -> list[str]:
    """The Source ids in ``result``'s source columns (to look their titles up before rendering)."""
    cols = [i for i, c in enumerate(result.columns) if shape and c in shape.sources]
    return sorted({str(s) for r in result.rows for i in cols if isinstance(r[i], list) for s in r[i]})


def table(columns: list[str], rows: list[list[str]], title: str | None = None, width: int | None = None,
          footer: str | None = None) -> str:
    """A plain-text table (no colour codes, so it reads the same in a pipe and a terminal) that fits ``width``.

    A table whose cells are one printable line each and whose natural width fits is drawn by :func:`_drawn`,
    character for character what rich draws (``tests/test_tables.py`` compares the two): rich's layout took 0.24 s
    of `show`'s 0.63 s on a warm server and several seconds of the whole `analyse` (bench/results/latency.md).
    Anything else — a cell that must fold, a line break, a tab — is laid out by rich.
    """
    from rich.cells import cell_len

    width = width or terminal_width()
    drawn = _drawn(columns, rows, width, cell_len)
    if drawn is None:
        return _rich_table(columns, rows, title, width, footer)
    table_width = len(drawn[0])  # the border lines are box characters, one cell each
    lines = [*_annotation(title, table_width, cell_len), *drawn, *_annotation(footer, table_width, cell_len)]
    return "\n".join(lines)


def _drawn(columns: list[str], rows: list[list[str]], width: int, cell_len: Any) -> list[str] | None:
    """The table's lines in rich's heavy-head box, with rich's column widths; None when rich must lay it out.

    Columns take their natural width when the table fits. When it does not, the widths are narrowed as rich
    narrows them (its own ``Table._collapse_widths`` and ``ratio_reduce``) and only the cells that no longer fit
    are wrapped, by rich's ``Text.wrap``; rich's layout of every other cell is what this draws directly.
    """
    if not columns:
        return None
    texts = [columns, *rows]
    if not all(v.isprintable() for r in texts for v in r):
        return None
    lens = [[cell_len(v) for v in r] for r in texts]
    natural = [max(col) + 2 for col in zip(*lens, strict=True)]  # with a space of padding each side
    max_width = width - len(columns) - 1  # less the borders
    widths: list[int] = natural
    wrap = None
    if sum(natural) > max_width:
        narrowed = _narrowed(natural, max_width)
        if narrowed is None:
            return None
        widths, wrap = narrowed, _wrapper(narrowed)

    def cell_lines(v: str, n: int, w: int) -> list[str]:
        if n <= w - 2:
            return [f" {v}{' ' * (w - 2 - n)} "]
        assert wrap is not None
        return [f" {line}{' ' * (w - 2 - cell_len(line))} " for line in wrap(v, w - 2)]

    def line(cells: list[str], cell_lens: list[int], edge: str, header: bool = False) -> list[str]:
        parts = [cell_lines(v, n, w) for v, n, w in zip(cells, cell_lens, widths, strict=True)]
        height = max(len(p) for p in parts)
        if height > 1:  # rich sets the header's cells at the bottom of their row, the others at the top
            parts = [[" " * w] * (height - len(p)) + p if header else p + [" " * w] * (height - len(p))
                     for p, w in zip(parts, widths, strict=True)]
        return [edge + edge.join(p[i] for p in parts) + edge for i in range(height)]

    def rule(left: str, fill: str, cross: str, right: str) -> str:
        return left + cross.join(fill * w for w in widths) + right

    out = [rule("┏", "━", "┳", "┓"), *line(columns, lens[0], "┃", header=True), rule("┡", "━", "╇", "┩")]
    for r, n in zip(rows, lens[1:], strict=True):
        out += line(r, n, "│")
    out.append(rule("└", "─", "┴", "┘"))
    return out


def _narrowed(natural: list[int], max_width: int) -> list[int] | None:
    """The column widths rich gives a table too wide for ``max_width`` (``Table._calculate_column_widths`` for
    columns that may all wrap); None when a column would be too narrow to hold a character."""
    from rich._ratio import ratio_reduce
    from rich.table import Table

    if max_width < 3:
        return None
    widths = Table._collapse_widths([min(w, max_width) for w in natural], [True] * len(natural), max_width)
    if sum(widths) > max_width:
        widths = ratio_reduce(sum(widths) - max_width, [1] * len(widths), widths, widths)
    if min(widths) < 3:
        return None
    return [min(w, n) for w, n in zip(widths, natural, strict=True)]


def _wrapper(widths: list[int]) -> Any:
    """Wraps one cell's text to a width as rich does in a folding column: the lines' plain texts."""
    from rich.console import Console
    from rich.text import Text

    console = Console(file=io.StringIO(), width=max(widths), color_system=None, force_terminal=False,
                      markup=False, highlight=False, emoji=False)

    def wrap(text: str, width: int) -> list[str]:
        return [line.plain for line in Text(text).wrap(console, width, justify="left", overflow="fold")]

    return wrap


def _annotation(text: str | None, table_width: int, cell_len: Any) -> list[str]:
    """A title or caption as rich sets it above or below a table: left-justified and padded to the table's
    width, wrapped by rich when it is longer."""
    if not text:
        return []
    if text.isprintable() and cell_len(text) <= table_width and text == text.strip():
        return [text + " " * (table_width - cell_len(text))]
    from rich.console import Console
    from rich.text import Text

    console = Console(file=io.StringIO(), width=table_width, color_system=None, force_terminal=False,
                      markup=False, highlight=False, emoji=False)
    console.print(Text(text, justify="left"))
    wrapped = console.file.getvalue().removesuffix("\n").split("\n")  # type: ignore[attr-defined]
    return [w + " " * (table_width - cell_len(w)) for w in wrapped]


def _rich_table(columns: list[str], rows: list[list[str]], title: str | None, width: int,
                footer: str | None) -> str:
    """The table laid out by rich: cells fold to fit ``width``. Every text is literal: rich would read ``[bold]``
    in a cell as a style and fail on ``[/x]`` (a traceback for a name in the data); as ``Text`` it is shown as
    written, and rendering skips the markup parse."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    t = Table(title=Text(title) if title is not None else None, show_lines=False, header_style="bold",
              title_justify="left", caption=Text(footer) if footer is not None else None, caption_justify="left")
    for c in columns:
        t.add_column(Text(c), overflow="fold")
    for r in rows:
        t.add_row(*(Text(v) for v in r))
    console = Console(file=io.StringIO(), width=width, color_system=None, force_terminal=False,
                      markup=False, highlight=False, emoji=False)
    console.print(t)
    return console.file.getvalue().rstrip("\n")  # type: ignore[attr-defined]
