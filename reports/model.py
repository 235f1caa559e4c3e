"""The neutral report model: what a dossier says, independent of how it is drawn.

Builders (:mod:`reports.entity`, :mod:`reports.overview`) fill a :class:`Report` with sections of facts, tables,
charts and paragraphs; every row and fact carries the numbers of the footnotes that source it. Renderers
(:mod:`reports.markdown`, :mod:`reports.html`) turn the same model into Markdown or one self-contained HTML file,
escaping every piece of data on the way out — the model holds plain, unescaped text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reports.footnotes import Footnotes

Notes = tuple[int, ...]


@dataclass
class Fact:
    """One labelled statement ("Agreements: 4") with its footnotes."""

    label: str
    value: str
    notes: Notes = ()


@dataclass
class Facts:
    items: list[Fact] = field(default_factory=list)


@dataclass
class Row:
    cells: list[str]
    notes: Notes = ()
    group: str | None = None  # rows with the same group are drawn together under its title


@dataclass
class Table:
    columns: list[str]
    rows: list[Row] = field(default_factory=list)
    caption: str = ""
    empty: str = ""  # what to say when there are no rows (in the report's language)


@dataclass
class Chart:
    """A simple bar chart; drawn as inline SVG by :func:`reports.charts.bar_chart_svg`."""

    title: str
    bars: list[tuple[str, float]]
    notes: Notes = ()
    unit: str = ""
    style: str = "bars"  # "columns": a time series, drawn left to right (reports.charts.chart_svg)


@dataclass
class Paragraph:
    text: str
    notes: Notes = ()


@dataclass
class NetworkView:
    """The interactive neighbourhood view (HTML only); ``html`` is a complete page, or None with ``todo`` why.

    ``picture`` is a static SVG of the same neighbourhood: what a printed page and a DOCX show instead.
    """

    html: str | None
    todo: str = ""
    picture: str = ""
    caption: str = ""


Block = Facts | Table | Chart | Paragraph | NetworkView


@dataclass
class Section:
    title: str
    blocks: list[Block] = field(default_factory=list)
    intro: str = ""

    @property
    def anchor(self) -> str:
        return "".join(c if c.isalnum() else "-" for c in self.title.lower()).strip("-")


@dataclass
class Report:
    title: str
    subtitle: str
    sections: list[Section]
    footnotes: Footnotes
    about: str = ""  # one line on what the report was built from
    lang: str = "en"
    brief: bool = False
    words: dict[str, str] = field(default_factory=dict)  # the renderers' own words, in ``lang`` (see reports.i18n)
