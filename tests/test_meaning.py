"""The meaning of the graph, pinned (issue 8, item 7): who the partners of four places are, on both stores.

The exact partner lists of Zhytomyr Oblast, Poltava Oblast, Zhytomyr and Dolyna as ``partners-of`` gives them
(partner, kind, status, date), each checked against its document; ``show``, ``report`` and ``analyse --focus``
agree with them; a body answers as the place it acts for; a country is never a partner and tops no ranking.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from graph.model import GraphData
from graph.stores import Store
from queries.library import run_named

COUNTRY_LEVEL = "cooperation with the country"
ACTOR_KINDS = {"City", "Community", "Region", "Organisation", "Country"}

# (partner, kind, status, date, flags) — as the documents state them; see seeds/documents/ and the seed audit. The
# flags are the tie's risk and legitimacy flags (graph/schema.yaml flags:): a planned agreement or cooperation is
# announced; none of the four places has a partner in Russia or Belarus, an occupied place or an ended tie.
NONE: tuple[str, ...] = ()
ANNOUNCED = ("announced",)
PARTNERS: dict[str, list[tuple[str, str, str | None, str | None, tuple[str, ...]]]] = {
    # 000: the OVA signs with Silesia (renewed agreement, extension declaration) and plans the Banská Bystrica
    # agreement (its Office signs for the region); the Regional Office works with UNICEF, UNDP, UNITED24;
    # Estonia and Portugal are named as countries only.
    "Zhytomyr Oblast": [
        ("ee", COUNTRY_LEVEL, "active", None, NONE),
        ("org-estdev", "cooperation", "active", None, NONE),
        ("org-undp", "cooperation", "active", None, NONE),
        ("org-unicef", "cooperation", "active", None, NONE),
        ("org-united24", "cooperation", "active", None, NONE),
        ("pl-kuyavian-pomeranian-voivodeship", "cooperation", "active", None, NONE),
        ("pl-pomeranian-voivodeship", "cooperation", "active", None, NONE),
        ("pl-silesian-voivodeship", "cooperation", "active", None, NONE),
        ("pl-silesian-voivodeship", "cooperation agreement", "renewed", "2023", NONE),
        ("pl-silesian-voivodeship", "declaration", "signed", "2023", NONE),
        ("pt", COUNTRY_LEVEL, "active", None, NONE),
        ("sk-banska-bystrica-region", "cooperation agreement", "planned", None, ANNOUNCED),
    ],
    # 003: everything sits on Poltava Oblast Council, which governs the oblast; "EU countries: Poland, …" are
    # countries as a whole.
    "Poltava Oblast": [
        *[(cc, COUNTRY_LEVEL, "active", None, NONE) for cc in ("be", "de", "es", "fr", "it", "lu", "pl")],
        ("org-accio", "memorandum", "in force", "2024", NONE),
        ("org-alda", "cooperation", "active", None, NONE),
        ("org-children-of-heroes-foundation", "memorandum", "in force", "2023", NONE),
        ("org-civil-society-development-forum", "memorandum", "in force", "2023", NONE),
        ("org-council-of-azerbaijanis-of-ukraine-poltava-oblast", "memorandum", "in force", "2024", NONE),
        ("org-innovative-social-solutions", "memorandum", "in force", "2023", NONE),
        ("org-insha-zhinka", "memorandum", "in force", "2024", NONE),
        ("org-lucc", "memorandum", "in force", "2023", NONE),
        ("org-premier-expo", "memorandum", "in force", "2024", NONE),
        ("org-resilience-orthopedics", "cooperation", "active", "2024-07-26", NONE),
        ("org-restart-ukraine", "memorandum", "in force", "2024", NONE),
        ("org-save-the-dnipro", "memorandum", "in force", "2023", NONE),
        ("ua-hradyzk-hromada", "memorandum", "in force", "2023", NONE),
        ("ua-reshetylivka", "memorandum", "in force", "2023", NONE),
        ("ua-zinkiv", "memorandum", "in force", "2023", NONE),
    ],
    # 002, 004 (and 000 for Construção Pública); no ministry or oblast department (reporting lines, audit B-5/B-6)
    "Zhytomyr": [
        ("de-dortmund", "cooperation", "planned", "2023", ANNOUNCED),
        ("de-dortmund", "solidarity partnership", "planned", "2023-02-09", ANNOUNCED),
        ("de-kassel", "cooperation", "active", None, NONE),
        ("de-kassel", "solidarity partnership", "signed", "2025-05-15", NONE),
        ("de-kassel", "twinning", "planned", "2027", ANNOUNCED),
        ("org-construcao-publica", "memorandum", "signed", None, NONE),
        ("org-decarbonisation-fund", "cooperation", "active", None, NONE),
        ("org-ekoclub", "cooperation", "active", None, NONE),
        ("org-embassy-of-switzerland-in-ukraine", "cooperation", "active", None, NONE),
        ("org-energy-efficiency-fund", "cooperation", "active", None, NONE),
        ("org-giz", "cooperation", "active", None, NONE),
        ("org-kfw", "cooperation", "active", None, NONE),
        ("org-seco", "cooperation", "active", None, NONE),
        ("org-state-agency-on-energy-efficiency", "cooperation", "active", None, NONE),
        ("prog-covenant-of-mayors-east", "cooperation", "active", None, NONE),
        ("ua-mena", "cooperation", "active", None, NONE),
        ("ua-mykolaiv", "cooperation", "active", None, NONE),
        ("us-utah-state", "cooperation", "planned", None, ANNOUNCED),
    ],
    # 001
    "Dolyna": [
        ("dk-guldborgsund", "cooperation", "active", "2021", NONE),
        ("fr-montigny-le-bretonneux", "cooperation", "active", "2022", NONE),
        ("lt-siauliai-district", "cooperation", "active", "2021", NONE),
        ("lt-siauliai-district", "cooperation agreement", "signed", "2022-07-12", NONE),
        ("ro-baia-sprie", "cooperation", "active", None, NONE),
        ("tr-buyukcekmece", "cooperation", "active", "2021", NONE),
        ("tr-buyukcekmece", "cooperation agreement", "signed", "2022-01-14", NONE),
        *[(p, "cooperation agreement", "signed", "2022-02-05", NONE) for p in (
            "ua-bolekhiv", "ua-broshniv-osada-hromada", "ua-kalush", "ua-perehinske-hromada",
            "ua-rozhniativ-hromada", "ua-vytvytsia-hromada")],
        ("ua-zviahel", "cooperation", "active", None, NONE),
        ("us-prairie-village", "cooperation", "renewed", "2008", NONE),
        ("us-prairie-village", "cooperation agreement", "signed", "2008", NONE),
    ],
}
IDS = {"Zhytomyr Oblast": "ua-zhytomyr-oblast", "Poltava Oblast": "ua-poltava-oblast", "Zhytomyr": "ua-zhytomyr",
       "Dolyna": "ua-dolyna"}
# a body answers as the place it acts for (graph/schema.yaml acts_for)
BODIES = {"Zhytomyr Oblast Military Administration": "Zhytomyr Oblast",
          "Regional Office of International Cooperation at the Zhytomyr Oblast Military Administration":
              "Zhytomyr Oblast",
          "Poltava Oblast Council": "Poltava Oblast"}


@pytest.fixture(scope="module")
def seeds_store(any_store: Store, seed_graph: GraphData) -> Iterator[Store]:
    """Both stores holding exactly the seeds, loaded once for this module."""
    from graph.writer import write_graph

    write_graph(any_store, seed_graph, reset=True)
    yield any_store


def partners_of(store: Store, name: str) -> list[dict[str, Any]]:
    return run_named(store, "partners-of", {"name": name}).records()


def ties(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """(partner, kind, status, date, flags) of partners-of rows, sorted."""
    return sorted(((r["partner"], r["kind"], r["status"], r["date"], tuple(sorted(r["flags"] or ()))) for r in rows),
                  key=str)


@pytest.mark.parametrize("place", list(PARTNERS))
def test_exact_partner_lists(seeds_store: Store, place: str) -> None:
    assert ties(partners_of(seeds_store, place)) == sorted(PARTNERS[place], key=str)


@pytest.mark.parametrize("body", list(BODIES))
def test_a_body_answers_as_its_place(seeds_store: Store, body: str) -> None:
    assert partners_of(seeds_store, body) == partners_of(seeds_store, BODIES[body])


def test_which_body_signed(seeds_store: Store) -> None:
    rows = partners_of(seeds_store, "Zhytomyr Oblast")
    by_via = {r["via"]: r for r in rows if r["via"]}
    assert by_via["agr-zhytomyr-oblast-silesian-voivodeship-renewed"]["body"] == \
        "Zhytomyr Oblast Military Administration"
    planned = by_via["agr-zhytomyr-oblast-banska-bystrica-region-planned"]
    assert planned["partner_body"] == "Office of the Banská Bystrica Self-Governing Region"
    assert {r["body"] for r in rows if r["partner"] == "org-unicef"} == {
        "Regional Office of International Cooperation at the Zhytomyr Oblast Military Administration"}
    assert {r["body"] for r in partners_of(seeds_store, "Poltava Oblast")} == {"Poltava Oblast Council"}


@pytest.mark.parametrize("place", list(PARTNERS))
def test_show_report_and_analyse_agree_with_partners_of(seeds_store: Store, place: str) -> None:
    from analysis.report_data import analyse_store
    from graph.profile import build_profile
    from reports.entity import EntityReport
    from reports.read import read_graph

    ident = IDS[place]
    expected = partners_of(seeds_store, place)
    # show prints partners-of
    assert build_profile(seeds_store, ident).sections["Partners"].records() == expected
    # the report's ties are the same ties (partner, kind, status, date), countries as a whole included as such
    g = read_graph(seeds_store)
    report_ties = EntityReport(g, ident).ties()
    assert sorted(((t.partner, t.kind, t.status, t.date or None, tuple(sorted(t.flags))) for t in report_ties),
                  key=str) == ties(expected)
    # analyse --focus: the same partners, countries as a whole left out (only places and organisations), and the
    # flagged ties (announced, ended, Russia/Belarus, occupied) only with --include-flagged
    kinds = {r["partner"]: r["partner_kind"] for r in expected}
    actors = [r for r in expected if r["kind"] != COUNTRY_LEVEL and kinds[r["partner"]] in ACTOR_KINDS]
    for include_flagged in (False, True):
        counted = {r["partner"] for r in actors if include_flagged or not r["flags"]}
        focus = analyse_store(seeds_store, place, top=5, include_flagged=include_flagged)["focus"]
        assert set(focus["partner_ids"]) == counted and focus["partners"] == len(counted)
        assert focus["actor"]["id"] == ident


@pytest.mark.parametrize("place", list(PARTNERS))
def test_the_four_outputs_name_the_same_partners(seeds_store: Store, place: str) -> None:
    """partners-of, show, report and analyse --focus name the same partners of each of the four places, on both
    stores: the pinned list (countries as a whole aside, which analyse never counts; analyse counts places and
    organisations only), and without --include-flagged analyse leaves out exactly the partners whose every tie is
    flagged (announced: Dortmund, Utah, Banská Bystrica)."""
    from analysis.report_data import analyse_store
    from graph.profile import build_profile
    from reports.entity import EntityReport
    from reports.read import read_graph

    ident = IDS[place]
    pinned = {p for p, kind, *_ in PARTNERS[place] if kind != COUNTRY_LEVEL}
    rows = partners_of(seeds_store, place)
    kinds = {r["partner"]: r["partner_kind"] for r in rows}
    listed = {r["partner"] for r in rows if r["kind"] != COUNTRY_LEVEL}
    shown = {r["partner"] for r in build_profile(seeds_store, ident).sections["Partners"].records()
             if r["kind"] != COUNTRY_LEVEL}
    reported = {t.partner for t in EntityReport(read_graph(seeds_store), ident).ties() if t.kind != COUNTRY_LEVEL}
    focus = set(analyse_store(seeds_store, place, top=5, include_flagged=True)["focus"]["partner_ids"])
    assert listed == shown == reported == pinned
    assert focus == {p for p in pinned if kinds[p] in ACTOR_KINDS}
    unflagged = {p for p, kind, _, _, flags in PARTNERS[place] if kind != COUNTRY_LEVEL and not flags}
    default = set(analyse_store(seeds_store, place, top=5)["focus"]["partner_ids"])
    assert default == {p for p in unflagged if kinds[p] in ACTOR_KINDS}


def test_the_report_counts_no_country(seeds_store: Store) -> None:
    from reports import build_report, render

    md = render(build_report(seeds_store, "Poltava Oblast Council"), "md")
    # before: "22 partners — 10 abroad, in 7 countries" (the seven EU countries counted as partners)
    assert "| **Partners** | 15 partners — 3 abroad, in 3 countries |" in md
    assert "Cooperation stated with countries as a whole: Belgium, France, Germany, Italy, Luxembourg, Poland, " \
           "Spain." in md
    oblast = render(build_report(seeds_store, "Poltava Oblast"), "md")
    assert "| **Partners** | 15 partners — 3 abroad, in 3 countries |" in oblast


def test_countries_top_no_ranking(seeds_store: Store, seed_graph: GraphData) -> None:
    from analysis.report_data import analyse_store
    from reports import build_report, render

    report = analyse_store(seeds_store, top=20)
    for ranking in ("weighted_degree", "pagerank", "betweenness"):
        assert not [r for r in report["top"][ranking] if r["kind"] == "Country"], ranking
    top = run_named(seeds_store, "top-foreign-partners", {}).records()
    countries = {n.id for n in seed_graph.nodes.values() if n.kind == "Country"}
    assert not {r["partner"] for r in top} & countries
    overview = render(build_report(seeds_store, None), "md")
    largest = overview.split("## Largest foreign partners", 1)[1].split("\n## ", 1)[0]
    assert "| Germany | Germany |" not in largest and "| Poland | Poland |" not in largest


@pytest.mark.parametrize("name", ["Zhytomyr Oblast", "Zhytomyr Oblast Military Administration",
                                  "Poltava Oblast Council"])
def test_the_browser_view_lists_the_same_ties(seeds_store: Store, name: str) -> None:
    from graph.names import NameIndex
    from viz.server import Explorer

    explorer = Explorer.from_store(seeds_store)
    ident = NameIndex.from_store(seeds_store).resolve(name)
    shown = sorted(((t["partner"]["id"], t["kind"], t["status"], t["date"], tuple(sorted(t["flags"] or ())))
                    for t in explorer.ties(ident)), key=str)
    expected = [t for t in ties(partners_of(seeds_store, name)) if t[1] != COUNTRY_LEVEL]
    assert shown == expected


def test_the_other_queries_answer_for_the_place_and_its_bodies(seeds_store: Store) -> None:
    """shared-partners, agreements-timeline, since and connection-paths gather the bodies that act for a place, as
    partners-of does, each tie once; a body asks as its place. Before, each answered for the node alone: Poltava
    Oblast, whose ties all sit with its council, had no shared partner, no agreement and no chain."""
    def q(query: str, **params: str) -> list[dict[str, Any]]:
        return run_named(seeds_store, query, params).records()

    # the council's memorandum with the Civil Society Development Forum, Hradyzk, Zinkiv and Reshetylivka (003)
    shared = q("shared-partners", a="Poltava Oblast", b="Zinkiv")
    assert [r["partner"] for r in shared] == ["org-civil-society-development-forum", "ua-hradyzk-hromada",
                                              "ua-reshetylivka"]
    assert q("shared-partners", a="Poltava Oblast Council", b="Zinkiv") == shared
    timeline = q("agreements-timeline", name="Poltava Oblast")
    assert [(r["year"], r["kind"], r["agreements"]) for r in timeline] == [("2023", "memorandum", 5),
                                                                           ("2024", "memorandum", 5)]
    assert q("agreements-timeline", name="Poltava Oblast Council") == timeline
    # Zhytomyr Oblast: what the OVA signed, each agreement once (the planned Banská Bystrica one is undated)
    zhytomyr = q("agreements-timeline", name="Zhytomyr Oblast")
    assert sum(r["agreements"] for r in zhytomyr) == 4
    assert "undated" in {r["year"] for r in zhytomyr}
    since = q("since", date="2023", name="Poltava Oblast")
    ids = [r["id"] for r in since]
    assert len(ids) == len(set(ids))
    assert {"agr-poltava-oblast-council-accio-2024", "org-poltava-oblast-council>MEMBER_OF>org-aer",
            "org-poltava-oblast-council>COOPERATES_WITH>org-resilience-orthopedics"} <= set(ids)
    assert q("since", date="2023", name="Poltava Oblast Council") == since
    assert len(q("since", date="2023")) > len(since)  # without a name: the whole graph
    paths = q("connection-paths", a="Poltava Oblast", b="Zhytomyr Oblast")
    assert paths and all(p["chain"][0] == "Poltava Oblast Council" for p in paths)
    # a chain leaves each side once: no step through another body of the same place
    bodies = {"Zhytomyr Oblast", "Zhytomyr Oblast Military Administration",
              "Regional Office of International Cooperation at the Zhytomyr Oblast Military Administration"}
    assert all(not set(p["chain"][1:-1]) & bodies for p in paths)
    assert q("connection-paths", a="Poltava Oblast Council", b="Zhytomyr Oblast Military Administration") == paths
