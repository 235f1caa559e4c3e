"""Reports: a footnoted dossier on one place or organisation, or an overview of the whole graph.

``partners report NAME`` and ``partners report --all`` call :func:`build_report` and :func:`write_report`.
Builders produce a neutral :class:`~reports.model.Report`; renderers draw it as Markdown or as one
self-contained HTML file. Every row cites the source document and quote it rests on.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import BadInputError

if TYPE_CHECKING:
    from graph.stores.base import Store
    from reports.model import Report

FORMATS = ("md", "html")


def build_report(store: Store, name: str | None) -> Report:
    """The report on the entity ``name`` (any name, alias or id, Ukrainian or English), or the overview if None."""
    if name is None:
        from reports.overview import build_overview_report

        return build_overview_report(store)
    from graph.names import NameIndex
    from reports.entity import build_entity_report

    return build_entity_report(store, NameIndex.from_store(store).resolve(name))


def format_for(output: Path | None, fmt: str | None) -> str:
    """The format asked for, else the one ``output``'s suffix names (.html, .htm), else Markdown.

    Checks ``output`` can be written before any work is done.
    """
    if output is not None and not output.parent.is_dir():
        raise BadInputError(f"cannot write {output}: the folder {output.parent} does not exist — create it first")
    if fmt is not None:
        if fmt not in FORMATS:
            raise BadInputError(f"unknown report format {fmt!r} — choose one of {', '.join(FORMATS)}")
        return fmt
    return "html" if output is not None and output.suffix.lower() in (".html", ".htm") else "md"


def render(report: Report, fmt: str) -> str:
    if fmt == "html":
        from reports.html import render_html

        return render_html(report)
    from reports.markdown import render_markdown

    return render_markdown(report)


def write_report(report: Report, fmt: str, output: Path | None) -> str:
    """Render ``report`` and write it to ``output`` (replaced only once complete), or to standard output."""
    text = render(report, fmt)
    if output is None:
        sys.stdout.write(text)
        return text
    if not output.parent.exists():
        raise BadInputError(f"cannot write {output}: the folder {output.parent} does not exist — create it first")
    tmp = output.with_name(output.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(output)
    return text


__all__ = ["FORMATS", "build_report", "format_for", "render", "write_report"]
