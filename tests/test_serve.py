"""`partners serve`: a real server process on a free loopback port, on both stores, driven by real Chromium.

The fixture loads the seeds plus the hostile city of test_viz (names that are markup and script) into the store,
starts `partners serve` as a subprocess, and waits until it answers. The browser tests record every request the
page makes: none may leave 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import CHROMIUM, CHROMIUM_ARGS, chromium_or_skip
from tests.test_viz import HOSTILE, HOSTILE_ID, HOSTILE_SEED, HOSTILE_UK

ROOT = Path(__file__).resolve().parent.parent
PARTNERS = [sys.executable, "-c", "from cli import main; main()"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _store_env(backend: str, home: Path) -> tuple[list[str], dict[str, str]]:
    env = dict(os.environ)
    if backend == "embedded":
        env.pop("NEO4J_URI", None)
        return ["--backend", "embedded", "--home", str(home)], env
    if not os.environ.get("NEO4J_URI"):
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("CI=true but NEO4J_URI is not set")
        pytest.skip("NEO4J_URI is not set (start one with tools/neo4j/neo4j.sh start)")
    return ["--backend", "neo4j"], env


@pytest.fixture(scope="module", params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of a running `partners serve` over the seeds plus the hostile city."""
    tmp = tmp_path_factory.mktemp("serve")
    # placed near Zhytomyr, so the map draws it too
    (tmp / "hostile.yaml").write_text(HOSTILE_SEED.replace("    region: ua-zhytomyr-oblast\n",
                                                           "    region: ua-zhytomyr-oblast\n    lat: 50.31\n"
                                                           "    lon: 28.71\n"), encoding="utf-8")
    store_args, env = _store_env(request.param, tmp / "home")
    subprocess.run([*PARTNERS, "load", "--reset", str(ROOT / "seeds"), str(tmp / "hostile.yaml"), *store_args],
                   cwd=ROOT, env=env, check=True, capture_output=True)
    port = _free_port()
    proc = subprocess.Popen([*PARTNERS, "serve", "--port", str(port), "--cypher-timeout", "1", *store_args],
                            cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/api/queries", timeout=2).read()
                break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    said = proc.stderr.read().decode() if proc.stderr else ""
                    raise AssertionError(f"server did not start: {said}") from None
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _get(url: str) -> tuple[int, Any, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, json.loads(r.read()), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read()), dict(e.headers)


def _post(url: str, body: dict[str, Any]) -> tuple[int, Any]:
    req = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                 headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


# --- the JSON endpoints ------------------------------------------------------------------------------------------

def test_search_uses_the_cli_resolver(server: str) -> None:
    for text in ("Zhytomyr", "Житомир", "ZHYTOMYR"):
        status, data, headers = _get(server + "/api/search?q=" + urllib.parse.quote(text))
        assert status == 200 and data["status"] == "found"
        assert [r["id"] for r in data["results"]] == ["ua-zhytomyr"]
    assert "default-src 'none'" in headers["content-security-policy"]
    _, data, _ = _get(server + "/api/search?q=Polt")  # a prefix is offered ("did you mean"), never picked
    assert data["status"] == "unknown" and "did you mean" in data["message"]
    assert {"ua-poltava", "ua-poltava-oblast", "org-poltava-oblast-council"} <= {r["id"] for r in data["results"]}
    _, data, _ = _get(server + "/api/search?q=Zhytomyrr")  # a typo: the nearest names are suggested
    assert "ua-zhytomyr" in {r["id"] for r in data["results"]}
    for text in ("Żytomierz", "Zhitomir", "Schytomyr"):  # exonyms (GeoNames), as in the CLI
        _, data, _ = _get(server + "/api/search?q=" + urllib.parse.quote(text))
        assert data["status"] == "found" and [r["id"] for r in data["results"]] == ["ua-zhytomyr"]
    _, data, _ = _get(server + "/api/search?q=Poltava")  # the city has no ties: offered with the council
    assert data["status"] == "ambiguous"
    assert {"ua-poltava", "org-poltava-oblast-council"} <= {r["id"] for r in data["results"]}


def test_entity_ties_and_sources(server: str) -> None:
    status, data, _ = _get(server + "/api/entity/ua-dolyna")
    assert status == 200 and data["node"]["name_uk"] == "Долина"
    partners = {t["partner"]["id"] for t in data["ties"]}
    assert "tr-buyukcekmece" in partners or any("buyukcekmece" in p for p in partners)
    assert all(s["title"] and not s["title"].startswith("src-") for t in data["ties"] for s in t["sources"])
    assert any(s["quote"] for t in data["ties"] for s in t["sources"])
    _, ties, _ = _get(server + "/api/ties/ua-dolyna")
    assert ties == data["ties"]
    status, err, _ = _get(server + "/api/entity/no-such-id")
    assert status == 400 and err["error"].startswith("no entity with id 'no-such-id' — ")


def test_neighbourhood_is_capped_with_more(server: str) -> None:
    _, whole, _ = _get(server + "/api/neighbourhood/ua-dolyna?limit=1000")
    assert whole["more"] == 0 and whole["total"] == len(whole["nodes"]) > 3
    _, first, _ = _get(server + "/api/neighbourhood/ua-dolyna?limit=3")
    assert len(first["nodes"]) == 3 and first["more"] == whole["total"] - 3
    _, rest, _ = _get(server + "/api/neighbourhood/ua-dolyna?limit=1000&offset=3")
    assert [n["id"] for n in first["nodes"] + rest["nodes"]] == [n["id"] for n in whole["nodes"]]
    _, full, _ = _get(server + "/api/neighbourhood/ua-dolyna?view=full&limit=1000")
    assert full["total"] > whole["total"]  # the stored graph also links agreements, sources, figures
    status, err, _ = _get(server + "/api/neighbourhood/ua-dolyna?limit=x")
    assert status == 400 and "whole numbers" in err["error"]


def test_named_queries_and_read_only_cypher(server: str) -> None:
    _, listed, _ = _get(server + "/api/queries")
    assert "partners-of" in {q["name"] for q in listed}
    status, rows, _ = _get(server + "/api/query/partners-of?name=" + urllib.parse.quote("Долина"))
    assert status == 200 and rows["rows"] and not rows["truncated"]
    status, data = _post(server + "/api/cypher", {"cypher": "MATCH (n:Entity {id: 'ua-dolyna'}) RETURN n.name_uk"})
    assert status == 200 and data["rows"] == [["Долина"]]
    status, data = _post(server + "/api/cypher", {"cypher": "CREATE (n:Entity {id: 'x-written'}) RETURN n"})
    assert status == 400 and "read-only" in data["error"]
    _, data = _post(server + "/api/cypher", {"cypher": "MATCH (n:Entity {id: 'x-written'}) RETURN count(n)"})
    assert data["rows"] == [[0]]


def test_explorer_words_come_from_the_catalogues() -> None:
    """explorer.js and explorer.html hold no words of their own: every key they show is a msgid of
    viz/words.py, translated in the Ukrainian catalogue (the one the reports use)."""
    import re

    from viz.words import EXPLORER_WORDS, explorer_words

    js = (ROOT / "viz" / "assets" / "explorer.js").read_text(encoding="utf-8")
    page_html = (ROOT / "viz" / "assets" / "explorer.html").read_text(encoding="utf-8")
    assert not re.search("[\u0400-\u04ff]", js), "Ukrainian words in explorer.js: put them into viz/words.py"
    # a literal text put into the page (el("td", "Words"), .textContent = "Words") would bypass the catalogue
    literal = re.compile(r"""\bel\("\w+",\s*("[^"]*"|`[^`]*`)|\.(?:textContent|placeholder)\s*=\s*("[^"]*"|`[^`]*`)""")
    texts = [re.sub(r"\$\{[^}]*\}", "", a or b) for a, b in literal.findall(js)]  # ${…} is computed, not text
    assert not [x for x in texts if re.search("[A-Za-z]{2}", x)], texts
    used = set(re.findall(r"\bt\(\"(\w+)\"\)", js)) | set(re.findall(r'data-t="(\w+)"', page_html))
    used |= {"brief", "dossier"}  # t(kind) for the two report links
    assert used <= set(EXPLORER_WORDS), used - set(EXPLORER_WORDS)
    uk, en = explorer_words("uk"), explorer_words("en")
    assert en == EXPLORER_WORDS
    same = {k for k in EXPLORER_WORDS if uk[k] == en[k]}
    assert not same, f"untranslated in reports/locale/uk: {same}"


def test_words_endpoint(server: str) -> None:
    status, data, _ = _get(server + "/api/words?lang=uk")
    assert status == 200 and data["words"]["map"] == "Карта" and data["terms"]["City"] == "Місто"
    status, data, _ = _get(server + "/api/words?lang=de")
    assert status == 400 and "unknown language 'de'" in data["error"]


# --- the page in Chromium ----------------------------------------------------------------------------------------

@pytest.fixture
def page(server: str) -> Iterator[tuple[Any, dict[str, list[str]]]]:
    chromium_or_skip()
    from playwright.sync_api import sync_playwright

    log: dict[str, list[str]] = {"requests": [], "errors": [], "dialogs": []}
    with tempfile.TemporaryDirectory(prefix="partners-chromium-") as profile, sync_playwright() as p:
        context = p.chromium.launch_persistent_context(profile, executable_path=str(CHROMIUM), headless=True,
                                                       args=CHROMIUM_ARGS)
        try:
            pg = context.pages[0] if context.pages else context.new_page()
            pg.on("request", lambda r: log["requests"].append(r.url))
            pg.on("pageerror", lambda e: log["errors"].append(str(e)))
            pg.on("console", lambda m: log["errors"].append(m.text) if m.type == "error" else None)
            pg.on("dialog", lambda d: (log["dialogs"].append(d.message), d.dismiss()))
            yield pg, log
        finally:
            context.close()
    assert log["requests"], "the request log saw nothing"
    assert all(u.startswith(server + "/") for u in log["requests"]), log["requests"]
    assert not log["errors"] and not log["dialogs"], log


def _open(pg: Any, url: str) -> None:
    pg.goto(url)
    pg.wait_for_selector("html[data-ready='true']", state="attached")


def _search(pg: Any, text: str) -> None:
    pg.fill("#search", text)
    # selectors, not wait_for_function: the page's CSP forbids the eval that polling uses
    pg.wait_for_selector(f"html[data-searched={json.dumps(text, ensure_ascii=False)}]", state="attached")


def test_page_search_inspector_sources_and_partner_click(server: str, page: Any) -> None:
    pg, _ = page
    _open(pg, server + "/")
    assert pg.locator("html").get_attribute("lang") == "uk"
    # the UI's words in Ukrainian, from the catalogues
    assert pg.text_content("#tab-map") == "Карта" and pg.text_content("#filters summary") == "Фільтри"
    assert pg.get_attribute("#search", "placeholder") == "назва українською чи англійською, псевдонім, id"
    assert "Місто" in pg.text_content("#f-kind")
    _search(pg, "Долина")
    pg.wait_for_selector("html[data-inspected='ua-dolyna']", state="attached")
    assert pg.text_content("#entity-name") == "Долина"
    assert pg.locator("#ties tbody tr").count() >= 4
    assert pg.locator("#sources li blockquote").count() >= 1
    first = pg.locator("#ties tbody tr td button").first
    partner_id = first.get_attribute("data-id")
    first.click()
    pg.wait_for_selector(f"html[data-inspected='{partner_id}']", state="attached")
    # the URL holds the view: opening it again shows the same entity
    url = pg.url
    assert f"focus={urllib.parse.quote(partner_id or '')}" in url
    _open(pg, url)
    pg.wait_for_selector(f"html[data-inspected='{partner_id}']", state="attached")


def test_page_english_and_ambiguous(server: str, page: Any) -> None:
    pg, _ = page
    _open(pg, server + "/?lang=en")
    assert pg.text_content("h1") == "Partnership Graph" and pg.locator("html").get_attribute("lang") == "en"
    _search(pg, "Polt")  # a prefix is offered, never picked (the CLI's resolver)
    assert pg.text_content("#search-status") == "Not found; did you mean:"
    assert pg.locator("#search-results li").count() >= 3
    _search(pg, "Poltava")  # the city has no ties: offered with the council that holds them
    assert pg.text_content("#search-status") == "Several matches — pick one:"
    _search(pg, "Zhytomyr")
    pg.wait_for_selector("html[data-inspected='ua-zhytomyr']", state="attached")
    assert pg.text_content("#entity-name") == "Zhytomyr"
    pg.select_option("#lang", "uk")
    pg.wait_for_selector("html[data-inspected-lang='uk']", state="attached")
    assert pg.text_content("#entity-name") == "Житомир"
    assert "lang=uk" in pg.url


def test_page_hostile_names_are_text(server: str, page: Any) -> None:
    pg, log = page
    _open(pg, server + "/?lang=en&focus=" + HOSTILE_ID)
    pg.wait_for_selector(f"html[data-inspected='{HOSTILE_ID}']", state="attached")
    assert pg.text_content("#entity-name") == HOSTILE
    pg.select_option("#lang", "uk")
    pg.wait_for_selector("html[data-inspected-lang='uk']", state="attached")
    assert pg.text_content("#entity-name") == HOSTILE_UK
    assert pg.locator("#inspector img, #inspector script, #inspector svg, #inspector iframe").count() == 0
    assert not log["dialogs"]


def _dblclick_node(pg: Any, ident: str, until: str) -> None:
    """Double-click the node ``ident`` where it is drawn, once the layout has settled, and wait for ``until``.

    The page's ``data-stable`` is cleared by every change that restarts the layout, so a settled flag means the
    node stays where it is aimed at. A node the layout moved out of sight is first brought into view, as a user
    would pan to it (a double-click below the canvas lands on the text under it, which was the miss).
    """
    key = json.dumps(ident)
    for _ in range(20):
        pg.wait_for_selector("html[data-stable='true']", state="attached")
        box = pg.locator("#network canvas").bounding_box()
        pos = pg.evaluate(f"() => network.canvasToDOM(network.getPositions([{key}])[{key}])")
        if not (20 <= pos["x"] <= box["width"] - 20 and 20 <= pos["y"] <= box["height"] - 20):
            pg.evaluate(f"() => network.moveTo({{position: network.getPositions([{key}])[{key}], animation: false}})")
            continue
        if pg.evaluate(f"() => network.getNodeAt({json.dumps(pos)})") != ident:
            pg.wait_for_timeout(250)
            continue
        pg.mouse.dblclick(box["x"] + pos["x"], box["y"] + pos["y"])
        pg.wait_for_selector(until, state="attached", timeout=10_000)
        return
    raise AssertionError(f"{ident} is not where the network says it is drawn")


def test_page_graph_expand_collapse_more_and_back(server: str, page: Any) -> None:
    pg, _ = page
    _open(pg, server + "/?lang=en&view=full&focus=ua-zhytomyr")
    pg.wait_for_selector("html[data-inspected='ua-zhytomyr']", state="attached")
    _, nb, _ = _get(server + "/api/neighbourhood/ua-zhytomyr?view=full")
    first = int(pg.locator("html").get_attribute("data-nodes") or 0)
    assert first == len(nb["nodes"]) + 1
    assert pg.is_checked("#full") and "view=full" in pg.url
    if nb["more"]:  # "N more" fetches the rest
        assert pg.text_content("#more") == f"+ {nb['more']} more"
    canvas = pg.locator("#network canvas")
    assert canvas.count() == 1
    # expand, by double-click on its drawn position, a neighbour whose own partners are not all on screen yet
    shown = {n["id"] for n in nb["nodes"]} | {"ua-zhytomyr"}
    candidates: list[tuple[str, set[str]]] = []
    for n in nb["nodes"]:
        _, nb2, _ = _get(server + "/api/neighbourhood/" + n["id"] + "?view=full")
        if {m["id"] for m in nb2["nodes"]} - shown:
            candidates.append((n["id"], {m["id"] for m in nb2["nodes"]} - shown))
    assert candidates, "no neighbour of Zhytomyr has partners of its own"
    pg.wait_for_selector("html[data-stable='true']", state="attached")
    # a node not hidden under another one, so a double-click reaches it
    visible = [(i, new) for i, new in candidates if pg.evaluate(
        f"() => network.getNodeAt(network.canvasToDOM(network.getPositions([{json.dumps(i)}])[{json.dumps(i)}]))")
        == i]
    assert visible, "every candidate is drawn under another node"
    other, new = visible[0]
    _dblclick_node(pg, other, f"html[data-expanded~={json.dumps(other)}]")
    grown = int(pg.locator("html").get_attribute("data-nodes") or 0)
    assert grown == first + len(new)
    _dblclick_node(pg, other, f"html:not([data-expanded~={json.dumps(other)}])")  # collapse again
    assert int(pg.locator("html").get_attribute("data-nodes") or 0) == first
    # back and forward through the inspected steps
    _open(pg, server + "/?lang=en&focus=ua-dolyna")
    pg.wait_for_selector("html[data-inspected='ua-dolyna']", state="attached")
    target = pg.locator("#ties tbody tr td button").first
    target_id = target.get_attribute("data-id")
    target.click()
    pg.wait_for_selector(f"html[data-inspected={json.dumps(target_id)}]", state="attached")
    pg.click("#back")
    pg.wait_for_selector("html[data-inspected='ua-dolyna']", state="attached")
    pg.click("#forward")
    pg.wait_for_selector(f"html[data-inspected={json.dumps(target_id)}]", state="attached")


def test_page_time_slider_and_undated(server: str, page: Any) -> None:
    pg, _ = page
    _, ties, _ = _get(server + "/api/ties/ua-dolyna")
    dated = [t for t in ties if t["date"]]
    undated = [t for t in ties if not t["date"]]
    assert dated and undated  # the seeds have both, so the toggle is exercised
    up_to_2010 = [t for t in dated if int(t["date"][:4]) <= 2010]
    _open(pg, server + "/?lang=en&focus=ua-dolyna&until=2010")
    pg.wait_for_selector("html[data-inspected='ua-dolyna']", state="attached")
    assert pg.input_value("#until") == "2010"
    assert pg.get_attribute("html", "data-visible-ties") == str(len(up_to_2010) + len(undated))
    pg.uncheck("#undated")
    assert pg.get_attribute("html", "data-visible-ties") == str(len(up_to_2010))
    assert "undated=0" in pg.url and "until=2010" in pg.url
    visible_rows = pg.locator("#ties tbody tr:not([hidden])")
    assert sorted(visible_rows.nth(i).locator("td").nth(3).text_content() or ""
                  for i in range(visible_rows.count())) == sorted(t["date"] for t in up_to_2010)
    edges_2010 = int(pg.get_attribute("html", "data-visible-edges") or 0)
    pg.fill("#until", "2030")  # a range input: fill sets the value and fires input
    assert int(pg.get_attribute("html", "data-visible-edges") or 0) > edges_2010
    # play runs the slider from its start to its end
    pg.click("#play")
    pg.wait_for_timeout(300)
    assert int(pg.input_value("#until")) < 2030


def test_page_tie_table_honours_every_filter(server: str, page: Any) -> None:
    """The inspector's tie table follows the status, kind, country and flag filters, not only the time."""
    pg, _ = page
    _, ties, _ = _get(server + "/api/ties/ua-dolyna")
    signed = [t for t in ties if t["status"] == "signed"]
    assert signed and len(signed) < len(ties)
    _open(pg, server + "/?lang=en&focus=ua-dolyna&status=signed")
    pg.wait_for_selector("html[data-inspected='ua-dolyna']", state="attached")
    assert pg.get_attribute("html", "data-visible-ties") == str(len(signed))
    countries = {t["partner"]["country"] for t in ties if t["partner"]["country"] not in (None, "ua")}
    picked = sorted(countries)[0]
    _open(pg, server + f"/?lang=en&focus=ua-dolyna&country={picked}")
    pg.wait_for_selector("html[data-inspected='ua-dolyna']", state="attached")
    assert pg.get_attribute("html", "data-visible-ties") == str(sum(t["partner"]["country"] == picked for t in ties))
    kinds = {t["partner"]["kind"] for t in ties}
    kind = sorted(kinds)[0]
    _open(pg, server + f"/?lang=en&focus=ua-dolyna&kind={kind}")
    pg.wait_for_selector("html[data-inspected='ua-dolyna']", state="attached")
    assert pg.get_attribute("html", "data-visible-ties") == str(sum(t["partner"]["kind"] == kind for t in ties))
    _open(pg, server + "/?lang=en&focus=ua-dolyna&flag=no-such-flag")  # a flag none of its ties carries
    pg.wait_for_selector("html[data-inspected='ua-dolyna']", state="attached")
    assert pg.get_attribute("html", "data-visible-ties") == "0"


# --- the map tab, the filters, the view in the URL -----------------------------------------------------------------

def _expected_map(data: dict[str, Any], countries: set[str] = frozenset(), statuses: set[str] = frozenset(),
                  until: int | None = None, undated: bool = True) -> tuple[int, int]:
    """Actors and ties the map must show under these filters (the page's rule, written out for the test): a tie
    passes by time and status; with countries picked, a tie passes when one end is in them, and both its ends
    are shown (the Ukrainian side stays)."""
    info = {n["id"]: n for n in data["nodes"]}

    def passes(t: dict[str, Any]) -> bool:
        if t["year"] is None and not undated:
            return False
        if until is not None and t["year"] is not None and t["year"] > until:
            return False
        return not statuses or (t["status"] or "unknown") in statuses

    ties = [t for t in data["ties"] if passes(t)]
    if countries:
        ties = [t for t in ties if info[t["from"]]["country"] in countries or info[t["to"]]["country"] in countries]
        shown = {n for n in info if info[n]["country"] in countries}
    else:
        shown = set(info)
    shown |= {t["from"] for t in ties} | {t["to"] for t in ties}
    return len(shown), len(ties)


def test_map_data_places_actors_and_dates_ties_by_the_cli_rule(server: str) -> None:
    from analysis.select import date_of

    _, data, _ = _get(server + "/api/map")
    ids = {n["id"] for n in data["nodes"]}
    assert {"ua-zhytomyr", "de-kassel", HOSTILE_ID} <= ids
    assert all(isinstance(n["lat"], float | int) and isinstance(n["lon"], float | int) for n in data["nodes"])
    assert all(t["from"] in ids and t["to"] in ids for t in data["ties"])
    assert data["unplaced"] > 0  # partners without coordinates are counted, not drawn
    kassel = [t for t in data["ties"] if {t["from"], t["to"]} == {"ua-zhytomyr", "de-kassel"}]
    assert {(t["kind"], t["status"], t["year"]) for t in kassel} >= {("twinning", "planned", 2027)}
    # the date and year are the CLI's: date_of of the agreement the tie comes from
    _, ent, _ = _get(server + "/api/entity/agr-zhytomyr-kassel-twinning-planned")
    if "node" in ent:
        assert date_of(ent["properties"]) in {t["date"] for t in kassel}
    assert all(t["year"] is None or str(t["year"]) == t["date"][:4] for t in data["ties"])
    assert all(isinstance(t["flags"], list) for t in data["ties"])
    _, meta, _ = _get(server + "/api/meta")
    assert meta["first_year"] <= 2023 <= meta["last_year"]
    _, countries, _ = _get(server + "/api/countries")
    assert countries["pl"] == {"name_en": "Poland", "name_uk": "Польща"}


def _map_drawn(pg: Any) -> dict[str, int] | None:
    return pg.evaluate("""() => {
      const c = document.querySelector('#map canvas'); const ctx = c.getContext('2d');
      const px = ctx.getImageData(0, 0, c.width, c.height).data; let land = 0, tie = 0;
      for (let i = 0; i < px.length; i += 4 * 5) {
        const [r, g, b] = [px[i], px[i + 1], px[i + 2]];
        if (r === 0xf4 && g === 0xf1 && b === 0xea) land++;
        if (r > 150 && g < 120 && b < 120) tie++;
      }
      return {land: land, tie: tie, labels: Number(document.getElementById('map').dataset.labels || 0)};
    }""")


def test_page_map_filters_and_url_round_trip(server: str, page: Any) -> None:
    pg, _ = page
    _, data, _ = _get(server + "/api/map")
    _open(pg, server + "/?lang=en&tab=map")
    pg.wait_for_selector("html[data-map-drawn='true']", state="attached")
    assert pg.is_visible("#map") and not pg.is_visible("#network")
    drawn = _map_drawn(pg)
    assert drawn and drawn["land"] > 1000 and drawn["tie"] > 0 and drawn["labels"] > 3, drawn
    n, k = _expected_map(data)
    assert (pg.get_attribute("html", "data-map-nodes"), pg.get_attribute("html", "data-map-ties")) == (str(n), str(k))
    # a partner country by its name in the UI language; the Ukrainian side of its ties stays
    options = pg.locator("#f-country option")
    assert "Germany" in options.all_text_contents()
    pg.select_option("#f-country", "de")
    n, k = _expected_map(data, countries={"de"})
    assert 0 < k and pg.get_attribute("html", "data-map-ties") == str(k)
    assert pg.get_attribute("html", "data-map-nodes") == str(n)
    assert "ua-zhytomyr" in pg.evaluate("() => mapNodes.get({filter: (x) => !x.hidden}).map((x) => x.id)")
    pg.check("#f-status input[value='planned']")
    n, k = _expected_map(data, countries={"de"}, statuses={"planned"})
    assert pg.get_attribute("html", "data-map-ties") == str(k)
    pg.select_option("#f-colour", "country")
    url = pg.url
    assert "tab=map" in url and "country=de" in url and "status=planned" in url and "colour=country" in url
    # the URL holds the view: opening it again gives the same map and the same filter panel
    _open(pg, url)
    pg.wait_for_selector("html[data-map-drawn='true']", state="attached")
    assert pg.get_attribute("html", "data-map-ties") == str(k) and pg.get_attribute("html", "data-map-nodes") == str(n)
    assert pg.is_checked("#f-status input[value='planned']") and pg.input_value("#f-colour") == "country"
    assert pg.evaluate("() => [...document.querySelector('#f-country').selectedOptions].map((o) => o.value)") == ["de"]
    # the time slider applies to the map too
    _open(pg, server + "/?lang=uk&tab=map&until=2010&undated=0")
    pg.wait_for_selector("html[data-map-drawn='true']", state="attached")
    n, k = _expected_map(data, until=2010, undated=False)
    assert pg.get_attribute("html", "data-map-ties") == str(k)
    assert "Німеччина" in pg.locator("#f-country option").all_text_contents()


def test_page_tie_click_shows_agreement_and_quotes_and_report_link(server: str, page: Any) -> None:
    pg, _ = page
    _open(pg, server + "/?lang=en&focus=ua-zhytomyr")
    pg.wait_for_selector("html[data-inspected='ua-zhytomyr']", state="attached")
    pg.wait_for_selector("html[data-stable='true']", state="attached")
    # click the middle of the Zhytomyr–Kassel line
    mid = pg.evaluate("""() => { const p = network.getPositions(['ua-zhytomyr', 'de-kassel']);
      const [a, b] = [p['ua-zhytomyr'], p['de-kassel']];
      return network.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2}); }""")
    edge = pg.evaluate(f"() => network.getEdgeAt({json.dumps(mid)})")
    box = pg.locator("#network canvas").bounding_box()
    if edge == "de-kassel|ua-zhytomyr" and 0 < mid["x"] < box["width"] and 0 < mid["y"] < box["height"]:
        pg.mouse.click(box["x"] + mid["x"], box["y"] + mid["y"])
    else:  # the line is drawn under another: the same handler, called as the click would
        pg.evaluate("() => inspectTie('ua-zhytomyr', 'de-kassel')")
    pg.wait_for_selector("html[data-tie='ua-zhytomyr|de-kassel']", state="attached")
    assert pg.is_visible("#tie-panel")
    text = pg.text_content("#tie-list") or ""
    assert "twinning, planned, 2027" in text and "Agreement:" in text
    assert pg.locator("#tie-list blockquote").count() >= 1
    href = pg.get_attribute("#report-links a >> nth=0", "href")
    assert href == "/report/ua-zhytomyr?kind=brief&lang=en"
    with urllib.request.urlopen(server + href, timeout=120) as r:
        body = r.read().decode()
        assert r.status == 200 and "Zhytomyr" in body and "<html" in body


def test_report_route_refuses_unknown_entities(server: str) -> None:
    try:
        urllib.request.urlopen(server + "/report/no-such-id?kind=brief", timeout=60)
        raise AssertionError("expected 400")
    except urllib.error.HTTPError as e:
        assert e.code == 400 and e.read().decode().startswith("Error: no entity with id 'no-such-id'")


def test_page_cypher_console_table_and_graph(server: str, page: Any) -> None:
    pg, log = page
    _open(pg, server + "/?lang=en&tab=console")
    assert pg.is_visible("#cypher") and not pg.is_visible("#network")
    pg.fill("#cypher", "MATCH (a:Entity {id: 'ua-dolyna'})-[r]-(b:Entity) RETURN a.id, type(r), b.id, b.name_en")
    pg.click("#cypher-run")
    pg.wait_for_selector("html[data-cypher]:not([data-cypher='error'])", state="attached")
    rows = int(pg.get_attribute("html", "data-cypher") or 0)
    assert rows > 3 and pg.locator("#cypher-table tbody tr").count() == rows
    assert int(pg.get_attribute("html", "data-cypher-nodes") or 0) > 3  # ids in the rows become the graph
    assert pg.locator("#cypher-graph canvas").count() == 1
    # the hostile name is a table cell's text
    pg.fill("#cypher", f"MATCH (n:Entity {{id: '{HOSTILE_ID}'}}) RETURN n.name_en, n.name_uk")
    pg.click("#cypher-run")
    pg.wait_for_selector("#cypher-table tbody td", state="attached")
    pg.wait_for_selector(f"#cypher-table tbody td >> text={HOSTILE}", state="attached")
    assert pg.locator("#cypher-table img, #cypher-table script").count() == 0
    # writes are refused, by the store's read access mode
    pg.fill("#cypher", "CREATE (n:Entity {id: 'x-console'}) RETURN n")
    pg.click("#cypher-run")
    pg.wait_for_selector("html[data-cypher='error']", state="attached")
    assert "read-only" in (pg.text_content("#cypher-status") or "")
    assert "tab=console" in pg.url
    # the refused write was a 400 answer, which Chromium logs; it is the only one
    assert log["errors"] == ["Failed to load resource: the server responded with a status of 400 (Bad Request)"]
    log["errors"].clear()


@pytest.mark.parametrize(("statement", "said"), [
    ("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", "LOAD CSV reaches outside the graph"),
    ("CALL apoc.help('x')", "CALL apoc reaches outside the graph"),
    ("CALL dbms.listConfig()", "CALL dbms reaches outside the graph"),
    ("MATCH (n:Entity {id: 'ua-dolyna'}) SET n.name_en = 'x' RETURN n", "this query writes (SET)"),
    ("MERGE (n:Entity {id: 'x-merged'}) RETURN n", "this query writes (MERGE)"),
    ("MATCH (n:Entity {id: 'ua-dolyna'}) DETACH DELETE n", "this query writes (DELETE)"),
])
def test_cypher_console_refuses_as_partners_cypher_does(server: str, statement: str, said: str) -> None:
    """graph/safety.py's check, before the store sees the statement: one clear line, no CLI-only hint."""
    status, data = _post(server + "/api/cypher", {"cypher": statement})
    assert status == 400 and data["error"].startswith(said), data
    assert "the console only reads" in data["error"] and "add --write" not in data["error"]
    _, data = _post(server + "/api/cypher", {"cypher": "MATCH (n:Entity) WHERE n.id IN ['x-merged', 'ua-dolyna'] "
                                                       "RETURN n.id, n.name_en"})
    assert data["rows"] == [["ua-dolyna", "Dolyna"]]


def test_cypher_console_times_out(server: str) -> None:
    """The fixture starts the server with --cypher-timeout 1: a long statement is stopped, with a clear line."""
    t0 = time.monotonic()
    status, data = _post(server + "/api/cypher", {"cypher": "MATCH (a), (b), (c) WHERE a.id < b.id AND b.id < c.id "
                                                            "RETURN count(*)"})
    assert status == 400 and data["error"].startswith("the query ran longer than 1 s and was stopped"), data
    assert "--cypher-timeout" in data["error"] and time.monotonic() - t0 < 20
    status, data = _post(server + "/api/cypher", {"cypher": "RETURN 1"})  # the store's own time-out is back
    assert status == 200 and data["rows"] == [[1]]


def test_cypher_row_limit(server: str) -> None:
    status, data = _post(server + "/api/cypher", {"cypher": "UNWIND range(1, 1500) AS i RETURN i"})
    assert status == 200 and len(data["rows"]) == 1000 and data["truncated"] is True


def test_save_as_file_is_the_same_view_offline(server: str, page: Any, tmp_path: Path) -> None:
    pg, _ = page
    _open(pg, server + "/?lang=uk&focus=ua-zhytomyr&depth=2&kind=City,Community&until=2026")
    pg.wait_for_selector("html[data-inspected='ua-zhytomyr']", state="attached")
    assert "depth=2" in pg.url and "kind=City%2CCommunity" in pg.url
    with pg.expect_download() as info:
        pg.click("#save-file")
    saved = tmp_path / "view.html"
    info.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert '<html lang="uk">' in text and "partnerships around Zhytomyr (2 steps)" in text
    assert 'id="partners-snapshot"' in text and 'src="/' not in text and 'href="/' not in text
    counted = ("nodes", "visible-nodes", "visible-edges", "visible-ties")
    live = {k: pg.get_attribute("html", f"data-{k}") for k in counted}

    view = pg.context.new_page()  # offline: it asks nothing of the server, nor of anyone else
    asked: list[str] = []
    errors: list[str] = []
    view.on("request", lambda r: asked.append(r.url))
    view.on("pageerror", lambda e: errors.append(str(e)))
    view.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    view.goto(saved.resolve().as_uri())
    view.wait_for_selector("html[data-ready='true'][data-offline='true']", state="attached")
    # the same page on the same view: focus, depth, filters, time, the same counts; the server's tabs hidden
    assert view.get_attribute("html", "data-inspected") == "ua-zhytomyr"
    assert {k: view.get_attribute("html", f"data-{k}") for k in live} == live
    assert view.text_content("#tab-map") == "Карта" and view.is_hidden("#tab-console") and view.is_hidden("#save-file")
    assert view.locator("#f-kind input:checked").count() == 2 and view.input_value("#until") == "2026"
    view.fill("#search", "Долина")  # search, inspect, and the map, from the file alone
    view.wait_for_selector("html[data-inspected='ua-dolyna']", state="attached")
    assert view.locator("#ties tbody tr").count() >= 4 and view.locator("#sources li blockquote").count() >= 1
    view.click("#tab-map")
    view.wait_for_selector("html[data-map-drawn='true']", state="attached")
    assert asked == [saved.resolve().as_uri()] and not errors, (asked, errors)
    view.close()
