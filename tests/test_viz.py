"""`partners viz`: the explorer page of `partners serve` written as one offline file, checked as text and in real
headless Chromium.

The fixture loads the seeds plus one hostile entity whose names, alias, quote and relation note are markup and
script (`<img src=x onerror=alert(1)>`, `</script>`…). The page must show them as text, run none of them, and
make no request at all — it is one self-contained file that works offline.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main
from tests.browser import HtmlTags, browser_page, canvas_stats, chromium_or_skip, open_view

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
HOSTILE = "<img src=x onerror=alert(1)>"
HOSTILE_UK = "</script><script>alert(2)</script>"
HOSTILE_ID = "xx-hostile-town"
HOSTILE_SEED = f"""\
# A City whose every text is markup: the view must show it as text and run nothing.
source: src-reference
entities:
  - id: {HOSTILE_ID}
    kind: City
    name: {{en: "{HOSTILE}", uk: "{HOSTILE_UK}"}}
    aliases: ["\\"><svg onload=alert(3)>", "&amp; &lt;b&gt;"]
    region: ua-zhytomyr-oblast
    quote: "{HOSTILE} & </script><b>bold</b>"
relations:
  - type: COOPERATES_WITH
    from: {HOSTILE_ID}
    to: ua-zhytomyr
    since: "2023"
    status: planned
    note: "<iframe src=https://example.com/x></iframe>"
    quote: "</script><script>alert(4)</script>"
"""


def _cli(*args: str) -> str:
    result = CliRunner().invoke(main, list(args), env={"NEO4J_URI": ""}, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seeds plus the hostile city in an embedded store, drawn whole, as a projection and around Zhytomyr."""
    tmp = tmp_path_factory.mktemp("viz")
    (tmp / "hostile.yaml").write_text(HOSTILE_SEED, encoding="utf-8")
    home = str(tmp / "home")
    _cli("load", str(ROOT / "seeds"), str(tmp / "hostile.yaml"), "--backend", "embedded", "--home", home)
    out = {"whole": tmp / "whole.html", "projection": tmp / "projection.html", "focus": tmp / "focus.html",
           "explorer-focus": tmp / "explorer-focus.html"}
    written = _cli("viz", "--backend", "embedded", "--home", home, "--lang", "en", "-o", str(out["whole"]))
    assert re.fullmatch(rf"wrote \d+ entities and \d+ links to {re.escape(str(out['whole']))} "
                        r"\(\d+\.\d MB, works offline\)\n", written)
    _cli("viz", "--backend", "embedded", "--home", home, "--projection", "--lang", "en", "-o", str(out["projection"]))
    _cli("viz", "--backend", "embedded", "--home", home, "--focus", "Житомир", "--depth", "1", "--lang", "en",
         "--kind", "City", "--kind", "Agreement", "--kind", "Region", "-o", str(out["focus"]))
    # --explorer is still accepted (the page always is the explorer's)
    _cli("viz", "--backend", "embedded", "--home", home, "--explorer", "--projection", "--focus", "Житомир",
         "--depth", "2", "--lang", "uk", "-o", str(out["explorer-focus"]))
    return out


SNAPSHOT = re.compile(r'<script id="partners-snapshot" type="application/json">(.*?)</script>', re.S)


def _data(html: str) -> dict:  # type: ignore[type-arg]
    block = SNAPSHOT.search(html)
    assert block
    return json.loads(block.group(1))  # type: ignore[no-any-return]


# ---- the page as text ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["whole", "projection", "focus"])
def test_page_is_self_contained(pages: dict[str, Path], name: str) -> None:
    html = pages[name].read_text(encoding="utf-8")
    parser = HtmlTags()
    parser.feed(html)
    urls = [(tag, key, value) for tag, attrs in parser.tags for key, value in attrs.items()
            if key in ("src", "href", "srcset", "action", "poster", "data") and value]
    assert urls == []
    # nor through CSS, which the tag collector does not see
    assert not re.search(r"(url\(|@import)\s*['\"]?\s*(https?:)?//", html, re.I)
    assert [tag for tag, _ in parser.tags if tag in ("link", "iframe", "img", "object", "embed")] == []
    scripts = [attrs for tag, attrs in parser.tags if tag == "script"]
    assert len(scripts) == 3 and all("src" not in s for s in scripts)
    csp = [a["content"] for t, a in parser.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert len(csp) == 1 and "default-src 'none'" in (csp[0] or "") and "unsafe-inline" not in \
        (csp[0] or "").split("script-src")[1].split(";")[0]
    assert "connect-src" not in (csp[0] or "")  # nothing to connect to
    assert "cdn.jsdelivr" not in html and "cdnjs.cloudflare" not in html  # what pyvis's own template links


def test_hostile_text_appears_only_escaped(pages: dict[str, Path]) -> None:
    html = pages["whole"].read_text(encoding="utf-8")
    for raw in (HOSTILE, HOSTILE_UK, "<svg onload", "<iframe", "<b>bold"):
        assert raw not in html
    assert html.count("</script>") == 3  # the three blocks of the page; none from the data
    block = SNAPSHOT.search(html)
    assert block and "<" not in block.group(1) and ">" not in block.group(1) and "&" not in block.group(1)
    assert "\\u003cimg src=x onerror=alert(1)\\u003e" in block.group(1)
    data = _data(html)
    node = data["nodes"][HOSTILE_ID]
    assert (node["name_en"], node["name_uk"]) == (HOSTILE, HOSTILE_UK)
    assert '"><svg onload=alert(3)>' in node["aliases"]
    entity = data["entity"][HOSTILE_ID]
    assert [(s["id"], s["quote"]) for s in entity["sources"]] == \
        [("src-reference", f"{HOSTILE} & </script><b>bold</b>")]
    tie = next(t for t in entity["ties"] if t["partner"] == "ua-zhytomyr")  # an id: the record is in nodes
    assert (tie["kind"], tie["status"]) == ("cooperation", "planned")
    assert [s["quote"] for s in tie["sources"]] == ["</script><script>alert(4)</script>"]


def test_view_data_styles(pages: dict[str, Path]) -> None:
    data = _data(pages["whole"].read_text(encoding="utf-8"))
    assert data["all"] is True and "view=full" in data["query"]
    placed = data["positions"]["full"]
    assert set(placed) == set(data["nodes"])  # every entity placed by the file: no physics on open
    assert data["styles"]["kinds"]["City"] == {"color": "#0072B2", "shape": "dot"}
    assert set(data["styles"]["kinds"]) >= {"City", "Agreement", "Organisation"}
    assert "planned" in data["styles"]["vocabulary"]["pendingStatuses"]  # drawn dashed
    # the full view's lines know the stored direction (arrows)
    hood = data["neighbourhood"]["full"]["ua-zhytomyr"]["edges"]
    assert hood and {e["dir"] for e in hood} <= {"out", "in", "both"}
    projection = _data(pages["projection"].read_text(encoding="utf-8"))
    assert "view=full" not in projection["query"] and set(projection["positions"]) == {"partners"}
    assert all(e.get("kinds") for h in projection["neighbourhood"]["partners"].values() for e in h["edges"])
    focus_page = pages["focus"].read_text(encoding="utf-8")
    focus = _data(focus_page)
    assert {n["kind"] for n in focus["nodes"].values()} <= {"City", "Agreement", "Region"}
    assert "focus=ua-zhytomyr" in focus["query"] and "depth=1" in focus["query"]
    assert "<title>Partnership Graph — graph around Zhytomyr (1 step)</title>" in focus_page


def test_viz_errors_name_the_fix(tmp_path: Path) -> None:
    runner = CliRunner()
    home = str(tmp_path / "home")
    result = runner.invoke(main, ["viz", "--backend", "embedded", "--home", home, "--kind", "Town", "-o",
                                  str(tmp_path / "x.html")])
    assert result.exit_code == 2
    assert result.output.startswith("Error: unknown kind 'Town' — use one of: Country, Region, ")
    result = runner.invoke(main, ["viz", "--backend", "embedded", "--home", home, "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 2
    assert result.output.startswith("Error: nothing to draw: the store is empty")
    result = runner.invoke(main, ["viz", "--backend", "embedded", "--home", home, "-o",
                                  str(tmp_path / "missing" / "x.html")])
    assert result.exit_code == 2 and "does not exist — create it first" in result.output


# ---- the page in Chromium -----------------------------------------------------------------------------------

def _node_on_screen(page, ident: str) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    point = page.evaluate("""(id) => {
        const net = window.partnersView.network;
        const p = net.canvasToDOM(net.getPositions([id])[id]);
        const box = document.querySelector('#network canvas').getBoundingClientRect();
        return [box.left + p.x, box.top + p.y];
    }""", ident)
    return float(point[0]), float(point[1])


def _visible(page, what: str) -> int:  # type: ignore[no-untyped-def]
    return int(page.get_attribute("html", f"data-visible-{what}") or 0)


@pytest.mark.browser
def test_view_draws_offline_without_errors(pages: dict[str, Path]) -> None:
    chromium_or_skip()
    with browser_page() as (page, log):
        settled = open_view(page, pages["whole"])
        stats = canvas_stats(page)
        assert stats and stats["width"] > 300 and stats["height"] > 300
        assert stats["inked"] > 1000 and stats["colours"] > 10, stats  # drawn, in several colours
        assert settled < 10
        counts = page.text_content("#graph-counts")
        assert counts and re.fullmatch(r"(\d+) / \1 actors · (\d+) / \2 ties", counts), counts
        # the kind filter is the colour legend: a swatch in the kind's colour and shape, and the count shown
        event = page.locator("#f-kind label:has-text('Event')")
        assert event.locator(".swatch").count() == 1
        shown, total = (event.locator(".count").text_content() or "").split("/")
        assert shown == total and int(total) > 0
        assert page.locator("#line-legend .row").count() == 5 and page.locator("#arrow-legend").is_visible()
        # nodes are sized by how many others they are linked to
        sizes = page.evaluate("""() => { const n = window.partnersView.nodes;
            return [n.get('ua-zhytomyr').size, Math.min(...n.get().map((x) => x.size))]; }""")
        assert sizes[0] > sizes[1]
        # arrows on the stored graph's lines
        assert page.evaluate("window.partnersView.edges.get().filter((e) => e.arrows).length") > 100
        # filters: only Events (no kind picked = every kind); the counts follow
        before = _visible(page, "nodes")
        event.locator("input").check()
        assert _visible(page, "nodes") < before
        assert (event.locator(".count").text_content() or "") == f"{total}/{total}"
        assert (page.locator("#f-kind label:has-text('City') .count").text_content() or "").startswith("0/")
        event.locator("input").uncheck()
        assert _visible(page, "nodes") == before
        # the partner view (no arrows), then only ties dated up to 2020
        page.uncheck("#full")
        page.wait_for_selector("html[data-all='partners']", state="attached")
        assert page.locator("#arrow-legend").is_hidden()
        assert page.evaluate("window.partnersView.edges.get().filter((e) => e.arrows).length") == 0
        ties = _visible(page, "edges")
        page.fill("#until", "2020")
        assert _visible(page, "edges") < ties  # ties signed after 2020 are hidden
        # search by a Ukrainian name, open it
        page.fill("#search", "Житомир")
        page.wait_for_selector("html[data-inspected='ua-zhytomyr']", state="attached")
        assert page.text_content("#entity-name") == "Zhytomyr"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "viz.png"))
    assert log.console_errors == [] and log.page_errors == []
    assert log.requests == [pages["whole"].resolve().as_uri()]
    assert log.dialogs == []


@pytest.mark.browser
def test_hostile_name_renders_as_text(pages: dict[str, Path]) -> None:
    chromium_or_skip()
    with browser_page() as (page, log):
        open_view(page, pages["whole"])
        page.fill("#search", "<img src")
        results = page.locator("#search-results li button")
        page.wait_for_selector("#search-results li button")
        assert results.count() == 1 and results.first.text_content() == HOSTILE
        results.first.click()
        page.wait_for_selector(f"html[data-inspected={json.dumps(HOSTILE_ID)}]", state="attached")
        assert page.text_content("#entity-name") == HOSTILE
        assert HOSTILE_UK in (page.text_content("#entity-meta") or "")
        assert "</script><b>bold</b>" in (page.text_content("#sources") or "")
        # hover: the tooltip shows the names and the quote as text
        page.wait_for_selector("html[data-stable='true']", state="attached")
        x, y = _node_on_screen(page, HOSTILE_ID)
        page.mouse.move(x, y)
        page.wait_for_selector(f"html[data-tooltip={json.dumps('n|' + HOSTILE_ID)}]", state="attached")
        assert (page.text_content("#tooltip .name") or "") == HOSTILE
        tip = page.text_content("#tooltip") or ""
        assert HOSTILE_UK in tip and "</script><b>bold</b>" in tip
        # nothing from the data became markup
        assert page.evaluate("document.querySelectorAll('img, svg, iframe, b').length") == 0
        assert page.evaluate("document.querySelectorAll('script').length") == 3
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "viz-hostile.png"))
    assert log.dialogs == []
    assert log.console_errors == [] and log.page_errors == []
    assert log.requests == [pages["whole"].resolve().as_uri()]


