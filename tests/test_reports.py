"""`partners report`: footnoted dossiers on Zhytomyr and Dolyna and the overview, in Markdown and HTML.

Reports are built on both stores (``loaded_store``), through the CLI on the embedded store, and with a hostile
entity whose names are markup: it must appear only escaped. Every footnote must resolve to a Source in seeds/
and quote what the seeds say that Source says.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from graph.model import Citation, GraphData
from graph.stores import Store
from reports import build_report, render
from reports.model import Chart, Facts, Report, Table
from tests.browser import HtmlTags

ROOT = Path(__file__).resolve().parent.parent
SECTIONS = ["Summary", "Partners", "Timeline", "Projects, programmes and donors", "Figures", "Network position",
            "Recommended next partners", "Network view"]
OVERVIEW_SECTIONS = ["What the graph holds", "Largest foreign partners", "Countries", "Networks and memberships",
                     "Growth", "Places without a partner abroad in the loaded sources"]
HOSTILE = "<img src=x onerror=alert(1)>"
HOSTILE_UK = "Злий | </script><script>alert(2)</script>"
HOSTILE_SEED = f"""\
# A City whose names are markup, partnered with Dolyna: reports must show it as text.
source: src-reference
entities:
  - id: xx-hostile-town
    kind: City
    name: {{en: "{HOSTILE}", uk: "{HOSTILE_UK}"}}
    aliases: ["\\"><svg onload=alert(3)>"]
    country: de
    quote: "{HOSTILE} | <b>bold</b>"
relations:
  - type: COOPERATES_WITH
    from: ua-dolyna
    to: xx-hostile-town
    since: "2024"
    status: active
    source: src-reference
    quote: "<script>alert(4)</script>"
"""


# ---- helpers ------------------------------------------------------------------------------------------------

def seed_citations(graph: GraphData) -> set[Citation]:
    """Every (source, quote) pair the seeds record."""
    return {c for node in graph.nodes.values() for c in node.citations} | {c for e in graph.edges for c in e.citations}


def assert_footnotes_resolve(report: Report, graph: GraphData) -> None:
    sources = {n.id for n in graph.nodes.values() if n.kind == "Source"}
    stated = seed_citations(graph)
    assert len(report.footnotes) > 0
    for fn in report.footnotes:
        assert fn.source in sources, f"footnote {fn.number} cites {fn.source!r}, not a Source in seeds/"
        assert fn.known
        assert Citation(fn.source, fn.quote) in stated, f"footnote {fn.number}: the seeds never quote {fn.quote!r}"
    numbers = [fn.number for fn in report.footnotes]
    assert numbers == list(range(1, len(numbers) + 1))


def assert_every_claim_cited(report: Report) -> None:
    """Every fact, row and chart of an entity report carries at least one footnote, and each exists."""
    count = len(report.footnotes)
    for section in report.sections:
        for block in section.blocks:
            items = block.items if isinstance(block, Facts) else block.rows if isinstance(block, Table) else \
                [block] if isinstance(block, Chart) else []
            for item in items:
                assert item.notes, f"{section.title}: {item} has no footnote"
                assert all(1 <= n <= count for n in item.notes)


def assert_md_refs_resolve(text: str) -> None:
    defined = re.findall(r"^\[\^(\d+)\]: (\S.*)$", text, re.M)
    assert defined, "no footnote definitions"
    numbers = {int(n) for n, _ in defined}
    assert numbers == set(range(1, len(defined) + 1))
    body = text.split("\n## Sources\n")[0]
    used = {int(n) for n in re.findall(r"\[\^(\d+)\]", body)}
    for first, last in re.findall(r"\[\^(\d+)\]–\[\^(\d+)\]", body):
        used.update(range(int(first), int(last) + 1))
    assert used == numbers, f"unused {sorted(numbers - used)}, undefined {sorted(used - numbers)}"




def assert_html_refs_resolve(text: str, graph: GraphData) -> list[tuple[str, dict[str, str | None]]]:
    parser = HtmlTags()
    parser.feed(text)
    notes = {str(a["id"]): a.get("data-source") for t, a in parser.tags
             if t == "li" and (a.get("id") or "").startswith("fn-")}
    assert notes
    sources = {n.id for n in graph.nodes.values() if n.kind == "Source"}
    assert set(notes.values()) <= sources
    links = {str(a["href"])[1:] for t, a in parser.tags if t == "a" and (a.get("href") or "").startswith("#fn-")}
    assert links <= set(notes), f"links to missing footnotes: {sorted(links - set(notes))}"
    return parser.tags


def md_row(text: str, *cells: str) -> str:
    """The one Markdown table row whose cells include all of ``cells``."""
    rows = [line for line in text.splitlines() if line.startswith("| ")
            and all(f"| {c} |" in line for c in cells)]
    assert rows, f"no row with {cells}"
    return rows[0]


def html_row(text: str, *cells: str) -> str:
    rows = [r for r in re.findall(r"<tr>.*?</tr>", text) if all(re.search(f"<td>{re.escape(c)}(<sup|</td>)", r)
                                                                   for c in cells)]
    assert rows, f"no row with {cells}"
    return rows[0]


# ---- the two dossiers, on both stores ---------------------------------------------------------------------

EXPECTED: dict[str, list[tuple[str, ...]]] = {
    "Dolyna": [("Šiauliai District", "cooperation agreement", "signed", "July 12, 2022"),
               ("Büyükçekmece", "cooperation agreement", "signed", "January 14, 2022"),
               ("Prairie Village", "cooperation agreement", "signed", "2008")],
    "Zhytomyr": [("Kassel", "solidarity partnership", "signed", "May 15, 2025"),
                 ("Dortmund", "solidarity partnership", "planned")],
}
GROUPS = {"Dolyna": ["Lithuania — 1 partner", "Türkiye — 1 partner", "United States — 1 partner",
                    "Ukraine — 7 partners"],
          "Zhytomyr": ["Germany — 4 partners", "Portugal — 1 partner"]}


@pytest.mark.parametrize("name", ["Dolyna", "Zhytomyr"])
def test_entity_report(loaded_store: Store, seed_graph: GraphData, name: str) -> None:
    report = build_report(loaded_store, name)
    assert report.title == name
    assert [s.title for s in report.sections] == SECTIONS
    assert_every_claim_cited(report)
    assert_footnotes_resolve(report, seed_graph)

    md = render(report, "md")
    assert [line[3:] for line in md.splitlines() if line.startswith("## ")] == [*SECTIONS, "Sources"]
    for cells in EXPECTED[name]:
        assert re.search(r"\[\^\d+\]", md_row(md, *cells))
    for group in GROUPS[name]:
        assert f"**{group}**" in md
    assert "<svg" not in md and md.count("\n| | |\n|---|---:|\n") == 2  # charts as tables
    assert_md_refs_resolve(md)

    html = render(report, "html")
    tags = assert_html_refs_resolve(html, seed_graph)
    for cells in EXPECTED[name]:
        assert 'href="#fn-' in html_row(html, *cells)
    assert [a.get("id") for t, a in tags if t == "section"] == [s.anchor for s in report.sections] + ["sources"]
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 2
    assert html.count('class="network-picture"') == 1  # what print shows instead of the frame
    assert "TODO" not in html  # the network view is embedded
    frames = [a for t, a in tags if t == "iframe"]
    assert len(frames) == 1 and frames[0].get("sandbox") == "allow-scripts" and "<html" in (frames[0]["srcdoc"] or "")


def test_dossier_summary_and_sections(loaded_store: Store) -> None:
    report = build_report(loaded_store, "Zhytomyr")
    summary = report.sections[0].blocks[0]
    assert isinstance(summary, Facts)
    facts = {f.label: f.value for f in summary.items}
    assert facts["Name (Ukrainian)"] == "Житомир"
    assert facts["Located in"] == "Zhytomyr Oblast, Ukraine"
    assert facts["Agreements"] == "4 (planned — 2, signed — 2)"
    assert facts["First agreement"].startswith("May 15, 2025 — Zhytomyr – Kassel")
    assert "expected 2027" in facts["Planned agreements"]
    md = render(report, "md")
    md_row(md, "May 15, 2025", "Agreement (solidarity partnership): signed")  # timeline
    md_row(md, "Deutsche Gesellschaft für Internationale Zusammenarbeit", "Organisation")  # donors
    md_row(md, "URBACT IV", "Programme")  # programmes
    block = next(s for s in report.sections if s.title == "Network position").blocks[0]
    assert isinstance(block, Facts)
    position = {f.label: f.value for f in block.items}
    assert re.match(r"\d+ — rank \d+ of \d+$", position["Direct partners"])
    assert position["Sole link"].split(" ")[0] in ("yes", "no")
    recommended = next(s for s in report.sections if s.title == "Recommended next partners").blocks[0]
    assert isinstance(recommended, Table) and 0 < len(recommended.rows) <= 5
    assert all(row.cells[3] for row in recommended.rows)  # each with its reasons
    assert any("shares" in row.cells[3] or "both" in row.cells[3] for row in recommended.rows)


def test_region_and_organisation_reports(loaded_store: Store, seed_graph: GraphData) -> None:
    for name in ("ua-zhytomyr-oblast", "Poltava Oblast Council"):
        report = build_report(loaded_store, name)
        assert_every_claim_cited(report)
        assert_footnotes_resolve(report, seed_graph)
    md = render(build_report(loaded_store, "Poltava Oblast Council"), "md")
    md_row(md, "Luxembourg-Ukrainian Chamber of Commerce", "memorandum", "in force", "2023")
    md_row(md, "2024", "funds attracted from international partners", "47,000,000 UAH")  # figures


# ---- the overview -------------------------------------------------------------------------------------------

def test_overview(loaded_store: Store, seed_graph: GraphData) -> None:
    report = build_report(loaded_store, None)
    assert [s.title for s in report.sections] == OVERVIEW_SECTIONS
    assert_footnotes_resolve(report, seed_graph)
    for section in report.sections[1:]:  # the document list itself needs no footnote
        for block in section.blocks:
            if isinstance(block, Table):
                assert block.rows and all(r.notes for r in block.rows), section.title
    md = render(report, "md")
    assert_md_refs_resolve(md)
    md_row(md, "Büyükçekmece", "Türkiye", "1", "Dolyna (Долина)")  # a Ukrainian place with its Ukrainian name
    md_row(md, "Germany", "3")  # Germany itself is no partner (a country as a whole); Dortmund's plan is flagged
    assert "Dortmund" not in md_row(md, "Germany", "3")
    flagged = render(build_report(loaded_store, None, include_flagged=True), "md")
    assert "Dortmund" in md_row(flagged, "Germany", "4")  # --include-flagged counts it
    md_row(md, "2025", "solidarity partnership", "1")  # growth
    md_row(md, "Malyn (Малин)", "City")  # a place without foreign partners
    md_row(md, "Report on the state of affairs in international and inter-municipal cooperation")  # the documents
    html = render(report, "html")
    assert_html_refs_resolve(html, seed_graph)
    assert html.count("<svg") == 3 and "<iframe" not in html  # countries, agreements by year, ties per year


def test_overview_gaps_are_a_summary_per_oblast_on_the_national_load(store: Store) -> None:
    """On the codifier's 1,469 communities the gap section is one row per oblast (count without a partner,
    share) and the ten largest by name — not a thousand rows; `partners coverage` has the full list."""
    from graph.writer import write_graph
    from loaders.seeds import read_seeds
    from reports.overview import FULL_GAP_LIST, GAP_SAMPLE

    write_graph(store, read_seeds([ROOT / "seeds", ROOT / "reference"]), reset=True)
    for lang, title, full in (("en", "Communities without a partner abroad in the loaded sources", "The full list"),
                              ("uk", "Громади без партнера за кордоном у завантажених джерелах", "Повний перелік")):
        report = build_report(store, None, lang)
        section = next(s for s in report.sections if s.title == title)
        summary, sample = section.blocks
        assert isinstance(summary, Table) and isinstance(sample, Table)
        assert len(summary.rows) == 27  # the oblast-level units: 24 oblasts, Crimea, Kyiv, Sevastopol
        assert len(sample.rows) == GAP_SAMPLE
        assert f"{full}" in section.intro and FULL_GAP_LIST in section.intro
        md = render(report, "md")
        gap_part = md.split(f"## {title}")[1].split("\n## ")[0]
        assert gap_part.count("\n| ") <= 2 * 2 + 27 + GAP_SAMPLE  # two headers and separators, oblasts, sample
    en = render(build_report(store, None, "en"), "md")
    zhytomyr = next(line for line in en.split("## Communities without")[1].splitlines()
                    if line.startswith("| Zhytomyr Oblast |"))
    assert zhytomyr == "| Zhytomyr Oblast | 66 | 65 | 98.5 % |"  # Zhytomyr's hromada has partners abroad
    assert "| Kharkivska hromada (Харківська територіальна громада) | Kharkiv Oblast | urban | 1,421,125 |" in en
    uk = render(build_report(store, None, "uk"), "md")
    oblasts = [line.split(" | ")[0][2:] for line in uk.split("## Громади без партнера")[1].split("_\n\n")[1]
               .splitlines() if line.startswith("| ") and "---" not in line][1:28]
    assert oblasts.index("Житомирська область") < oblasts.index("Івано-Франківська область")  # alphabet order
    assert "| Житомирська область | 66 | 65 | 98,5 % |" in uk


def test_overview_gaps_without_the_codifier_are_a_short_list(loaded_store: Store) -> None:
    from reports.overview import GAP_SAMPLE

    section = build_report(loaded_store, None, "en").sections[-1]
    assert section.title == "Places without a partner abroad in the loaded sources"
    assert 0 < len(section.blocks[0].rows) <= GAP_SAMPLE  # type: ignore[union-attr]


# ---- hostile names ------------------------------------------------------------------------------------------

@pytest.fixture
def hostile_store(store: Store, tmp_path: Path) -> Store:
    from graph.writer import write_graph
    from loaders.seeds import read_seeds

    (tmp_path / "hostile.yaml").write_text(HOSTILE_SEED, encoding="utf-8")
    write_graph(store, read_seeds([ROOT / "seeds", tmp_path / "hostile.yaml"]), reset=True)
    return store


def test_hostile_names_only_escaped(hostile_store: Store) -> None:
    for name in ("Dolyna", "xx-hostile-town"):
        report = build_report(hostile_store, name)
        html = render(report, "html")
        for raw in (HOSTILE, "</script>", "<script>", "<svg onload", "<b>bold"):
            assert raw not in html
        assert "&lt;img src=x onerror=alert(1)&gt;" in html
        parser = HtmlTags()
        parser.feed(html)
        assert [t for t, _ in parser.tags if t in ("img", "script", "object", "embed", "link")] == []
        assert not [a for _, a in parser.tags if any(k.startswith("on") for k in a)]

        md = render(report, "md")
        for raw in (HOSTILE, "<script>", "<svg onload", "<b>bold"):
            assert raw not in md
        assert "&lt;img src=x onerror=alert(1)&gt;" in md
        for line in md.splitlines():  # a `|` in a name never adds a column
            if line.startswith("| "):
                assert len(re.findall(r"(?<!\\)\|", line)) == len(re.findall(r"(?<!\\)\|", md_header(md, line)))
    row = md_row(render(build_report(hostile_store, "Dolyna"), "md"), "&lt;img src=x onerror=alert(1)&gt;")
    assert "| cooperation | active | 2024 |" in row


def md_header(text: str, row: str) -> str:
    lines = text.splitlines()
    i = lines.index(row)
    while i > 0 and lines[i - 1].startswith("|"):
        i -= 1
    return lines[i]


@pytest.mark.browser
def test_hostile_html_in_chromium(hostile_store: Store, tmp_path: Path) -> None:
    from tests.browser import browser_page, chromium_or_skip

    chromium_or_skip()
    out = tmp_path / "dolyna.html"
    out.write_text(render(build_report(hostile_store, "Dolyna"), "html"), encoding="utf-8")
    with browser_page() as (page, log):
        page.goto(out.as_uri(), wait_until="load")
        page.locator("iframe.network").scroll_into_view_if_needed()  # Chromium draws no off-screen frame
        frame = next(f for f in page.frames if f != page.main_frame)
        frame.wait_for_selector("html[data-ready='true']", state="attached", timeout=30_000)
        assert HOSTILE in page.inner_text("body")  # shown as text
        assert page.locator("img").count() == 0
        assert log.dialogs == [] and log.page_errors == []
        assert log.requests == [out.as_uri()]  # nothing fetched: one self-contained file


# ---- the command --------------------------------------------------------------------------------------------

def test_cli_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seed_graph: GraphData) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    env = {"PARTNERS_HOME": str(tmp_path / "home")}

    def run(*args: str) -> tuple[int, str]:
        result = CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)
        return result.exit_code, result.output

    assert run("load")[0] == 0
    md, html, overview = tmp_path / "dolyna.md", tmp_path / "zhytomyr.html", tmp_path / "all.html"
    code, out = run("report", "Долина", "--lang", "en", "-o", str(md))
    assert code == 0 and out.startswith("wrote Dolyna (md, ") and out.endswith(f" footnotes) to {md}\n")
    text = md.read_text(encoding="utf-8")
    md_row(text, "Šiauliai District", "cooperation agreement", "signed", "July 12, 2022")
    assert_md_refs_resolve(text)
    assert run("report", "zhytomyr", "--lang", "en", "-o", str(html))[0] == 0  # html from the suffix
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert_html_refs_resolve(html.read_text(encoding="utf-8"), seed_graph)
    assert run("report", "--all", "--format", "html", "-o", str(overview))[0] == 0
    assert "Largest foreign partners" in overview.read_text(encoding="utf-8")
    code, out = run("report", "--all")
    assert code == 0 and out.startswith("# Partnership Graph — overview\n")
    assert not list(tmp_path.glob("*.tmp"))

    code, out = run("report", "Nowhereville", "-o", str(md))
    assert code == 2 and out.startswith("Error: no entity named 'Nowhereville'")
    assert run("report")[0] == 2 and "give either NAME or --all" in run("report")[1]
    assert run("report", "Dolyna", "--all")[0] == 2
    code, out = run("report", "Dolyna", "-o", str(tmp_path / "missing" / "x.md"))
    assert code == 2 and "does not exist — create it first" in out


def test_help_does_not_import_heavy_libraries() -> None:
    import subprocess
    import sys

    code = ("import sys; from click.testing import CliRunner; from cli import main; "
            "r = CliRunner().invoke(main, ['report', '--help']); assert r.exit_code == 0, r.output; "
            "print(sorted(m for m in ('networkx', 'pyvis', 'neo4j', 'falkordb') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"


# ---- the pieces ---------------------------------------------------------------------------------------------

def test_chart_escapes_and_scales() -> None:
    from reports.charts import bar_chart_svg

    svg = bar_chart_svg("A & B", [("x" * 80, 4), ("</svg><script>", 2), ("zero", 0)])
    assert "<script>" not in svg and "&lt;/svg&gt;&lt;script&gt;" in svg and svg.count("</svg>") == 1
    widths = [float(w) for w in re.findall(r'<rect [^>]*width="([\d.]+)"', svg)]
    assert widths[0] == 2 * widths[1] and widths[2] == 0
    assert "x" * 33 + "…" in svg  # long labels shortened, full text in <title>
