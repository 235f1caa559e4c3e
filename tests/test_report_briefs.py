"""Reports an officer can hand on: one store read, Ukrainian and English, the two-page brief, DOCX, print.

Briefs and dossiers are built on both stores (``loaded_store``). The Ukrainian outputs are searched for English
words that are not data (names, titles, publishers and quotes the sources give); the brief is printed to PDF
by Chromium and its pages counted; the DOCX is re-read with python-docx.
"""

from __future__ import annotations

import io
import re
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from graph.cypher import statement
from graph.model import GraphData
from graph.stores import Store
from graph.stores.base import QueryResult
from reports import build_report, render, render_bytes

ROOT = Path(__file__).resolve().parent.parent
NAMES = ["Zhytomyr", "Dolyna", "Poltava Oblast Council", "Zhytomyr Oblast"]
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")
ALLOWED = {"HTML", "DOCX", "ISO"}  # words a Ukrainian text uses as they are


class CountingStore(Store):
    """A store that counts the queries made through it (and passes them on)."""

    def __init__(self, inner: Store):
        self.inner, self.queries, self.texts = inner, 0, []
        self.backend = inner.backend

    def write(self, statements: Any, reset: bool = False, progress: Any = None) -> None:
        self.inner.write(statements, reset, progress)

    def query(self, cypher: str, params: dict[str, Any] | None = None, write: bool = False) -> QueryResult:
        self.queries += 1
        self.texts.append(cypher)
        return self.inner.query(cypher, params, write)

    def close(self) -> None:
        pass

    @property
    def location(self) -> str:
        return self.inner.location


class VisibleText(HTMLParser):
    """The text a reader sees in an HTML report (no style, no attributes, no embedded view)."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in ("style", "script", "title"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "title"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def visible_html(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


def docx_text(data: bytes) -> str:
    import docx

    doc = docx.Document(io.BytesIO(data))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def data_strings(graph: GraphData) -> list[str]:
    """Everything the sources say in their own words: names, aliases, titles, publishers, quotes."""
    out: list[str] = []
    for node in graph.nodes.values():
        for key in ("name_en", "name_uk", "publisher", "aliases"):
            value = node.props.get(key)
            out += [str(v) for v in value] if isinstance(value, list) else [str(value)] if value else []
        out += [c.quote for c in node.citations]
    out += [c.quote for e in graph.edges for c in e.citations]
    return sorted({s for s in out if s}, key=len, reverse=True)


def english_left(text: str, graph: GraphData) -> list[str]:
    """Latin-script words of ``text`` once the sources' own words are taken out."""
    from reports.markdown import md

    for s in data_strings(graph):
        for form in (s, md(s), s.replace("&", "&amp;")):
            text = text.replace(form, " ")
    return sorted({w for w in LATIN_WORD.findall(text) if w not in ALLOWED})