@pytest.mark.browser
def test_tie_tooltip_quotes_the_source(pages: dict[str, Path]) -> None:
    """Hovering a line of the partner view: its ties (kind, status, date, ⚠) and their quotes, as text."""
    chromium_or_skip()
    with browser_page() as (page, log):
        open_view(page, pages["focus"])
        page.uncheck("#full")
        page.wait_for_selector("html[data-stable='true'][data-expanded]", state="attached")
        page.wait_for_timeout(300)
        (ax, ay), (bx, by) = _node_on_screen(page, "ua-zhytomyr"), _node_on_screen(page, HOSTILE_ID)
        page.mouse.move((ax + bx) / 2, (ay + by) / 2)
        key = "e|" + "|".join(sorted(["ua-zhytomyr", HOSTILE_ID]))
        page.wait_for_selector(f"html[data-tooltip={json.dumps(key)}]", state="attached")
        tip = page.text_content("#tooltip") or ""
        assert "planned" in tip and "</script><script>alert(4)</script>" in tip
        assert page.evaluate("document.querySelectorAll('script').length") == 3
    assert log.dialogs == [] and log.console_errors == [] and log.page_errors == []


@pytest.mark.browser
@pytest.mark.parametrize("name", ["projection", "focus"])
def test_other_views_draw(pages: dict[str, Path], name: str) -> None:
    chromium_or_skip()
    with browser_page() as (page, log):
        open_view(page, pages[name])
        stats = canvas_stats(page)
        assert stats and stats["inked"] > 300
        if name == "projection":
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / "viz-projection.png"))
    assert log.console_errors == [] and log.page_errors == [] and log.dialogs == []
    assert log.requests == [pages[name].resolve().as_uri()]


