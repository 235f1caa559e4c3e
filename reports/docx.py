"""A report as a Word document (DOCX), built with python-docx from the same model as Markdown and HTML.

A4 pages; headings per section; facts and tables as Word tables ("Table Grid"), group rows shaded; footnote
references as superscript numbers and the sources as a numbered list at the end (endnotes); bar charts as PNG
pictures drawn with Pillow. The interactive network view has no DOCX form and is left out.

Every style names one font, Arial (:data:`FONT`): Word has it, and LibreOffice substitutes the metric-compatible
Liberation Sans, so a brief measured on two pages in LibreOffice (tests/test_report_briefs.py) lays out the same
in Word. Columns get widths by how much text they hold, so a short "Status" column does not take the space a
partner's long name needs; the brief's spacing is tight enough for two A4 pages.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from reports.footnotes import reference_marks
from reports.model import Chart, Facts, NetworkView, Notes, Paragraph, Report, Table

if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph as DocxParagraph

FONT_CANDIDATES = ("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "Arial.ttf")  # with Cyrillic, for the charts
FONT = "Arial"  # the documents' font: in Word as is, in LibreOffice as Liberation Sans (same metrics)
TEXT_WIDTH_MM = 180  # A4 less two 15 mm margins
WIDE_TABLE = 6  # columns from which a table's text is set smaller


def _refs(par: DocxParagraph, notes: Notes) -> None:
    if notes:
        run = par.add_run(" " + ", ".join(reference_marks(notes, str)))
        run.font.superscript = True


def _font(size: int):  # type: ignore[no-untyped-def]
    from PIL import ImageFont

    for name in FONT_CANDIDATES:
        try:
            return ImageFont.truetype(name, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def chart_png(chart: Chart, width: int = 1200) -> bytes:
    """A horizontal bar chart as a PNG (labels left, values right), for documents that take no SVG."""
    from PIL import Image, ImageDraw

    font, bold = _font(22), _font(26)
    row, top = 38, 56
    height = top + row * max(len(chart.bars), 1) + 16
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    draw.text((0, 8), chart.title, fill="#1d2733", font=bold)
    labels = [str(label)[:40] for label, _ in chart.bars]
    label_w = int(max((draw.textlength(t, font=font) for t in labels), default=40)) + 16
    free = max(width - label_w - 90, 60)
    peak = max((v for _, v in chart.bars), default=0) or 1
    for i, ((_, value), label) in enumerate(zip(chart.bars, labels, strict=True)):
        y = top + i * row
        draw.text((label_w - 8 - draw.textlength(label, font=font), y + 4), label, fill="#1d2733", font=font)
        w = max(value / peak * free, 2 if value else 0)
        draw.rectangle([label_w, y + 5, label_w + w, y + row - 7], fill="#3b6ea8")
        shown = str(int(value)) if float(value).is_integer() else f"{value:.2f}"
        draw.text((label_w + w + 8, y + 4), shown + chart.unit, fill="#1d2733", font=font)
    buf = io.BytesIO()
    img.save(buf, format="PNG")
    return buf.getvalue()


def _shade(cell, colour: str) -> None:  # type: ignore[no-untyped-def]
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def column_widths(columns: list[str], rows: list[list[str]], total: float = TEXT_WIDTH_MM,
                  size: float = 8.5) -> list[float]:
    """Widths in mm for a table's columns (text of ``size`` points), by the text they hold.

    Each column first gets room for its longest word (no word is broken — "Статус", "меморандум") and keeps a
    short cell such as a date on one line; what is left of ``total`` goes to the columns whose cells run longer,
    in proportion to how much longer. When even the words do not fit, every column shrinks alike.

    >>> [round(w) for w in column_widths(["Partner", "Status"], [["Lower Silesian Voivodeship", "signed"]], 100)]
    [84, 16]
    >>> [round(w) for w in column_widths(["Name", "Status"], [["a " * 200, "negotiating"]], 100)]
    [77, 23]
    """
    def floor(texts: list[str], whole: bool) -> int:
        return max((max(max((len(w) for w in t.split()), default=1), len(t) if whole and len(t) <= 18 else 0)
                    for t in texts), default=1)

    char_mm = size * 0.2  # an average letter of Arial at this size, Cyrillic and bold headers included
    padding = 4.0  # the cell's left and right margins
    cols = list(zip(columns, *rows, strict=True)) if rows else [(c,) for c in columns]
    lengths = [min(max(sum(len(t) for t in col[1:]) / max(len(col) - 1, 1), len(col[0])), 120) for col in cols]
    for whole in (True, False):  # short cells whole if that fits, else only the words
        floors = [max(floor(list(col[1:]), whole), round(1.15 * floor([col[0]], False)), 4)  # headers are bold
                  for col in cols]
        need = [f * char_mm + padding for f in floors]
        if sum(need) < total:
            break
    else:
        return [total * n / sum(need) for n in need]
    extra = [max(ln - f, 0) for ln, f in zip(lengths, floors, strict=True)]
    weights = extra if sum(extra) else floors
    return [n + (total - sum(need)) * w / sum(weights) for n, w in zip(need, weights, strict=True)]


def _widths(table, widths: list[float]) -> None:  # type: ignore[no-untyped-def]
    """Fixed column widths, set where Word reads them (each cell) and where LibreOffice does (the grid)."""
    from docx.shared import Mm

    table.autofit = False
    for col, w in zip(table.columns, widths, strict=True):
        col.width = Mm(w)
    for row in table.rows:
        for cell, w in zip(row.cells, widths, strict=True):
            cell.width = Mm(w)


def _tight(par: DocxParagraph) -> None:
    from docx.shared import Pt

    par.paragraph_format.space_before = Pt(0)
    par.paragraph_format.space_after = Pt(0)


def _gap(doc: Document, points: float) -> None:
    """A small gap after a table (Word runs two tables together without a paragraph between them)."""
    from docx.shared import Pt

    par = doc.add_paragraph()
    _tight(par)
    par.paragraph_format.line_spacing = Pt(points)


def _table(doc: Document, t: Table, size: float, gap: float) -> None:
    from docx.shared import Pt

    if len(t.columns) >= WIDE_TABLE:
        size = min(size, 8.5)  # the dossier's seven-column tables: smaller text, so no word breaks mid-way
    if t.caption:
        cap = doc.add_paragraph()
        cap.add_run(t.caption).italic = True
    if not t.rows:
        doc.add_paragraph(t.empty)
        return
    table = doc.add_table(rows=1, cols=len(t.columns))
    table.style = "Table Grid"
    for cell, name in zip(table.rows[0].cells, t.columns, strict=True):
        cell.text = ""
        _tight(cell.paragraphs[0])
        run = cell.paragraphs[0].add_run(name)
        run.bold = True
        run.font.size = Pt(size)
        _shade(cell, "EEF2F7")
    _repeat_header(table.rows[0])
    group = None
    for r in t.rows:
        if r.group is not None and r.group != group:
            group = r.group
            merged = table.add_row().cells
            cell = merged[0].merge(merged[-1])
            _tight(cell.paragraphs[0])
            run = cell.paragraphs[0].add_run(group)
            run.bold = True
            run.font.size = Pt(size)
            _shade(cell, "DFE8F3")
        cells = table.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, r.cells, strict=True)):
            par = cell.paragraphs[0]
            _tight(par)
            par.add_run(text).font.size = Pt(size)
            if i == len(r.cells) - 1:
                _refs(par, r.notes)
    marked = [[*r.cells[:-1], r.cells[-1] + "\u2009" + ",".join(reference_marks(r.notes, str))] for r in t.rows]
    _widths(table, column_widths(t.columns, marked, size=size))  # the last cell with its footnote marks
    _keep_rows_whole(table)
    _gap(doc, gap)


def _repeat_header(row) -> None:  # type: ignore[no-untyped-def]
    """The header row repeats at the top of each page a table runs on to."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(marker)


