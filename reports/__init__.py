"""Reports: a footnoted dossier or two-page brief on one place or organisation, or an overview of the graph.

``partners report NAME`` and ``partners report --all`` call :func:`build_report` and :func:`write_report`.
A report reads the store once (:func:`reports.read.read_graph`) and computes every section from that graph into
a neutral :class:`~reports.model.Report`; renderers draw the same model as Markdown, HTML (a Jinja2 template) or
DOCX, in Ukrainian or English (:mod:`reports.i18n`). Every row cites the source document it rests on.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from graph.errors import BadInputError
from graph.output import check_folder, write_atomically

if TYPE_CHECKING:
    from graph.stores.base import Store
    from reports.model import Report

FORMATS = ("md", "html", "docx")
SUFFIXES = {".html": "html", ".htm": "html", ".docx": "docx", ".md": "md"}


def build_report(store: Store, name: str | None, lang: str = "en", brief: bool = False,
                 include_flagged: bool = False) -> Report:
    """The report on the entity ``name`` (any name, alias or id, Ukrainian or English), or the overview if None.

    ``lang`` is ``uk`` or ``en``; ``brief`` gives the two-page brief instead of the full dossier. Flagged ties
    are listed with their flag but left out of the rankings and recommendations unless ``include_flagged``.
    """
    from reports.i18n import Lang

    words = Lang(lang)
    if name is None and brief:
        raise BadInputError("--brief is for one place or organisation — give a NAME instead of --all")
    from reports.read import read_for

    g, ident = read_for(store, name, brief=brief)  # one read: a brief's part of the graph, else all of it
    if ident is None:
        from reports.overview import build_overview_report

        return build_overview_report(g, words, include_flagged=include_flagged)
    from reports.entity import build_entity_report

    return build_entity_report(g, ident, words, brief=brief, include_flagged=include_flagged)


def format_for(output: Path | None, fmt: str | None) -> str:
    """The format asked for, else the one ``output``'s suffix names (.html, .htm, .docx), else Markdown.

    Checks ``output`` can be written before any work is done.
    """
    if output is not None:
        check_folder(output)
    if fmt is not None:
        if fmt not in FORMATS:
            raise BadInputError(f"unknown report format {fmt!r} — choose one of {', '.join(FORMATS)}")
        return fmt
    return SUFFIXES.get(output.suffix.lower(), "md") if output is not None else "md"


def render(report: Report, fmt: str) -> str:
    """``report`` as Markdown or HTML text (DOCX is binary: :func:`render_bytes`)."""
    if fmt == "html":
        from reports.html import render_html

        return render_html(report)
    if fmt == "docx":
        raise BadInputError("DOCX is a binary format — write it to a file with -o NAME.docx")
    from reports.markdown import render_markdown

    return render_markdown(report)


def render_bytes(report: Report, fmt: str) -> bytes:
    if fmt == "docx":
        from reports.docx import render_docx

        return render_docx(report)
    return render(report, fmt).encode("utf-8")


def write_report(report: Report, fmt: str, output: Path | None) -> bytes:
    """Render ``report`` and write it to ``output`` (replaced only once complete), or to standard output."""
    if output is None:
        if fmt == "docx":
            raise BadInputError("DOCX is a binary format — write it to a file with -o NAME.docx")
        text = render(report, fmt)
        sys.stdout.write(text)
        return text.encode("utf-8")
    data = render_bytes(report, fmt)
    write_atomically(output, data)
    return data


__all__ = ["FORMATS", "build_report", "format_for", "render", "render_bytes", "write_report"]