@pytest.mark.browser
def test_request_log_sees_requests(tmp_path: Path) -> None:
    """The harness itself: a page that does try to load something is caught (so `requests == [page]` means it)."""
    chromium_or_skip()
    probe = tmp_path / "probe.html"
    probe.write_text('<!DOCTYPE html><img src="http://127.0.0.1:9/pixel.png"><script>alert(1)</script>',
                     encoding="utf-8")
    with browser_page() as (page, log):
        page.goto(probe.as_uri())
        page.wait_for_timeout(300)
    assert "http://127.0.0.1:9/pixel.png" in log.requests
    assert log.dialogs == ["alert: 1"]


def test_viz_lang_uses_the_report_catalogues(tmp_path: Path) -> None:
    home = str(tmp_path / "home")
    _cli("load", str(ROOT / "seeds"), "--backend", "embedded", "--home", home)
    pages = {}
    for lang in ("uk", "en"):
        out = tmp_path / f"{lang}.html"
        _cli("viz", "--backend", "embedded", "--home", home, "--projection", "--lang", lang, "-o", str(out))
        pages[lang] = out.read_text(encoding="utf-8")
    for lang, page in pages.items():
        assert f'<html lang="{lang}">' in page and f"lang={lang}" in _data(page)["query"]
    words = _data(pages["uk"])["words"]  # both languages travel, the switch works offline
    assert words["uk"]["words"]["find"] == "Пошук" and words["en"]["words"]["find"] == "Find"
    assert words["uk"]["words"]["pending"] == "заплановано / на переговорах"
    # without --lang: PARTNERS_LANG
    out = tmp_path / "env.html"
    result = CliRunner().invoke(main, ["viz", "--backend", "embedded", "--home", home, "-o", str(out)],
                                env={"NEO4J_URI": "", "PARTNERS_LANG": "en"}, catch_exceptions=False)
    assert result.exit_code == 0 and '<html lang="en">' in out.read_text(encoding="utf-8")
    bad = CliRunner().invoke(main, ["viz", "--backend", "embedded", "--home", home, "--lang", "de", "-o", str(out)])
    assert bad.exit_code == 2 and "'de' is not one of 'uk', 'en'" in bad.output


