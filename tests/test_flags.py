"""Risk and legitimacy flags on partnership ties (issue 8, item 3) and per-source citations of imported ties
(item 4): declared once in graph/schema.yaml, set from the seeds, the imported table and the graph, shown in every
output, left out of rankings and recommendations unless asked for."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from graph.errors import SeedError
from graph.flags import data_flags, derive_flags, flag_names
from graph.model import Citation, GraphData, merge_graphs
from graph.reader import read_graph
from graph.stores import Store
from graph.writer import write_graph
from loaders.partnerships_tsv import read_partnerships_tsv
from loaders.seeds import read_seeds
from queries.library import run_named
from tests.test_import import HEADER

KUTAISI = ("Lviv\tLviv Oblast\tKutaisi\tGeorgia\ttwinning\t\thttps://golossokal.com.ua/brno\t4\t"
           "A:wikipedia-en-lists(via Hekman/twincities)|B:sistercity.info(via pnadelofficial/sis-cities)|D:web-page\t"
           "https://en.wikipedia.org/wiki/List_of_twin_towns_and_sister_cities_in_Georgia_(country) | "
           "https://en.wikipedia.org/wiki/List_of_twin_towns_and_sister_cities_in_Ukraine | "
           "https://github.com/pnadelofficial/sis-cities/blob/7143b56/sister_cities.csv | "
           "https://golossokal.com.ua/en/vlada/brno-stalo-mistom-pobratymom-lvova.html\t"
           "twinning\t\tLviv\tKutaisi\tm\tstated\t\t"
           "listed on en.wikipedia List of twin towns and sister cities in Georgia (country) || "
           "listed on en.wikipedia List of twin towns and sister cities in Ukraine || "
           "sister city listed by en.sistercity.info (scraped) || listed among Lviv's 29 twin cities")
RU_FLAG = "partner in Russia/Belarus: many such ties were suspended/terminated after 2014/2022"
GROZNY = ("Lviv\tLviv Oblast\tGrozny\tRussia\ttwinning\t\thttps://github.com/pnadelofficial/sis-cities/x.csv\t1\t"
          "B:sistercity.info(via pnadelofficial/sis-cities)\thttps://github.com/pnadelofficial/sis-cities/x.csv\t"
          f"twinning\t\tLviv\tGrozny\tm\tstated\t{RU_FLAG}\tsister city listed by en.sistercity.info (scraped)")
PETERSBURG = GROZNY.replace("Grozny", "Saint Petersburg")
MINSK = ("Lviv\tLviv Oblast\tMinsk\tBelarus\tcooperation\t2019\thttps://x.example/m\t1\tD:web-page\t"
         f"https://x.example/m\tcooperation\t2019\tLviv\tMinsk\tm\tstated\t{RU_FLAG}\tcooperation agreement signed")
KRAKOW = ("Lviv\tLviv Oblast\tKraków\tPoland\ttwinning\t1995\thttps://x.example/k\t1\tD:web-page\t"
          "https://x.example/k\ttwinning\t1995\tLviv\tKraków\tm\tstated\t\tKraków is a twin city of Lviv")
ROWS = (KUTAISI, GROZNY, PETERSBURG, MINSK, KRAKOW)


def _tsv(tmp_path: Path, *rows: str) -> Path:
    p = tmp_path / "pairs.tsv"
    p.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return p


@pytest.fixture
def lviv_graph(seed_graph: GraphData, tmp_path: Path) -> GraphData:
    return merge_graphs(seed_graph, read_partnerships_tsv(_tsv(tmp_path, *ROWS), seed_graph))


@pytest.fixture
def lviv_store(store: Store, lviv_graph: GraphData) -> Store:
    write_graph(store, lviv_graph, reset=True)
    return store


# ---- the vocabulary, declared once ----------------------------------------------------------------------------

def test_the_vocabulary_is_declared_once_and_every_output_knows_it() -> None:
    from graph.schema import load_schema
    from reports.entity import FLAG_WORDS

    names = flag_names()
    assert names == ("russia_belarus", "occupied", "announced", "ended")
    assert set(FLAG_WORDS) == set(names)  # the report has words for exactly these
    schema = load_schema()
    assert schema.kinds["Agreement"].fields["flags"].values == names
    assert schema.relations["COOPERATES_WITH"].fields["flags"].values == names


def test_data_flags_read_the_tables_phrases() -> None:
    assert data_flags(RU_FLAG) == ["russia_belarus"]
    assert data_flags(f"{RU_FLAG}; Ukrainian place under Russian occupation since 2014") == ["russia_belarus",
                                                                                              "occupied"]
    assert data_flags("multilateral agreement") == [] and data_flags("") == []


def test_seeds_validate_flags(tmp_path: Path) -> None:
    base = Path(__file__).resolve().parents[1] / "seeds"
    doc = tmp_path / "x.yaml"

    def seeds(flags: str) -> str:
        return ("entities:\n"
                "  - id: agr-kyiv-berlin-test\n    kind: Agreement\n    name: {en: Test}\n"
                "    agreement_kind: twinning\n    status: signed\n    parties: [ua-kyiv, de]\n"
                f"    flags: {flags}\n    source: src-reference\n    quote: test\n")
    doc.write_text(seeds("[ended, bogus]"), encoding="utf-8")
    with pytest.raises(SeedError) as err:
        read_seeds([base, doc], check_quotes=False)
    assert [(Path(p.file).name, p.line) for p in err.value.problems if "'bogus' is not allowed" in p.message] == \
        [("x.yaml", 8)]
    doc.write_text(seeds("[ended]"), encoding="utf-8")
    graph = read_seeds([base, doc], check_quotes=False)
    assert graph.nodes["agr-kyiv-berlin-test"].props["flags"] == ["ended"]


# ---- set from the data and derived from the graph ---------------------------------------------------------------

def test_imported_ties_carry_the_tables_flags_and_the_graphs(lviv_graph: GraphData) -> None:
    g = derive_flags(lviv_graph)
    assert g.nodes["agr-data-ua-lviv-ru-grozny"].props["flags"] == ["russia_belarus"]
    assert g.nodes["agr-data-ua-lviv-ru-grozny"].props["note"].startswith("partner in Russia/Belarus")
    assert "flags" not in g.nodes["agr-data-ua-lviv-ge-kutaisi"].props
    minsk = next(e for e in g.edges if e.type == "COOPERATES_WITH" and e.target == "by-minsk")
    assert minsk.props["flags"] == ["russia_belarus"]
    # derived from the graph alone: a planned agreement of the seeds is announced, not signed
    assert g.nodes["agr-zhytomyr-kassel-twinning-planned"].props["flags"] == ["announced"]
    planned = [n for n in g.nodes.values() if n.kind == "Agreement" and n.props.get("status") == "planned"]
    assert planned and all("announced" in n.props["flags"] for n in planned)


def test_a_party_in_russia_is_flagged_even_without_the_tables_word(seed_graph: GraphData, tmp_path: Path) -> None:
    quiet = GROZNY.replace(RU_FLAG, "")
    g = derive_flags(merge_graphs(seed_graph, read_partnerships_tsv(_tsv(tmp_path, quiet), seed_graph)))
    assert g.nodes["agr-data-ua-lviv-ru-grozny"].props["flags"] == ["russia_belarus"]


# ---- item 4: each source with its own evidence ----------------------------------------------------------------

def test_each_source_cites_its_own_evidence(lviv_graph: GraphData) -> None:
    assert lviv_graph.nodes["agr-data-ua-lviv-ge-kutaisi"].citations == [
        Citation("src-data-wikipedia-twin-lists",
                 "listed on en.wikipedia List of twin towns and sister cities in Georgia (country)"),
        Citation("src-data-wikipedia-twin-lists",
                 "listed on en.wikipedia List of twin towns and sister cities in Ukraine"),
        Citation("src-data-sistercity-info", "sister city listed by en.sistercity.info (scraped)"),
        Citation("src-data-council-pages", "listed among Lviv's 29 twin cities"),
    ]


def test_readers_never_pair_a_quote_with_another_source(store: Store) -> None:
    from reports.footnotes import citations_of

    shifted = {"source_ids": ["src-a", "src-b"], "quotes": ["a1", "a2", "b1"]}
    assert citations_of(shifted) == [Citation("src-a", ""), Citation("src-b", "")]
    assert citations_of({"source_ids": ["src-a", "src-b"], "quotes": ["a1", "b1"]}) == [
        Citation("src-a", "a1"), Citation("src-b", "b1")]


# ---- shown, and left out of rankings, on both stores ------------------------------------------------------------

def _rows(result: Any) -> list[dict[str, Any]]:
    return [dict(zip(result.columns, r, strict=True)) for r in result.rows]


def test_partners_of_and_show_carry_the_flag(lviv_store: Store) -> None:
    from graph.profile import build_profile

    rows = {r["partner"]: r for r in _rows(run_named(lviv_store, "partners-of", {"name": "ua-lviv"}))}
    assert rows["ru-grozny"]["flags"] == ["russia_belarus"]
    assert rows["ru-saint-petersburg"]["flags"] == ["russia_belarus"]
    assert rows["by-minsk"]["flags"] == ["russia_belarus"]
    assert rows["ge-kutaisi"]["flags"] is None and rows["pl-krakow"]["flags"] is None
    profile = build_profile(lviv_store, "ua-lviv")
    partners = profile.sections["Partners"]
    assert "flags" in partners.columns
    assert ["russia_belarus"] in [r[partners.columns.index("flags")] for r in partners.rows]
    stored = read_graph(lviv_store)  # the stored record keeps each source with its own words
    assert Citation("src-data-council-pages", "listed among Lviv's 29 twin cities") in \
        stored.nodes["agr-data-ua-lviv-ge-kutaisi"].citations


def test_top_foreign_partners_leaves_flagged_ties_out_unless_asked(lviv_store: Store) -> None:
    default = {r["partner"] for r in _rows(run_named(lviv_store, "top-foreign-partners", {}))}
    assert {"ge-kutaisi", "pl-krakow"} <= default
    assert not {"ru-grozny", "ru-saint-petersburg", "by-minsk", "de-dortmund"} & default
    everything = {r["partner"] for r in _rows(run_named(lviv_store, "top-foreign-partners",
                                                        {"include_flagged": "yes"}))}
    assert {"ru-grozny", "ru-saint-petersburg", "by-minsk", "de-dortmund"} <= everything


def test_analyse_and_recommendations_leave_flagged_ties_out(lviv_store: Store) -> None:
    from analysis.report_data import analyse_store

    report = analyse_store(lviv_store, "ua-lviv", top=10)
    assert report["selection"]["include_flagged"] is False
    assert report["focus"]["partners"] == 2  # Kutaisi and Kraków; not Grozny, Saint Petersburg, Minsk
    recs = {r["candidate"] for r in report["focus"]["recommendations"]}
    assert not {c for c in recs if c.startswith(("ru-", "by-"))}
    flagged = analyse_store(lviv_store, "ua-lviv", top=10, include_flagged=True)
    assert flagged["focus"]["partners"] == 5


def test_lvivs_report_marks_the_russian_twins(lviv_store: Store) -> None:
    from reports import build_report, render

    for lang, word in (("en", "partner in Russia or Belarus"), ("uk", "партнер у росії чи білорусі")):
        md = render(build_report(lviv_store, "ua-lviv", lang), "md")
        for city in ("Grozny", "Saint Petersburg"):
            row = next(line for line in md.splitlines() if line.startswith(f"| {city} |"))
            assert f"⚠ {word}" in row, row  # not a plain "twinning" row
        kraków = next(line for line in md.splitlines() if line.startswith("| Kraków |"))
        assert "⚠" not in kraków
    brief = render(build_report(lviv_store, "ua-lviv", "en", brief=True), "md")
    assert "| Flag |" in brief and "partner in Russia or Belarus" in brief
    overview = render(build_report(lviv_store, None, "en"), "md")
    largest = overview.split("## Largest foreign partners")[1].split("\n## ")[0]
    assert "Grozny" not in largest and "Kutaisi" in largest
    assert "Grozny" in render(build_report(lviv_store, None, "en", include_flagged=True), "md").split(
        "## Largest foreign partners")[1].split("\n## ")[0]


def test_the_browser_view_has_a_badge_and_a_filter(lviv_store: Store, tmp_path: Path) -> None:
    from viz.network import FLAG_BADGE, write_view

    out = tmp_path / "lviv.html"
    write_view(lviv_store, out, focus="ua-lviv", depth=2, projection=True)
    page = out.read_text(encoding="utf-8")
    raw = re.search(r'<script id="partners-snapshot" type="application/json">(.*?)</script>', page, re.S)
    assert raw is not None
    data = json.loads(raw.group(1))
    assert "russia_belarus" in data["meta"]["flags"]  # the flag filter's boxes
    assert data["styles"]["flagBadge"] == FLAG_BADGE  # drawn on a flagged tie's line
    lines = data["neighbourhood"]["partners"]["ua-lviv"]["edges"]
    grozny = next(e for e in lines if "ru-grozny" in (e["from"], e["to"]))
    assert grozny["flags"] == ["russia_belarus"]
    kutaisi = next(e for e in lines if "ge-kutaisi" in (e["from"], e["to"]))
    assert kutaisi["flags"] == []
    assert 'id="f-flag"' in page


def test_cli_options(run: Any) -> None:
    for command in ("analyse", "report"):
        assert "--include-flagged" in run(command, "--help").output


# ---- item 4: relations made from fields carry their own words ---------------------------------------------------

def _edge(graph: GraphData, rtype: str, src: str, dst: str) -> Any:
    found = [e for e in graph.edges if (e.type, e.source, e.target) == (rtype, src, dst)]
    assert len(found) == 1, (rtype, src, dst, found)
    return found[0]


# The audit's findings E-16…E-21, E-24, E-25 and D-15: the relation, and words its own quote must contain.
OWN_QUOTES = [
    ("FUNDS", "org-eu", "proj-innovative-approaches-idp-integration-poltava", "за підтримки Європейського союзу"),
    ("FUNDS", "org-irf", "proj-innovative-approaches-idp-integration-poltava", "Міжнародного Фонду «Відродження»"),
    ("PARTICIPATES_IN", "org-civil-society-development-forum", "proj-innovative-approaches-idp-integration-poltava",
     "Форум розвитку громадянського суспільства"),
    ("PARTICIPATES_IN", "org-poltava-oblast-association-of-local-self-government-bodies",
     "proj-innovative-approaches-idp-integration-poltava", "в партнерстві з асоціацією"),
    ("PARTICIPATES_IN", "org-civil-society-development-forum", "proj-digital-transformation-participation-poltava",
     "Ініційований громадською організацією"),
    ("FUNDS", "org-irf", "proj-digital-transformation-participation-poltava", "Міжнародного фонду «Відродження»"),
    ("FUNDS", "org-irf", "proj-idps-integrate-into-poltava-communities", 'Міжнародний фонд "Відродження"'),
    ("FUNDS", "org-eu", "proj-poltava-eu4recovery-application-2024", "фінансової підтримки Європейського Союзу"),
    ("FUNDS", "prog-polish-aid", "proj-poltava-jagiellonian-application-2024", "Польська допомога"),
    ("FUNDS", "org-eu", "prog-european-renaissance-of-ukraine", "за підтримки Європейського союзу"),
    ("FUNDS", "org-irf", "prog-european-renaissance-of-ukraine", "Міжнародного Фонду «Відродження»"),
    ("PARTICIPATES_IN", "org-zhytomyr-oblast-regional-office-international-cooperation",
     "proj-malyn-irsha-bridge-repair", "за участі Регіонального офісу"),
    ("PARTICIPATES_IN", "org-jazz-teen-band", "evt-2025-jazz-teen-band-zhytomyr-city-day", "Jazz Teen Band"),
    ("PART_OF", "evt-2025-giz-energy-management-training", "proj-giz-energy-efficiency-directive-ukraine",
     "Просування енергоефективності"),
    ("PARTICIPATES_IN", "org-giz", "evt-2025-giz-s21-visit-zhytomyr", "(GIZ)"),
    ("PART_OF", "evt-2025-giz-s21-visit-zhytomyr", "proj-giz-s21-energy-efficiency-fund-support", "(S21)"),
    ("ORGANISED", "ua-sumy", "evt-2025-repower-talk", "яку організувала Сумська"),
    ("ORGANISED", "org-bsssc", "evt-2024-bsssc-annual-conference", "Щорічна конференція BSSSC"),
    ("ORGANISED", "org-ekoclub", "evt-2025-com-east-ekoclub-study-visit-zhytomyr", "ГО «Екоклуб» організовано візит"),
]


@pytest.mark.parametrize(("rtype", "src", "dst", "words"), OWN_QUOTES)
def test_field_relations_cite_the_words_that_state_them(seed_graph: GraphData, rtype: str, src: str, dst: str,
                                                        words: str) -> None:
    edge = _edge(seed_graph, rtype, src, dst)
    assert edge.citations and all(words in c.quote for c in edge.citations), edge.citations


def test_inferred_roles_and_dates_are_uncertain(seed_graph: GraphData) -> None:
    for rtype, src, dst in [  # D-15: inferred roles
            ("PARTICIPATES_IN", "org-civil-society-development-forum",
             "proj-innovative-approaches-idp-integration-poltava"),
            ("PARTICIPATES_IN", "org-resilience-orthopedics", "proj-improving-care-for-amputees-ukraine"),
            ("ORGANISED", "org-ekoclub", "evt-2025-com-east-ekoclub-study-visit-zhytomyr")]:
        assert _edge(seed_graph, rtype, src, dst).props.get("uncertain") is True
    # D-12: day and month without a year; the year is the report's
    for ident in ("agr-zhytomyr-kassel-2025", "evt-2025-cor-brussels-solidarity-partnership-signing",
                  "evt-2025-mykolaiv-delegation-study-visit-zhytomyr"):
        assert seed_graph.nodes[ident].props.get("uncertain") is True
    # ... and the relations built on them inherit it
    assert _edge(seed_graph, "PARTY_TO", "de-kassel", "agr-zhytomyr-kassel-2025").props.get("uncertain") is True
    # D-13: figures whose year is inferred
    figures = {n.props["metric"]: n for n in seed_graph.nodes.values() if n.kind == "Figure"
               and n.props.get("metric") in ("recovery-and-development-projects-in-portfolio",
                                              "funds-attracted-through-international-programmes")}
    assert len(figures) == 2 and all(f.props.get("uncertain") is True for f in figures.values())
    # a relation stated plainly on an uncertain entity may say so (E-20: the application is uncertain, its funder not)
    assert seed_graph.nodes["proj-poltava-jagiellonian-application-2024"].props["uncertain"] is True
    assert "uncertain" not in _edge(seed_graph, "FUNDS", "prog-polish-aid",
                                    "proj-poltava-jagiellonian-application-2024").props


def test_reference_items_are_validated(tmp_path: Path) -> None:
    base = Path(__file__).resolve().parents[1] / "seeds"
    doc = tmp_path / "x.yaml"
    doc.write_text("entities:\n"
                   "  - id: proj-test\n    kind: Project\n    name: {en: Test}\n"
                   "    funders:\n"
                   "      - {id: org-eu, quote: EU money, colour: blue}\n"
                   "      - {quote: no id}\n"
                   "      - {id: org-nowhere, quote: x}\n"
                   "    uncertain: true\n    source: src-reference\n    quote: test\n", encoding="utf-8")
    with pytest.raises(SeedError) as err:
        read_seeds([base, doc], check_quotes=False)
    mine = sorted((p.line, p.message) for p in err.value.problems if Path(p.file).name == "x.yaml")
    assert [line for line, _ in mine] == [6, 7, 7, 8], mine
    assert "unknown field 'colour'" in mine[0][1] and "needs `id:`" in mine[1][1] + mine[2][1]
    assert "no entity with id 'org-nowhere'" in mine[3][1]
    doc.write_text("entities:\n"
                   "  - id: proj-test\n    kind: Project\n    name: {en: Test}\n"
                   "    funders: [{id: org-eu, quote: EU money}, org-undp]\n"
                   "    uncertain: true\n    source: src-reference\n    quote: test\n", encoding="utf-8")
    graph = read_seeds([base, doc], check_quotes=False)
    eu, undp = _edge(graph, "FUNDS", "org-eu", "proj-test"), _edge(graph, "FUNDS", "org-undp", "proj-test")
    assert eu.citations == [Citation("src-reference", "EU money")] and undp.citations == [Citation("src-reference",
                                                                                                    "test")]
    assert eu.props["uncertain"] is True and undp.props["uncertain"] is True  # inherited from the project
