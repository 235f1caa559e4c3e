"""Bar charts as inline SVG, written by hand so that a report needs no plotting library and no network.

Every label and title is XML-escaped; long labels are shortened (the full text stays in the tables beside).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

LABEL_CHARS = 34  # longer labels are cut with an ellipsis
ROW = 22  # pixels per bar
CHAR_PX = 7  # approximate width of one character at font-size 12



def _svg_open(title: str, width: int, height: int, font_size: int) -> list[str]:
    """The opening of a chart: the <svg> element with its accessible name, the <title> and the heading."""
    t = escape(title)
    return [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="{t}" '
            f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
            f'font-family="system-ui, sans-serif" font-size="{font_size}">',
            f"<title>{t}</title>",
            f'<text x="0" y="16" font-size="14" font-weight="bold">{t}</text>']

def _short(text: str, n: int = LABEL_CHARS) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def bar_chart_svg(title: str, bars: Sequence[tuple[str, float]], width: int = 640, unit: str = "") -> str:
    """A horizontal bar chart of ``bars`` (label, value) as one ``<svg>`` element, in the given order.

    The longest bar spans the free width; each bar is labelled on the left and its value on the right.

    >>> svg = bar_chart_svg("Partners by country", [("Germany", 3), ("<img src=x>", 1)])
    >>> svg.startswith("<svg") and svg.count("<rect") == 2
    True
    >>> "&lt;img src=x&gt;" in svg and "<img" not in svg
    True
    """
    label_w = min(LABEL_CHARS, max((len(label) for label, _ in bars), default=4)) * CHAR_PX + 12
    top = 30
    height = top + ROW * max(len(bars), 1) + 10
    free = max(width - label_w - 60, 50)
    peak = max((v for _, v in bars), default=0) or 1
    parts = _svg_open(title, width, height, 12)
    if not bars:
        parts.append(f'<text x="0" y="{top + 14}" fill="#666">no data</text>')
    for i, (label, value) in enumerate(bars):
        y = top + i * ROW
        w = max(value / peak * free, 1 if value else 0)
        shown = escape(_short(str(label)))
        parts.append(f'<text x="{label_w - 8}" y="{y + 14}" text-anchor="end">{shown}<title>{escape(str(label))}'
                     f"</title></text>")
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{ROW - 6}" fill="#3b6ea8"/>')
        parts.append(f'<text x="{label_w + w + 6:.1f}" y="{y + 14}">{escape(_number(value) + unit)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def column_chart_svg(title: str, bars: Sequence[tuple[str, float]], width: int = 640, height: int = 220,
                     unit: str = "") -> str:
    """A time series as vertical columns in one ``<svg>``, in the given order (years left to right): every label
    every few columns, and each column's label and value in its tooltip; the tallest column spans the height.

    >>> svg = column_chart_svg("Ties per year", [("1991", 1), ("1992", 0), ("<b>", 4)])
    >>> svg.startswith("<svg") and svg.count("<rect") == 3 and "&lt;b&gt;: 4" in svg and "<b>" not in svg
    True
    """
    top, bottom, left = 30, 24, 30
    free_h = height - top - bottom
    n = max(len(bars), 1)
    step = (width - left - 4) / n
    peak = max((v for _, v in bars), default=0) or 1
    every = max(1, -(-n * 34 // (width - left)))  # label spacing so that year labels (~30 px) do not overlap
    parts = [
        *_svg_open(title, width, height, 11),
        f'<text x="{left - 4}" y="{top + 10}" text-anchor="end">{escape(_number(peak))}</text>',
        f'<line x1="{left}" y1="{top + free_h}" x2="{width - 4}" y2="{top + free_h}" stroke="#888"/>',
    ]
    if not bars:
        parts.append(f'<text x="{left}" y="{top + 14}" fill="#666">no data</text>')
    for i, (label, value) in enumerate(bars):
        h = value / peak * free_h
        x = left + i * step
        tip = escape(f"{label}: {_number(value)}{unit}")
        parts.append(f'<rect x="{x + step * 0.1:.1f}" y="{top + free_h - h:.1f}" width="{step * 0.8:.1f}" '
                     f'height="{h:.1f}" fill="#3b6ea8"><title>{tip}</title></rect>')
        if i % every == 0:
            parts.append(f'<text x="{x + step / 2:.1f}" y="{height - 8}" text-anchor="middle">'
                         f"{escape(_short(str(label), 6))}</text>")
    parts.append("</svg>")
    return "".join(parts)


def chart_svg(chart: Any) -> str:
    """A :class:`reports.model.Chart` as SVG: columns for a time series, horizontal bars otherwise."""
    draw = column_chart_svg if getattr(chart, "style", "bars") == "columns" else bar_chart_svg
    return draw(chart.title, chart.bars, unit=chart.unit)


KIND_COLOURS = {"City": "#3b6ea8", "Community": "#5a9bd4", "Region": "#2e8b57", "Organisation": "#c27c0e",
                "Country": "#888888", "Agreement": "#b03a48", "Project": "#7b4fa0", "Programme": "#7b4fa0",
                "Event": "#999999"}


def network_svg(g: nx.MultiDiGraph, focus: Any, name: Callable[[Any], str], title: str,
                width: int = 640, height: int = 420, labelled: int = 14) -> str:
    """A static picture of the neighbourhood ``g`` of ``focus`` as one ``<svg>`` (what print and DOCX show in place
    of the interactive view): nodes placed by :func:`viz.layout.spring_positions`, coloured by kind, the focus and
    the best-linked nodes named.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph([("a", "b"), ("a", "<c>")])
    >>> svg = network_svg(g, "a", str, "Around a")
    >>> svg.count("<circle") == 3 and "&lt;c&gt;" in svg
    True
    """
    import networkx as nx

    from viz.layout import spring_positions

    simple = nx.Graph()
    simple.add_nodes_from(n for n, a in g.nodes(data=True) if a.get("kind") not in ("Source", "Figure"))
    simple.add_edges_from((u, v) for u, v in g.edges() if u in simple and v in simple and u != v)
    pos = spring_positions(simple) if simple.number_of_nodes() else {}
    pad = 40
    xs = [p[0] for p in pos.values()] or [0.0]
    ys = [p[1] for p in pos.values()] or [0.0]
    span_x, span_y = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    scale = min((width - 2 * pad) / span_x, (height - 2 * pad - 20) / span_y)

    def at(n: Any) -> tuple[float, float]:
        x, y = pos[n]
        return pad + (x - min(xs)) * scale, pad + 20 + (y - min(ys)) * scale

    t = escape(title)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="network-picture" role="img" aria-label="{t}" '
             f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
             f'font-family="system-ui, sans-serif" font-size="11">', f"<title>{t}</title>",
             f'<text x="0" y="16" font-size="14" font-weight="bold">{t}</text>']
    for u, v in sorted(simple.edges(), key=str):
        (x1, y1), (x2, y2) = at(u), at(v)
        parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="#b8c2cc"/>')
    named = sorted(simple.nodes, key=lambda n: (n != focus, -simple.degree(n), str(n)))[:labelled]
    for n in sorted(simple.nodes, key=str):
        x, y = at(n)
        r = 9 if n == focus else 4 + min(simple.degree(n), 8) * 0.5
        colour = KIND_COLOURS.get(str(g.nodes[n].get("kind")), "#666")
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{colour}"><title>{escape(name(n))}'
                     "</title></circle>")
    for n in named:
        x, y = at(n)
        weight = ' font-weight="bold"' if n == focus else ""
        parts.append(f'<text x="{x + 7:.1f}" y="{y - 6:.1f}"{weight}>{escape(_short(name(n), 28))}</text>')
    parts.append("</svg>")
    return "".join(parts)
