"""Bar charts as inline SVG, written by hand so that a report needs no plotting library and no network.

Every label and title is XML-escaped; long labels are shortened (the full text stays in the tables beside).
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

LABEL_CHARS = 34  # longer labels are cut with an ellipsis
ROW = 22  # pixels per bar
CHAR_PX = 7  # approximate width of one character at font-size 12


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
    t = escape(title)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" aria-label="{t}" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'font-family="system-ui, sans-serif" font-size="12">',
        f"<title>{t}</title>",
        f'<text x="0" y="16" font-size="14" font-weight="bold">{t}</text>',
    ]
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
