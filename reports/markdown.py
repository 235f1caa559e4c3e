"""A report as Markdown (GitHub-flavoured: tables and ``[^n]`` footnotes; charts as small tables, so a
conversion with pandoc or a paste into Word keeps them).

Every piece of data is escaped: HTML special characters become entities (a name like ``<img src=x>`` shows as
text) and the characters that would break a table or start Markdown markup are backslash-escaped.
"""

from __future__ import annotations

import html
import re

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


def _table(t: Table, sources: str = "Sources") -> list[str]:
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
    columns = [*t.columns, sources] if cited else t.columns
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


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def render_markdown(report: Report) -> str:
    """The whole report as one Markdown document."""
    words = report.words
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
                    lines += [f"| | | {md(words.get('sources', 'Sources'))} |", "|---|---|---|"]
                    lines += [f"| **{md(f.label)}** | {md(f.value)} | {refs(f.notes)} |" for f in block.items]
                else:
                    lines += ["| | |", "|---|---|"]
                    lines += [f"| **{md(f.label)}** | {md(f.value)} |" for f in block.items]
                lines.append("")
            elif isinstance(block, Table):
                lines += _table(block, md(words.get("sources", "Sources")))
            elif isinstance(block, Chart):
                lines += [f"**{md(block.title)}**", "", "| | |", "|---|---:|"]
                lines += [f"| {md(label)} | {md(_number(value))}{md(block.unit)} |" for label, value in block.bars]
                lines.append("")
                if block.notes:
                    lines += [f"{md(words.get('chart_data', 'Chart data:'))} {refs(block.notes)}", ""]
            elif isinstance(block, Paragraph):
                lines += [md(block.text) + (" " + refs(block.notes) if block.notes else ""), ""]
            elif isinstance(block, NetworkView):
                lines += [f"_{md(words.get('network_in_html', ''))}_" if block.html else f"**{md(block.todo)}**", ""]
    lines += [f"## {md(words.get('sources', 'Sources'))}", ""]
    from reports.html import footnote_title, published

    for fn in report.footnotes:
        text = md(footnote_title(report, fn)) + (f" — {md(fn.publisher)}" if fn.publisher else "")
        text += f", {md(published(report, fn))}" if fn.published else ""
        lines.append(f"[^{fn.number}]: {text}" + (f": “{md(fn.quote)}”" if fn.quote else ""))
    return "\n".join(lines).rstrip() + "\n"