def test_viz_lang_page_counts_in_ukrainian(tmp_path: Path) -> None:
    from tests.browser import browser_page, chromium_or_skip, open_view

    chromium_or_skip()
    home = str(tmp_path / "home")
    _cli("load", str(ROOT / "seeds"), "--backend", "embedded", "--home", home)
    out = tmp_path / "uk.html"
    _cli("viz", "--backend", "embedded", "--home", home, "--projection", "--lang", "uk", "-o", str(out))
    with browser_page() as (page, log):
        open_view(page, out)
        assert re.fullmatch(r"\d+ / \d+ учасників · \d+ / \d+ зв'язків", page.text_content("#graph-counts") or "")
        assert page.text_content("#line-legend legend") == "Лінії"
        assert not log.page_errors and not log.console_errors
        assert all(u.startswith("file://") for u in log.requests), log.requests


# ---- the explorer in the file: the page of `partners serve`, with the selection inside -----------------------------

def test_explorer_page_is_self_contained(pages: dict[str, Path]) -> None:
    page = pages["whole"].read_text(encoding="utf-8")
    assert 'id="partners-snapshot"' in page and 'src="/' not in page and 'href="/' not in page
    assert "default-src &#x27;none&#x27;" in page and "connect-src" not in page  # nothing to connect to
    assert HOSTILE not in page  # the hostile name only escaped, as in the classic view
    assert page.count("</script>") == 3