# ---- one read -----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("kept", [False, True], ids=["no-name-table", "name-table-of-this-load"])
@pytest.mark.parametrize("name, brief", [("Zhytomyr", False), ("Zhytomyr", True), (None, False)])
def test_a_report_reads_the_store_once(loaded_store: Store, name: str | None, brief: bool, kept: bool,
                                       tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One store read, whether the name table of this load is kept (a brief then reads its part of the graph) or
    not (the whole graph). The Neo4j table lives in the user's cache folder, so the test gives it its own: a table
    another test's load left there would send the brief back to the whole read (two reads, by design)."""
    from graph.names import build_table, load_stamp

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    counting = CountingStore(loaded_store)
    if kept:
        build_table(counting)  # where the report looks for it (the counting store has no data folder of its own)
    focus = kept and brief and load_stamp(loaded_store) is not None  # a table of a load without a stamp is not kept
    counting.queries, counting.texts = 0, []
    report = build_report(counting, name, "uk", brief=brief)
    if focus:  # the focus read: its short steps (queries/write/focus_graph.cypher), never the whole graph
        assert counting.texts and statement("report_graph") not in counting.texts
    else:
        assert counting.texts == [statement("report_graph")]  # the whole graph, in one query
    reads = counting.queries
    assert report.sections and len(report.footnotes) > 0
    render(report, "html"), render(report, "md"), render_bytes(report, "docx")
    assert counting.queries == reads  # rendering reads nothing


# ---- Ukrainian, English ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", [*NAMES, None])
def test_ukrainian_reports_have_no_english_ui_text(loaded_store: Store, seed_graph: GraphData,
                                                   name: str | None) -> None:
    for brief in (True, False) if name else (False,):
        report = build_report(loaded_store, name, "uk", brief=brief)
        assert report.lang == "uk"
        for fmt, text in (("md", render(report, "md")), ("html", visible_html(render(report, "html"))),
                          ("docx", docx_text(render_bytes(report, "docx")))):
            left = english_left(text, seed_graph)
            assert left == [], f"{name} ({'brief' if brief else 'dossier'}, {fmt}): English words {left}"


def test_the_english_test_catches_english(seed_graph: GraphData) -> None:
    assert english_left("Партнери: 3 partners abroad", seed_graph) == ["abroad", "partners"]
    assert english_left("Партнер: Kassel", seed_graph) == []  # a name the sources give


def test_ukrainian_words_dates_and_countries(loaded_store: Store) -> None:
    uk = render(build_report(loaded_store, "Zhytomyr", "uk", brief=True), "md")
    en = render(build_report(loaded_store, "Zhytomyr", "en", brief=True), "md")
    assert uk.startswith("# Житомир\n") and en.startswith("# Zhytomyr\n")
    assert "## Партнери за кордоном" in uk and "## Partners abroad" in en
    assert "| Кассель (Kassel) | Німеччина | партнерство солідарності | підписано | 15 травня 2025 р. |" in uk
    assert "| Kassel | Germany | solidarity partnership | signed | May 15, 2025 |" in en


def test_names_in_the_other_language_in_brackets(loaded_store: Store) -> None:
    """One rule (reports.i18n.Lang.listed_name) in every format: a foreign partner's own name in a Ukrainian
    report, a Ukrainian place's Ukrainian name in an English one; nothing for countries or same-script names."""
    uk = build_report(loaded_store, "Житомир", "uk", brief=True)
    en = build_report(loaded_store, "Zhytomyr Oblast", "en", brief=True)
    for text in (render(uk, "md"), visible_html(render(uk, "html")), docx_text(render_bytes(uk, "docx"))):
        assert "Кассель (Kassel)" in text and "Дортмунд (Dortmund)" in text
        assert "Construção Pública (" not in text and "Німеччина (" not in text
    for text in (render(en, "md"), visible_html(render(en, "html")), docx_text(render_bytes(en, "docx"))):
        assert "Zhytomyr (Житомир)" in text  # the Ukrainian city, in the region's table
        assert "Kassel (" not in text and "Germany (" not in text
    dolyna = render(build_report(loaded_store, "Dolyna", "en", brief=True), "md")
    assert "| Büyükçekmece | Türkiye |" in dolyna  # a foreign partner in English: its English name alone


def test_default_language() -> None:
    from graph.errors import BadInputError
    from reports.i18n import default_lang

    assert default_lang({"PARTNERS_LANG": "en", "LANG": "uk_UA.UTF-8"}) == "en"
    assert default_lang({"LANG": "en_GB.UTF-8"}) == "en"
    assert default_lang({"LANG": "uk_UA.UTF-8"}) == "uk"
    assert default_lang({"LANG": "de_DE.UTF-8"}) == "uk"
    assert default_lang({"LANG": "C.UTF-8"}) in ("uk", "en")  # then the process locale, else uk
    with pytest.raises(BadInputError, match="unknown language 'fr'"):
        default_lang({"PARTNERS_LANG": "fr"})


def test_catalogues_are_compiled_and_complete() -> None:
    from reports.catalogue import problems

    assert problems() == []


def test_stale_mo_is_caught(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    import reports.catalogue as catalogue

    copy = tmp_path / "locale"
    shutil.copytree(catalogue.LOCALE_DIR, copy)
    po = copy / "uk" / "LC_MESSAGES" / "partners.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Партнери"', 'msgstr "Партнери!"'), encoding="utf-8")
    monkeypatch.setattr(catalogue, "LOCALE_DIR", copy)
    assert any("does not match its .po" in p for p in catalogue.problems())


# ---- the brief ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["uk", "en"])
def test_no_ids_hashes_or_module_names(loaded_store: Store, seed_graph: GraphData, lang: str) -> None:
    ids = [i for i in seed_graph.nodes if "-" in i]
    for name in [*NAMES, None]:
        for brief in (True, False) if name else (False,):
            report = build_report(loaded_store, name, lang, brief=brief)
            for text in (render(report, "md"), visible_html(render(report, "html"))):
                assert not re.search(r"\bsrc-|\.txt\b|_[0-9a-f]{16}|analysis\.|reports\.|viz\.", text)
                assert not [i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)]


def test_brief_sections(loaded_store: Store) -> None:
    report = build_report(loaded_store, "Zhytomyr", "en", brief=True)
    assert [s.title for s in report.sections] == ["Who", "Partners abroad", "Agreements in preparation",
                                                  "Donors and programmes", "Recommended next partners"]
    abroad = report.sections[1].blocks[0]
    partners = [r.cells[0] for r in abroad.rows]  # type: ignore[union-attr]
    assert len(partners) == len(set(partners)) and "Kassel" in partners  # one row per partner
    recommended = report.sections[-1].blocks[0]
    assert len(recommended.rows) == 3  # type: ignore[union-attr]
    assert {fn.quote for fn in report.footnotes} == {""}  # documents, not quotes
    assert "source document" in report.about and "Prepared on" in report.about


def test_coverage_note_states_the_documents_dates(loaded_store: Store) -> None:
    from reports.lookup import document_dates
    from reports.read import read_graph

    dates = document_dates(read_graph(loaded_store))
    # the five documents state no publication date; each is dated by the latest event it reports (the seeds'
    # notes on each Source say the same: Dolyna 2022, Dortmund 2023, Zhytomyr oblast and Poltava 2024, Zhytomyr 2025)
    assert dates["src-001-dolyna"] == ("2022", False) and dates["src-002-dortmund-zhytomyr"] == ("2023", False)
    assert dates["src-003-poltava-oblast-council-2024"] == ("2024", False)
    assert dates["src-004-zhytomyr-city-2025"] == ("2025", False) and "src-reference" not in dates
    en = build_report(loaded_store, "Poltava Oblast Council", "en", brief=True).about
    assert "The document's date: 2024 (where a document states no date, the year of the latest event it reports)." in en
    uk = build_report(loaded_store, "Житомир", "uk", brief=True).about
    assert "Дати документів: 2023, 2024, 2025 (де документ не вказує дати — рік найпізнішої події" in uk
    assert "Built from" not in uk and "Складено на основі 4 документів." in uk


def test_a_stated_publication_date_is_used_as_it_is() -> None:
    import networkx as nx

    from reports.entity import build_entity_report
    from reports.i18n import Lang

    g = nx.MultiDiGraph()
    g.add_node("src-x", kind="Source", name_en="Annual report", published="2025-05-15")
    g.add_node("a", kind="City", name_en="Lviv", name_uk="Львів", source_ids=["src-x"], quotes=["Львів"])
    uk = build_entity_report(g, "a", Lang("uk"), brief=True).about
    assert "Дата документа: 15 травня 2025" in uk and "найпізнішої події" not in uk


def test_region_brief_counts_its_places_ties_once(loaded_store: Store) -> None:
    report = build_report(loaded_store, "Zhytomyr Oblast", "en", brief=True)
    region = next(s for s in report.sections if s.title == "Partners of the places in the region")
    rows = {r.cells[0]: r for r in region.blocks[0].rows}  # type: ignore[union-attr]
    germany = rows["Germany"]
    assert germany.cells[1].split(", ").count("Kassel") == 1 and "Zhytomyr" in germany.cells[2]
    assert "Dortmund" in germany.cells[1]
    assert all(r.notes for r in rows.values())


def test_flags_on_ties_are_shown(seed_graph: GraphData) -> None:
    import networkx as nx

    from reports.entity import build_entity_report
    from reports.i18n import Lang
    from reports.read import name_index

    g = nx.MultiDiGraph()
    g.add_node("ua", kind="Country", name_en="Ukraine")
    g.add_node("ru", kind="Country", name_en="Russia")
    g.add_node("a", kind="City", name_en="Lviv", name_uk="Львів", country="ua")
    g.add_node("b", kind="City", name_en="Saint Petersburg", country="ru")
    g.add_edge("a", "b", key="r1", type="COOPERATES_WITH", status="unknown", flags=["russia_belarus"])
    uk = render(build_entity_report(g, name_index(g).resolve("Lviv"), Lang("uk"), brief=True), "md")
    assert "партнер у росії чи білорусі" in uk
    en = render(build_entity_report(g, "a", Lang("en"), brief=True), "md")
    assert "partner in Russia or Belarus" in en


# ---- DOCX -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["uk", "en"])
def test_docx_is_a_valid_document(loaded_store: Store, lang: str) -> None:
    import docx

    for brief in (True, False):
        report = build_report(loaded_store, "Zhytomyr", lang, brief=brief)
        data = render_bytes(report, "docx")
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert z.testzip() is None
            names = z.namelist()
        assert "word/document.xml" in names and "[Content_Types].xml" in names
        doc = docx.Document(io.BytesIO(data))
        headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
        assert headings == [s.title for s in report.sections] + [report.words["sources"]]
        assert doc.paragraphs[0].text == report.title
        section = doc.sections[0]
        assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
        assert len(doc.tables) >= len(report.sections) - 1
        pictures = [n for n in names if n.startswith("word/media/")]
        assert len(pictures) == (0 if brief else 2)  # the two charts of the dossier, as images
        sources = [p.text for p in doc.paragraphs if re.match(r"\d+\. ", p.text)]
        assert len(sources) == len(report.footnotes)
        supers = [r.text for p in doc.paragraphs for r in p.runs if r.font.superscript]
        supers += [r.text for t in doc.tables for row in t.rows for c in row.cells for p in c.paragraphs
                   for r in p.runs if r.font.superscript]
        assert supers  # footnote references


def test_cli_docx_and_lang(run: Any, tmp_path: Path) -> None:
    assert run("load").exit_code == 0
    out = tmp_path / "zhytomyr.docx"
    result = run("report", "Житомир", "--brief", "--lang", "uk", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert result.output.startswith("wrote Житомир (docx, ")
    assert "Партнери за кордоном" in docx_text(out.read_bytes())
    result = run("report", "Житомир", "--brief", "--format", "docx")
    assert result.exit_code == 2 and "needs -o FILE.docx" in result.output
    result = run("report", "Житомир", "--lang", "fr")
    assert result.exit_code == 2 and "'fr' is not one of 'uk', 'en'" in result.output


def test_cli_language_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from cli import main

    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    env = {"PARTNERS_HOME": str(tmp_path / "home")}
    assert CliRunner().invoke(main, ["load"], env=env).exit_code == 0
    out = CliRunner().invoke(main, ["report", "Dolyna", "--brief"], env={**env, "PARTNERS_LANG": "en"}).output
    assert out.startswith("# Dolyna\n")
    out = CliRunner().invoke(main, ["report", "Dolyna", "--brief"], env={**env, "PARTNERS_LANG": "uk"}).output
    assert out.startswith("# Долина\n")
    result = CliRunner().invoke(main, ["report", "Dolyna"], env={**env, "PARTNERS_LANG": "fr"})
    assert result.exit_code == 2 and result.output.startswith("Error: unknown language 'fr'")


# ---- print and phone ------------------------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("name", ["Житомир", "Dolyna", "Poltava Oblast Council"])
def test_brief_prints_on_two_a4_pages(loaded_store: Store, tmp_path: Path, name: str) -> None:
    from pypdf import PdfReader

    from tests.browser import browser_page, chromium_or_skip

    chromium_or_skip()
    with browser_page() as (page, log):
        for lang in ("uk", "en"):
            out = tmp_path / f"brief-{lang}.html"
            out.write_text(render(build_report(loaded_store, name, lang, brief=True), "html"), encoding="utf-8")
            page.goto(out.as_uri(), wait_until="load")
            pdf = page.pdf(format="A4", prefer_css_page_size=True)
            pages = len(PdfReader(io.BytesIO(pdf)).pages)
            assert 1 <= pages <= 2, f"{name} ({lang}) prints on {pages} pages"
        assert log.page_errors == []


@pytest.mark.browser
def test_dossier_prints_a_picture_not_a_blank_frame(loaded_store: Store, tmp_path: Path) -> None:
    from tests.browser import browser_page, chromium_or_skip

    chromium_or_skip()
    out = tmp_path / "zhytomyr.html"
    out.write_text(render(build_report(loaded_store, "Zhytomyr", "uk"), "html"), encoding="utf-8")
    with browser_page() as (page, _):
        page.goto(out.as_uri(), wait_until="load")
        assert page.locator("figure.network-print").is_hidden() and page.locator("iframe.network").is_visible()
        page.emulate_media(media="print")
        assert page.locator("figure.network-print").is_visible() and page.locator("iframe.network").is_hidden()
        assert page.locator("figure.network-print circle").count() > 5


@pytest.mark.browser
def test_dossier_embeds_the_explorer_and_it_draws(loaded_store: Store, tmp_path: Path) -> None:
    """The dossier's network view is the explorer page (`partners viz`, Save as file): one front-end. Inside the
    report's sandboxed frame it draws the neighbourhood on the focus, with no script error, no CSP refusal and no
    request leaving the file."""
    from tests.browser import browser_page, chromium_or_skip

    chromium_or_skip()
    out = tmp_path / "zhytomyr.html"
    out.write_text(render(build_report(loaded_store, "Zhytomyr", "uk"), "html"), encoding="utf-8")
    with browser_page() as (page, log):
        page.goto(out.as_uri(), wait_until="load")
        frame = page.frame_locator("iframe.network")
        frame.locator("canvas").first.wait_for(state="attached", timeout=30_000)
        page.locator("iframe.network").scroll_into_view_if_needed()  # Chromium does not paint a frame off screen
        inner = page.locator("iframe.network").element_handle().content_frame()
        inner.wait_for_function("() => window.__partnersReadyAt", timeout=30_000)  # drawn (explorer.js)
        assert "Житомир" in frame.locator("body").inner_text()  # the focus, in the report's language
        assert log.page_errors == [] and log.console_errors == []
        assert all(u.startswith(("file:", "data:", "about:")) for u in log.requests), log.requests


@pytest.mark.browser
@pytest.mark.parametrize("brief", [True, False])
def test_readable_at_390_px(loaded_store: Store, tmp_path: Path, brief: bool) -> None:
    from tests.browser import browser_page, chromium_or_skip

    chromium_or_skip()
    out = tmp_path / "zhytomyr.html"
    out.write_text(render(build_report(loaded_store, "Zhytomyr Oblast", "uk", brief=brief), "html"),
                   encoding="utf-8")
    with browser_page(width=390, height=844) as (page, _):
        page.goto(out.as_uri(), wait_until="load")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing overflows the page
        widths = page.evaluate("[...document.querySelectorAll('.scroll')].map(e => e.getBoundingClientRect().right)")
        assert widths and max(widths) <= 390  # wide tables scroll inside their box


# ---- DOCX on paper: LibreOffice prints it -----------------------------------------------------------------------

def soffice_pdfs(files: dict[str, bytes], folder: Path) -> dict[str, Path]:
    """Each DOCX converted to PDF by LibreOffice, headless, with its own profile (skips when soffice is absent)."""
    import shutil
    import subprocess

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed — apt-get install libreoffice-writer-nogui")
    folder.mkdir(parents=True, exist_ok=True)
    for stem, data in files.items():
        (folder / f"{stem}.docx").write_bytes(data)
    result = subprocess.run(
        [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(folder), *(str(folder / f"{s}.docx") for s in files)],
        capture_output=True, text=True, timeout=240, check=False)
    pdfs = {stem: folder / f"{stem}.pdf" for stem in files}
    missing = [s for s, p in pdfs.items() if not p.exists()]
    assert result.returncode == 0 and not missing, f"soffice failed on {missing}: {result.stderr[-2000:]}"
    return pdfs


def test_docx_brief_prints_on_two_a4_pages_in_libreoffice(loaded_store: Store, tmp_path: Path) -> None:
    from pypdf import PdfReader

    names = {"zhytomyr": "Житомир", "dolyna": "Dolyna", "poltava-council": "Poltava Oblast Council"}
    files = {f"{stem}-{lang}": render_bytes(build_report(loaded_store, name, lang, brief=True), "docx")
             for stem, name in names.items() for lang in ("uk", "en")}
    files["dossier-uk"] = render_bytes(build_report(loaded_store, "Zhytomyr", "uk"), "docx")
    pdfs = soffice_pdfs(files, tmp_path)
    for stem, pdf in pdfs.items():
        reader = PdfReader(pdf)
        pages = len(reader.pages)
        box = reader.pages[0].mediabox
        assert (round(float(box.width) * 25.4 / 72), round(float(box.height) * 25.4 / 72)) == (210, 297)
        if stem.startswith("dossier"):
            assert pages >= 2, f"the dossier converts to {pages} pages"  # opens and converts cleanly
            continue
        assert 1 <= pages <= 2, f"{stem} brief (DOCX) prints on {pages} pages in LibreOffice"
        text = "".join(p.extract_text() for p in reader.pages)
        assert ("Партнери за кордоном" if stem.endswith("-uk") else "Partners abroad") in text


@pytest.mark.parametrize("name", NAMES)
def test_a_brief_reads_only_its_part_of_the_graph_and_says_the_same(
        loaded_store: Store, name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the name table of the store's load kept, a brief resolves the name by the table and reads only the
    entity's part of the graph (one query, fewer entities than the whole); the brief is the one the whole graph
    gives, in both languages. A table of another load sends it back to the whole read."""
    from graph.model import GraphData, Node
    from graph.names import build_table
    from graph.writer import write_graph
    from reports.entity import build_entity_report
    from reports.i18n import Lang
    from reports.read import name_index, read_focus_graph, read_graph

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    counting = CountingStore(loaded_store)
    build_table(counting)
    whole = read_graph(loaded_store)
    ident = name_index(whole).resolve(name)
    part, _ = read_focus_graph(loaded_store, ident)
    assert part is not None and part.number_of_nodes() < whole.number_of_nodes()
    counting.queries, counting.texts = 0, []
    for lang in ("uk", "en"):
        brief = build_report(counting, name, lang, brief=True)
        assert render(brief, "md") == render(build_entity_report(whole, ident, Lang(lang), brief=True), "md")
    focus_read = len(counting.texts) // 2  # the focus read's steps (queries/write/focus_graph.cypher), per brief
    assert statement("report_graph") not in counting.texts and focus_read == counting.queries / 2
    write_graph(loaded_store, GraphData(nodes={"ua-new-town": Node("ua-new-town", "City", {"name_en": "New Town"})}))
    counting.queries, counting.texts = 0, []
    assert render(build_report(counting, name, "en", brief=True), "md")
    # the part read, then (the table is of the last load but one) the whole graph
    assert counting.queries == focus_read + 1 and counting.texts[-1] == statement("report_graph")
