"""A report as Markdown (GitHub-flavoured: tables and ``[^n]`` footnotes; charts as small tables, so a
conversion with pandoc or a paste into Word keeps them), from the Jinja2 template ``reports/templates/report.md.j2``
— the same report model the HTML template and the DOCX writer render.

Every piece of data is escaped: HTML special characters become entities (a name like ``<img src=x>`` shows as
text) and the characters that would break a table or start Markdown markup are backslash-escaped. The template
environment applies that escaping to every ``{{ value }}`` (its ``finalize``), so a template cannot forget it.
"""

from __future__ import annotations

import html
import re
from functools import cache
from typing import TYPE_CHECKING

from reports.footnotes import reference_marks
from reports.model import Notes, Report

if TYPE_CHECKING:
    import jinja2

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


class Raw(str):
    """Text the Markdown template writes as it is (footnote references made here); everything else is escaped."""


def _finalize(value: object) -> str:
    return value if isinstance(value, Raw) else md(value)


@cache
def environment() -> jinja2.Environment:
    """The Markdown templates' environment: every ``{{ value }}`` passes through :func:`md` unless it is Raw."""
    import jinja2

    from reports.html import environment as html_environment

    # Markdown, not HTML: the escaping is Markdown's own (md(), through finalize, which sees every value)
    env = jinja2.Environment(loader=jinja2.PackageLoader("reports", "templates"), autoescape=False,  # noqa: S701
                             undefined=jinja2.StrictUndefined, finalize=_finalize, keep_trailing_newline=True)
    env.tests.update(html_environment().tests)
    return env


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def render_markdown(report: Report) -> str:
    """The whole report as one Markdown document, from ``reports/templates/report.md.j2``."""
    from reports.html import _groups, footnote_title, published

    words = {"sources": "Sources", "chart_data": "Chart data:", "network_in_html": "", **report.words}
    text = environment().get_template("report.md.j2").render(
        report=report, words=words, groups=_groups, number=_number, raw=Raw,
        refs=lambda notes: Raw(refs(notes)), title_of=lambda fn: footnote_title(report, fn),
        published=lambda fn: published(report, fn))
    return text.rstrip() + "\n"