@pytest.mark.browser
def test_explorer_page_draws_the_whole_selection_offline(pages: dict[str, Path]) -> None:
    """No focus: every entity and line of the stored graph at once, placed, searchable, inspectable, offline;
    the hostile city's names are text."""
    chromium_or_skip()
    with browser_page() as (page, log):
        page.goto(pages["whole"].resolve().as_uri())
        page.wait_for_selector("html[data-ready='true'][data-all='full']", state="attached")
        shown = int(page.get_attribute("html", "data-visible-nodes") or 0)
        data = json.loads(page.text_content("#partners-snapshot") or "{}")
        assert shown == len(data["nodes"]) > 300
        assert page.locator("#tab-console").is_hidden() and page.text_content("#tab-map") == "Map"
        page.uncheck("#full")  # the partner view, one click away
        page.wait_for_selector("html[data-all='partners']", state="attached")
        assert 0 < int(page.get_attribute("html", "data-visible-nodes") or 0) < shown
        page.fill("#search", "<img src")
        page.wait_for_selector("#search-results li button")
        assert page.locator("#search-results li button").first.text_content() == HOSTILE
        page.locator("#search-results li button").first.click()
        page.wait_for_selector(f"html[data-inspected={json.dumps(HOSTILE_ID)}]", state="attached")
        assert page.text_content("#entity-name") == HOSTILE
        assert page.evaluate("document.querySelectorAll('img, svg, iframe, b').length") == 0
    assert log.console_errors == [] and log.page_errors == [] and log.dialogs == []
    assert log.requests == [pages["whole"].resolve().as_uri()]


@pytest.mark.browser
def test_explorer_page_focus_in_ukrainian(pages: dict[str, Path]) -> None:
    """--focus/--depth/--projection/--lang become the explorer's view: Zhytomyr inspected, two partner steps
    drawn, the words Ukrainian, the tie table and its filters working without a server."""
    chromium_or_skip()
    with browser_page() as (page, log):
        page.goto(pages["explorer-focus"].resolve().as_uri())
        page.wait_for_selector("html[data-ready='true'][data-inspected='ua-zhytomyr']", state="attached")
        assert page.locator("html").get_attribute("lang") == "uk" and page.text_content("#tab-map") == "Карта"
        assert page.text_content("#entity-name") == "Житомир"
        assert len((page.get_attribute("html", "data-expanded") or "").split()) > 1  # two steps: more than one
        rows = page.locator("#ties tbody tr").count()
        assert rows >= 5 and page.get_attribute("html", "data-visible-ties") == str(rows)
        page.fill("#until", "2000")
        assert int(page.get_attribute("html", "data-visible-ties") or 0) < rows
        page.click("#tab-map")
        page.wait_for_selector("html[data-map-drawn='true']", state="attached")
    assert log.console_errors == [] and log.page_errors == []
    assert log.requests == [pages["explorer-focus"].resolve().as_uri()]
