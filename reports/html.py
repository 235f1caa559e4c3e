"""A report as one self-contained HTML file: inline CSS and SVG, no script of its own, nothing fetched.

Every piece of data passes through :func:`html.escape`, so a name like ``<img src=x onerror=alert(1)>`` shows
as text. A Content-Security-Policy forbids loading anything from elsewhere; scripts are allowed only inside the
sandboxed network view (``<iframe sandbox="allow-scripts" srcdoc=…>``), by the hashes the view itself declares.
"""

from __future__ import annotations

from html import escape

from reports.charts import bar_chart_svg
from reports.footnotes import reference_marks
from reports.model import Chart, Facts, NetworkView, Notes, Paragraph, Report, Row, Table

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:72rem;padding:1.5rem;
color:#1d2733;line-height:1.45}
h1{margin-bottom:.2rem}h2{border-bottom:2px solid #3b6ea8;padding-bottom:.2rem;margin-top:2.2rem}
.subtitle{color:#555;font-size:1.1rem;margin-top:0}.about{color:#666;font-size:.9rem}
nav ol{columns:2;font-size:.95rem}
table{border-collapse:collapse;width:100%;margin:.6rem 0 1.2rem;font-size:.92rem}
th,td{border:1px solid #d5dbe3;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef2f7}tbody th.group{background:#dfe8f3}
table.facts th{width:14rem;background:#f5f7fa}
sup.fn{font-size:.72rem;white-space:nowrap}sup.fn a{text-decoration:none}
.caption{color:#555;font-style:italic;font-size:.9rem}
.todo{border:2px dashed #c0392b;padding:.6rem;color:#c0392b;font-weight:bold}
iframe.network{width:100%;height:640px;border:1px solid #d5dbe3}
ol.footnotes li{margin-bottom:.4rem}ol.footnotes q{font-style:italic}
ol.footnotes li:target{background:#fff6d5}
@media print{iframe.network{display:none}}
"""


def refs(notes: Notes) -> str:
    """Footnote references as superscript links, runs of three or more shortened (1–4)."""
    if not notes:
        return ""
    marks = reference_marks(notes, lambda n: f'<a href="#fn-{n}">{n}</a>')
    return '<sup class="fn">[' + ", ".join(marks) + "]</sup>"


def _table(t: Table) -> list[str]:
    out: list[str] = []
    if t.caption:
        out.append(f'<p class="caption">{escape(t.caption)}</p>')
    if not t.rows:
        return [*out, f"<p>{escape(t.empty)}</p>"]
    out.append("<table><thead><tr>" + "".join(f"<th>{escape(c)}</th>" for c in t.columns) + "</tr></thead>")
    groups: list[tuple[str | None, list[Row]]] = []
    for r in t.rows:
        if not groups or groups[-1][0] != r.group:
            groups.append((r.group, []))
        groups[-1][1].append(r)
    for group, rows in groups:
        out.append("<tbody>")
        if group is not None:
            out.append(f'<tr><th class="group" colspan="{len(t.columns)}">{escape(group)}</th></tr>')
        for r in rows:
            cells = [escape(c) for c in r.cells]
            cells[-1] += refs(r.notes)
            out.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        out.append("</tbody>")
    out.append("</table>")
    return out


def _network(block: NetworkView) -> str:
    if block.html is None:
        return f'<p class="todo">{escape(block.todo)}</p>'
    return (f'<iframe class="network" title="Network view" sandbox="allow-scripts" '
            f'srcdoc="{escape(block.html, quote=True)}"></iframe>')


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


def render_html(report: Report) -> str:
    """The whole report as one HTML document that works offline."""
    views = [b.html for s in report.sections for b in s.blocks if isinstance(b, NetworkView) and b.html]
    scripts = " ".join(dict.fromkeys(src for v in views for src in script_sources(v).split() if src != "'none'"))
    csp = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; "
           f"script-src {scripts or chr(39) + 'none' + chr(39)}" + ("; frame-src 'self'" if views else ""))
    body: list[str] = [f"<header><h1>{escape(report.title)}</h1>"]
    if report.subtitle:
        body.append(f'<p class="subtitle">{escape(report.subtitle)}</p>')
    if report.about:
        body.append(f'<p class="about">{escape(report.about)}</p>')
    body.append("<nav><ol>" + "".join(f'<li><a href="#{s.anchor}">{escape(s.title)}</a></li>'
                                      for s in report.sections) + '<li><a href="#sources">Sources</a></li></ol></nav>')
    body.append("</header>")
    for section in report.sections:
        body.append(f'<section id="{escape(section.anchor)}"><h2>{escape(section.title)}</h2>')
        if section.intro:
            body.append(f"<p>{escape(section.intro)}</p>")
        for block in section.blocks:
            if isinstance(block, Facts):
                body.append('<table class="facts"><tbody>' + "".join(
                    f"<tr><th>{escape(f.label)}</th><td>{escape(f.value)}{refs(f.notes)}</td></tr>"
                    for f in block.items) + "</tbody></table>")
            elif isinstance(block, Table):
                body.extend(_table(block))
            elif isinstance(block, Chart):
                body.append('<figure class="chart">' + bar_chart_svg(block.title, block.bars, unit=block.unit)
                            + (f"<figcaption>Chart data: {refs(block.notes)}</figcaption>" if block.notes else "")
                            + "</figure>")
            elif isinstance(block, Paragraph):
                body.append(f"<p>{escape(block.text)}{refs(block.notes)}</p>")
            elif isinstance(block, NetworkView):
                body.append(_network(block))
        body.append("</section>")
    body.append('<section id="sources"><h2>Sources</h2><ol class="footnotes">')
    for fn in report.footnotes:
        where = f" (<span class=\"file\">{escape(fn.file)}</span>)" if fn.file else ""
        body.append(f'<li id="fn-{fn.number}" data-source="{escape(fn.source)}"><code>{escape(fn.source)}</code> '
                    f"<cite>{escape(fn.title)}</cite>{where}: <q>{escape(fn.quote)}</q></li>")
    body.append("</ol></section>")
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<meta http-equiv="Content-Security-Policy" content="{escape(csp)}">'
            f"<title>{escape(report.title)}</title><style>{CSS}</style></head>\n<body>\n"
            + "\n".join(body) + "\n</body></html>\n")
