"""A report as Markdown (GitHub-flavoured: tables and ``[^n]`` footnotes; charts as inline SVG).

Every piece of data is escaped: HTML special characters become entities (a name like ``<img src=x>`` shows as
text) and the characters that would break a table or start Markdown markup are backslash-escaped.
"""

from __future__ import annotations

import html
import re

from reports.charts import bar_chart_svg
from reports.footnotes import reference_marks
from reports.model import Chart, Facts, NetworkView, Notes, Paragraph, Report, Row, Table

_SPECIAL = re.compile(r"([\\`*_\[\]|#~!])")


def md(text: object) -> str:
    """``text`` safe inside a Markdown paragraph or table cell.

    >>> md("<img src=x onerror=alert(1)> | *x*")
    '&lt;img src=x onerror=alert(1)&gt; \\\\| \\\\*x\\\\*'
    """
    flat = " ".join(str(text).split())
    return _SPECIAL.sub(r"\\\1", html.escape(flat, quote=False))


def refs(notes: Notes) -> str:
    """Footnote references, runs of three or more shortened: ``[^1]–[^4] [^7]``."""
    return " ".join(reference_marks(notes, lambda n: f"[^{n}]"))


def _table(t: Table) -> list[str]:
    lines: list[str] = []
    if t.caption:
        lines += [f"_{md(t.caption)}_", ""]
    if not t.rows:
        return [*lines, md(t.empty), ""]
    groups: list[tuple[str | None, list[Row]]] = []
    for r in t.rows:
        if not groups or groups[-1][0] != r.group:
            groups.append((r.group, []))
        groups[-1][1].append(r)
    cited = any(r.notes for r in t.rows)
    columns = [*t.columns, "Sources"] if cited else t.columns
    for group, rows in groups:
        if group is not None:
            lines += [f"**{md(group)}**", ""]
        lines.append("| " + " | ".join(md(c) for c in columns) + " |")
        lines.append("|" + "---|" * len(columns))
        for r in rows:
            cells = [md(c) for c in r.cells] + ([refs(r.notes)] if cited else [])
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return lines


def render_markdown(report: Report) -> str:
    """The whole report as one Markdown document."""
    lines = [f"# {md(report.title)}", ""]
    if report.subtitle:
        lines += [md(report.subtitle), ""]
    if report.about:
        lines += [f"_{md(report.about)}_", ""]
    for section in report.sections:
        lines += [f"## {md(section.title)}", ""]
        if section.intro:
            lines += [md(section.intro), ""]
        for block in section.blocks:
            if isinstance(block, Facts):
                if any(f.notes for f in block.items):
                    lines += ["| | | Sources |", "|---|---|---|"]
                    lines += [f"| **{md(f.label)}** | {md(f.value)} | {refs(f.notes)} |" for f in block.items]
                else:
                    lines += ["| | |", "|---|---|"]
                    lines += [f"| **{md(f.label)}** | {md(f.value)} |" for f in block.items]
                lines.append("")
            elif isinstance(block, Table):
                lines += _table(block)
            elif isinstance(block, Chart):
                lines += ['<div class="chart">', bar_chart_svg(block.title, block.bars, unit=block.unit), "</div>", ""]
                if block.notes:
                    lines += [f"Chart data: {refs(block.notes)}", ""]
            elif isinstance(block, Paragraph):
                lines += [md(block.text) + (" " + refs(block.notes) if block.notes else ""), ""]
            elif isinstance(block, NetworkView):
                lines += ["_The interactive network view is in the HTML version of this report "
                          "(`partners report NAME --format html`)._" if block.html else f"**{md(block.todo)}**", ""]
    lines += ["## Sources", ""]
    for fn in report.footnotes:
        where = f" ({md(fn.file)})" if fn.file else ""
        lines.append(f"[^{fn.number}]: `{fn.source}` {md(fn.title)}{where}: “{md(fn.quote)}”")
    return "\n".join(lines).rstrip() + "\n"
