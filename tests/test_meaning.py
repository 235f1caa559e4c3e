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

# (partner, kind, status, date) — as the documents state them; see seeds/documents/ and the seed audit.
PARTNERS: dict[str, list[tuple[str, str, str | None, str | None]]] = {
    # 000: the OVA signs with Silesia (renewed agreement, extension declaration) and plans the Banská Bystrica
    # agreement (its Office signs for the region); the Regional Office works with UNICEF, UNDP, UNITED24;
    # Estonia and Portugal are named as countries only.
    "Zhytomyr Oblast": [
        ("ee", COUNTRY_LEVEL, "active", None),
        ("org-estdev", "cooperation", "active", None),
        ("org-undp", "cooperation", "active", None),
        ("org-unicef", "cooperation", "active", None),
        ("org-united24", "cooperation", "active", None),
        ("pl-kuyavian-pomeranian-voivodeship", "cooperation", "active", None),
        ("pl-pomeranian-voivodeship", "cooperation", "active", None),
        ("pl-silesian-voivodeship", "cooperation", "active", None),
        ("pl-silesian-voivodeship", "cooperation agreement", "renewed", "2023"),
        ("pl-silesian-voivodeship", "declaration", "signed", "2023"),
        ("pt", COUNTRY_LEVEL, "active", None),
        ("sk-banska-bystrica-region", "cooperation agreement", "planned", None),
    ],
    # 003: everything sits on Poltava Oblast Council, which governs the oblast; "EU countries: Poland, …" are
    # countries as a whole.
    "Poltava Oblast": [
        *[(cc, COUNTRY_LEVEL, "active", None) for cc in ("be", "de", "es", "fr", "it", "lu", "pl")],
        ("org-accio", "memorandum", "in force", "2024"),
        ("org-alda", "cooperation", "active", None),
        ("org-children-of-heroes-foundation", "memorandum", "in force", "2023"),
        ("org-civil-society-development-forum", "memorandum", "in force", "2023"),
        ("org-council-of-azerbaijanis-of-ukraine-poltava-oblast", "memorandum", "in force", "2024"),
        ("org-innovative-social-solutions", "memorandum", "in force", "2023"),
        ("org-insha-zhinka", "memorandum", "in force", "2024"),
        ("org-lucc", "memorandum", "in force", "2023"),
        ("org-premier-expo", "memorandum", "in force", "2024"),
        ("org-resilience-orthopedics", "cooperation", "active", "2024-07-26"),
        ("org-restart-ukraine", "memorandum", "in force", "2024"),
        ("org-save-the-dnipro", "memorandum", "in force", "2023"),
        ("ua-hradyzk-hromada", "memorandum", "in force", "2023"),
        ("ua-reshetylivka", "memorandum", "in force", "2023"),
        ("ua-zinkiv", "memorandum", "in force", "2023"),
    ],
    # 002, 004 (and 000 for Construção Pública); no ministry or oblast department (reporting lines, audit B-5/B-6)
    "Zhytomyr": [
        ("de-dortmund", "cooperation", "planned", "2023"),
        ("de-dortmund", "solidarity partnership", "planned", "2023-02-09"),
        ("de-kassel", "cooperation", "active", None),
        ("de-kassel", "solidarity partnership", "signed", "2025-05-15"),
        ("de-kassel", "twinning", "planned", "2027"),
        ("org-construcao-publica", "memorandum", "signed", None),
        ("org-decarbonisation-fund", "cooperation", "active", None),
        ("org-ekoclub", "cooperation", "active", None),
        ("org-embassy-of-switzerland-in-ukraine", "cooperation", "active", None),
        ("org-energy-efficiency-fund", "cooperation", "active", None),
        ("org-giz", "cooperation", "active", None),
        ("org-kfw", "cooperation", "active", None),
        ("org-seco", "cooperation", "active", None),
        ("org-state-agency-on-energy-efficiency", "cooperation", "active", None),
        ("prog-covenant-of-mayors-east", "cooperation", "active", None),
        ("ua-mena", "cooperation", "active", None),
        ("ua-mykolaiv", "cooperation", "active", None),
        ("us-utah-state", "cooperation", "planned", None),
    ],
    # 001
    "Dolyna": [
        ("dk-guldborgsund", "cooperation", "active", "2021"),
        ("fr-montigny-le-bretonneux", "cooperation", "active", "2022"),
        ("lt-siauliai-district", "cooperation", "active", "2021"),
        ("lt-siauliai-district", "cooperation agreement", "signed", "2022-07-12"),
        ("ro-baia-sprie", "cooperation", "active", None),
        ("tr-buyukcekmece", "cooperation", "active", "2021"),
        ("tr-buyukcekmece", "cooperation agreement", "signed", "2022-01-14"),
        *[(p, "cooperation agreement", "signed", "2022-02-05") for p in (
            "ua-bolekhiv", "ua-broshniv-osada-hromada", "ua-kalush", "ua-perehinske-hromada",
            "ua-rozhniativ-hromada", "ua-vytvytsia-hromada")],
        ("ua-zviahel", "cooperation", "active", None),
        ("us-prairie-village", "cooperation", "renewed", "2008"),
        ("us-prairie-village", "cooperation agreement", "signed", "2008"),
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
    return sorted(((r["partner"], r["kind"], r["status"], r["date"]) for r in rows), key=str)


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
    assert sorted(((t.partner, t.kind, t.status, t.date or None) for t in report_ties), key=str) == ties(expected)
    # analyse --focus: the same partners, countries as a whole left out (only places and organisations), and the
    # flagged ties (announced, ended, Russia/Belarus, occupied) only with --include-flagged
    kinds = {r["partner"]: r["partner_kind"] for r in expected}
    actors = [r for r in expected if r["kind"] != COUNTRY_LEVEL and kinds[r["partner"]] in ACTOR_KINDS]
    for include_flagged in (False, True):
        counted = {r["partner"] for r in actors if include_flagged or not r["flags"]}
        focus = analyse_store(seeds_store, place, top=5, include_flagged=include_flagged)["focus"]
        assert set(focus["partner_ids"]) == counted and focus["partners"] == len(counted)
        assert focus["actor"]["id"] == ident


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
    shown = sorted(((t["partner"]["id"], t["kind"], t["status"], t["date"]) for t in explorer.ties(ident)), key=str)
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
