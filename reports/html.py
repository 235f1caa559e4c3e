"""A report as one self-contained HTML file, from the Jinja2 template ``reports/templates/report.html.j2``.

Autoescape is on, so every piece of data is escaped by default: a name like ``<img src=x onerror=alert(1)>`` shows
as text. Only the inline SVG charts (which escape their own labels) are passed as Markup. A Content-Security-Policy
forbids loading anything from elsewhere; scripts are allowed only inside the sandboxed network view
(``<iframe sandbox="allow-scripts" srcdoc=…>``), by the hashes the view itself declares.

The page prints: A4, a static picture of the network in place of the interactive view, the full dossier's
sections each on a new page, tables that do not split rows. At 390 px wide, tables scroll inside their box.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from reports.charts import chart_svg
from reports.footnotes import Footnote, compress
from reports.model import Chart, Facts, NetworkView, Paragraph, Report, Row, Table

if TYPE_CHECKING:
    import jinja2

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI","DejaVu Sans",sans-serif;margin:0 auto;max-width:72rem;
padding:1.5rem;color:#1d2733;line-height:1.45}
h1{margin-bottom:.2rem;overflow-wrap:anywhere}h2{border-bottom:2px solid #3b6ea8;padding-bottom:.2rem;margin-top:2.2rem}
.subtitle{color:#555;font-size:1.1rem;margin-top:0}.about{color:#666;font-size:.9rem}
nav ol{columns:2;font-size:.95rem}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;margin:.6rem 0 1.2rem;font-size:.92rem}
th,td{border:1px solid #d5dbe3;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef2f7}tbody th.group{background:#dfe8f3}
table.facts th{width:14rem;background:#f5f7fa}
sup.fn{font-size:.72em;white-space:nowrap;line-height:0;vertical-align:baseline;position:relative;top:-.5em}
sup.fn a{text-decoration:none}
.caption{color:#555;font-style:italic;font-size:.9rem}
.todo{border:2px dashed #c0392b;padding:.6rem;color:#c0392b;font-weight:bold}
figure{margin:.6rem 0}figure svg{max-width:100%;height:auto}
iframe.network{width:100%;height:640px;border:1px solid #d5dbe3}
figure.network-print{display:none}
ol.footnotes li{margin-bottom:.4rem}ol.footnotes q{font-style:italic}
ol.footnotes li:target{background:#fff6d5}
body.brief{max-width:50rem}body.brief h2{margin-top:1.2rem;font-size:1.2rem}
@media (max-width:600px){body{padding:.6rem}table.facts th{width:auto}nav ol{columns:1}iframe.network{height:420px}}
@page{size:A4;margin:14mm 13mm 15mm}
@media print{
body{max-width:none;padding:0;font-size:10pt;line-height:1.3}
a{color:inherit;text-decoration:none}nav{display:none}
iframe.network{display:none}figure.network-print{display:block}
.scroll{overflow:visible}table{font-size:9pt;margin:.3rem 0 .6rem}th,td{padding:.15rem .35rem}
tr,figure,.facts{break-inside:avoid}h2{break-after:avoid}
body.dossier section+section{break-before:page}
body.brief{font-size:9pt;line-height:1.25}body.brief h1{font-size:16pt;margin:0}
body.brief h2{font-size:11pt;margin:.5rem 0 .2rem;padding-bottom:0}
body.brief table{font-size:8.3pt;margin:.2rem 0 .4rem}body.brief th,body.brief td{padding:.08rem .3rem}
body.brief .about,body.brief .subtitle{font-size:8.5pt;margin:.1rem 0}body.brief p{margin:.2rem 0}
body.brief ol.footnotes{font-size:7.5pt;padding-left:1.4rem}body.brief ol.footnotes li{margin:0}
body.brief table.facts th{width:9rem}body.brief .caption{font-size:8.3pt;margin:.1rem 0}
}
"""


def _groups(t: Table) -> list[tuple[str | None, list[Row]]]:
    groups: list[tuple[str | None, list[Row]]] = []
    for r in t.rows:
        if not groups or groups[-1][0] != r.group:
            groups.append((r.group, []))
        groups[-1][1].append(r)
    return groups


@cache
def environment() -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("reports", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=False)
    env.tests.update(facts=lambda b: isinstance(b, Facts), table=lambda b: isinstance(b, Table),
                     chart=lambda b: isinstance(b, Chart), paragraph=lambda b: isinstance(b, Paragraph),
                     network=lambda b: isinstance(b, NetworkView))
    return env


def script_sources(page: str) -> str:
    """The ``script-src`` of the Content-Security-Policy an embedded page declares ('none' if it declares none).

    A ``srcdoc`` frame inherits the report's policy on top of its own, so the report must allow exactly the
    scripts the view allows — by hash — and nothing else (the report itself runs no script).

    >>> script_sources('<meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;; '
    ...                'script-src &#x27;sha256-abc=&#x27;; img-src data:">')
    "'sha256-abc='"
    """
    import re
    from html import unescape

    m = re.search(r'<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"', page, re.I)
    directive = re.search(r"(?:^|;)\s*script-src\s+([^;]+)", unescape(m.group(1))) if m else None
    if directive is None or "unsafe" in directive.group(1):
        return "'none'"
    return directive.group(1).strip()


def footnote_title(report: Report, fn: Footnote) -> str:
    """A document's title in the report's language when the Source has one."""
    return fn.title_uk if report.lang == "uk" and fn.title_uk else fn.title


def published(report: Report, fn: Footnote) -> str:
    from reports.i18n import Lang

    return report.words.get("published", "published {date}").format(date=Lang(report.lang).date(fn.published))


def render_html(report: Report) -> str:
    """The whole report as one HTML document that works offline."""
    from markupsafe import Markup

    views = [b.html for s in report.sections for b in s.blocks if isinstance(b, NetworkView) and b.html]
    scripts = " ".join(dict.fromkeys(src for v in views for src in script_sources(v).split() if src != "'none'"))
    csp = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; "
           f"script-src {scripts or chr(39) + 'none' + chr(39)}" + ("; frame-src 'self'" if views else ""))
    words: dict[str, Any] = {"contents": "Contents", "sources": "Sources", "chart_data": "Chart data:",
                             "network_view": "Network view", **report.words}
    return environment().get_template("report.html.j2").render(
        report=report, csp=csp, words=words, runs=compress, groups=_groups,
        css=Markup(CSS),  # noqa: S704 — our own constant
        svg=lambda c: Markup(chart_svg(c)),  # noqa: S704 — the chart escapes its text
        markup=Markup,  # noqa: S704 — only for NetworkView.picture, an SVG from reports.charts.network_svg
        title_of=lambda fn: footnote_title(report, fn), published=lambda fn: published(report, fn),
    ) + "\n"