def _keep_rows_whole(table) -> None:  # type: ignore[no-untyped-def]
    """No row breaks across a page (a row's end alone at the top of the next page reads as a new row)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for row in table.rows:
        marker = OxmlElement("w:cantSplit")
        marker.set(qn("w:val"), "true")
        row._tr.get_or_add_trPr().append(marker)


def _styles(doc: Document, size: float, brief: bool) -> None:
    """One font everywhere; the brief's headings and spacing compact enough for two pages."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    sizes = {"Title": 18 if brief else 24, "Heading 1": 12 if brief else 14}
    for name in ("Normal", "Title", "Heading 1"):
        style = doc.styles[name]
        style.font.name = FONT
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), FONT)
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(attr), None)
        if name in sizes:
            style.font.size = Pt(sizes[name])
    doc.styles["Normal"].font.size = Pt(size)
    normal = doc.styles["Normal"].paragraph_format
    normal.space_after = Pt(2 if brief else 4)
    normal.line_spacing = 1.0 if brief else 1.1
    heading = doc.styles["Heading 1"].paragraph_format
    heading.space_before, heading.space_after = Pt(8 if brief else 14), Pt(2 if brief else 4)
    doc.styles["Title"].paragraph_format.space_after = Pt(4)


def render_docx(report: Report) -> bytes:
    """The whole report as the bytes of one .docx file."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.shared import Mm, Pt

    from reports.html import footnote_title, published

    doc = docx.Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))
    size = 8.5 if report.brief else 10
    gap = 4 if report.brief else 8
    _styles(doc, size, report.brief)
    doc.core_properties.title = report.title
    doc.core_properties.language = report.lang
    doc.add_heading(report.title, level=0)
    if report.subtitle:
        doc.add_paragraph(report.subtitle).runs[0].italic = True
    if report.about:
        doc.add_paragraph(report.about)
    for sec in report.sections:
        doc.add_heading(sec.title, level=1)
        if sec.intro:
            doc.add_paragraph(sec.intro)
        for block in sec.blocks:
            if isinstance(block, Facts):
                table = doc.add_table(rows=0, cols=2)
                table.style = "Table Grid"
                for f in block.items:
                    label, value = table.add_row().cells
                    _tight(label.paragraphs[0])
                    _tight(value.paragraphs[0])
                    label.paragraphs[0].add_run(f.label).bold = True
                    _shade(label, "F5F7FA")
                    value.paragraphs[0].add_run(f.value)
                    _refs(value.paragraphs[0], f.notes)
                _widths(table, [45, TEXT_WIDTH_MM - 45])
                _keep_rows_whole(table)
                _gap(doc, gap)
            elif isinstance(block, Table):
                _table(doc, block, size, gap)
            elif isinstance(block, Chart):
                doc.add_picture(io.BytesIO(chart_png(block)), width=Mm(150))
                if block.notes:
                    par = doc.add_paragraph(report.words.get("chart_data", "Chart data:"))
                    _refs(par, block.notes)
            elif isinstance(block, Paragraph):
                par = doc.add_paragraph(block.text)
                _refs(par, block.notes)
            elif isinstance(block, NetworkView):
                doc.add_paragraph(report.words.get("network_in_html", "")).runs[0].italic = True
    doc.add_heading(report.words.get("sources", "Sources"), level=1)
    for fn in report.footnotes:
        par = doc.add_paragraph()
        par.add_run(f"{fn.number}. ").bold = True
        par.add_run(footnote_title(report, fn)).italic = True
        if fn.publisher:
            par.add_run(f" — {fn.publisher}")
        if fn.published:
            par.add_run(f", {published(report, fn)}")
        if fn.quote:
            par.add_run(f": “{fn.quote}”")
        par.paragraph_format.space_after = Pt(1)
        for run in par.runs:
            run.font.size = Pt(size - 1)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()
