"""The world twin-town table on top of the sourced Ukrainian pairs (issue 11, item 2): a country the row leaves out
is taken from the same pair stated elsewhere, and its Ukrainian places are the codifier's entities."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from graph.model import GraphData, merge_graphs
from loaders.partnerships_tsv import read_partnerships_tsv
from loaders.world_twinning import read_world_twinning

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
UA_HEADER = ("ua_place\tua_oblast\tpartner_place\tpartner_country\tkind\tsince_year\tsource_url\tn_sources\t"
             "source_ids\tall_source_urls\tkinds_stated\tyears_stated\tua_names_in_sources\tpartner_names_in_sources\toblast_method\t"
             "country_method\tflags\tevidence\n")
WORLD_HEADER = "city_a\tcountry_a\tcity_b\tcountry_b\twikidata_a\twikidata_b\tsource\tsource_url\tinvolves_ukraine\n"
WP = "wikipedia-en-lists(via Hekman/twincities)\thttps://x.example/w"
SC = "sistercity.info(via pnadelofficial/sis-cities)\thttps://x.example/s"
RIVNE = "ua-rivne-rivnenskyi-rivnenska-hromada"


@pytest.fixture(scope="module")
def national_seeds() -> GraphData:
    from loaders.seeds import read_seeds

    return read_seeds([ROOT / "seeds", ROOT / "reference"])


def _load(base: GraphData, tmp_path: Path, world: list[str],
          ua: list[str] | None = None) -> tuple[GraphData, Counter[str]]:
    report: Counter[str] = Counter()
    graph = base
    if ua is not None:
        (tmp_path / "ua.tsv").write_text(UA_HEADER + "\n".join(ua) + "\n", encoding="utf-8")
        graph = merge_graphs(graph, read_partnerships_tsv(tmp_path / "ua.tsv", graph, report))
    (tmp_path / "world.tsv").write_text(WORLD_HEADER + "\n".join(world) + "\n", encoding="utf-8")
    return merge_graphs(graph, read_world_twinning(tmp_path / "world.tsv", graph, report)), report


def _parties(graph: GraphData) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for e in graph.edges:
        if e.type == "PARTY_TO":
            out.setdefault(e.target, set()).add(e.source)
    return out


def test_a_pair_stated_twice_is_one_tie_citing_both(national_seeds: GraphData, tmp_path: Path) -> None:
    ua = ["Rivne\tRivne Oblast\tZabrze\tPoland\ttwinning\t\tu\t1\tA:wikipedia-en-lists\thttps://en.wikipedia.org/wiki/"
          "L_Poland\ttwinning\t\tRivne\tZabrze\tgazetteer:UA5606047001:M\tstated\t\tlisted on en.wikipedia",
          "Rivne\tRivne Oblast\tLublin\tPoland\ttwinning\t\tu\t1\tA:wikipedia-en-lists\thttps://en.wikipedia.org/wiki/"
          "L_Poland\ttwinning\t\tRivne\tLublin\tgazetteer:UA5606047001:M\tstated\t\tlisted on en.wikipedia"]
    graph, report = _load(national_seeds, tmp_path, [
        f"Zabrze\tPoland\tRivne\tUkraine\t\t\t{WP}\t1",
        f"Rivne\tUkraine\tZabrze\t\t\t\t{SC}\t1",          # the country left out: the row above states it
        f"Lublin\tPoland\tRivne\t\t\t\t{SC}\t1",           # only the sourced Ukrainian pairs state it
        f"Lyon\tFrance\tBirmingham\tUnited Kingdom\t\t\t{WP}\t0",
        f"Birmingham\t\tLyon\tFrance\t\t\t{SC}\t0",
        f"Lyon\tFrance\tSpringfield\tUnited States\t\t\t{WP}\t0",
        f"Lyon\tFrance\tSpringfield\tCanada\t\t\t{WP}\t0",
        f"Lyon\tFrance\tSpringfield\t\t\t\t{SC}\t0",       # two countries stated for the pair: kept apart
        f"Lyon\tFrance\tParis\t\t\t\t{SC}\t0",             # Paris, France is known, but not for this pair
        f"Paris\tFrance\tRome\tItaly\t\t\t{WP}\t0",
    ], ua)
    assert "xx-zabrze" not in graph.nodes and "xx-birmingham" not in graph.nodes
    tie = graph.nodes[f"agr-data-{RIVNE}-pl-zabrze"]
    assert {c.source for c in tie.citations} >= {"src-data-wikipedia-twin-lists", "src-world-wikipedia-en-lists",
                                                 "src-world-sistercity-info"}
    assert any("country of Zabrze: same pair stated by" in c.quote for c in tie.citations)
    assert [a for a, ps in _parties(graph).items() if any(p.startswith("xx-") for p in ps)] == []
    assert {"xx-springfield", "xx-paris"} <= set(graph.nodes)
    ties = {e.id for e in graph.edges if e.type == "COOPERATES_WITH"}
    assert {"fr-lyon>COOPERATES_WITH>gb-birmingham", "fr-lyon>COOPERATES_WITH>xx-springfield"} <= ties
    assert "gb-birmingham>COOPERATES_WITH>fr-lyon" not in ties
    assert "agr-data-ua-rivne-pl-lublin" not in graph.nodes and f"agr-data-{RIVNE}-pl-lublin" in graph.nodes
    assert report["world: country filled from the same pair stated by another row of the world table"] == 2
    assert report["world: country filled from the same pair stated by the sourced Ukrainian pairs"] == 1
    assert report["world: country not filled, the same pair states several (kept apart)"] == 1
    assert report["world ukrainian: same pair in the sourced Ukrainian pairs"] == 3


def test_ukrainian_places_are_the_codifiers(national_seeds: GraphData, tmp_path: Path) -> None:
    graph, report = _load(national_seeds, tmp_path, [
        f"Kovel\tUkraine\tChełm\tPoland\t\t\t{WP}\t1",      # the centre of one hromada in Ukraine
        f"Lviv\tUkraine\tKraków\tPoland\t\t\t{WP}\t1",      # a seed city's own name
        f"Rivne\tUkraine\tKutaisi\tGeorgia\t\t\t{WP}\t1",   # two hromadas are centred on a Rivne: not guessed
    ])
    parties = _parties(graph)
    assert parties["agr-data-ua-kovelska-hromada-pl-chelm"] == {"ua-kovelska-hromada", "pl-chelm"}
    assert "agr-data-ua-lviv-pl-krakow" in parties
    assert "ua-kovel" not in graph.nodes and RIVNE not in parties["agr-data-ua-rivne-ge-kutaisi"]
    assert graph.nodes["ua-rivne"].props["note"] == "several communities of the codifier bear this name"
    assert report["world ukrainian: name unique in Ukraine"] == 1
    assert report["world ukrainian: codifier name or alias"] == 1
    assert report["world ukrainian: new place without GeoNames id (name ambiguous in the codifier)"] \
        + report["world ukrainian: new place with GeoNames id (name ambiguous in the codifier)"] == 1


def test_real_tables_counts(national_seeds: GraphData) -> None:
    """Both real tables on the national seeds (about 30 s): the counts of the load's match report."""
    if not (DATA / "world_twinning.tsv").exists():
        pytest.skip("shared/data/world_twinning.tsv is not here")
    report: Counter[str] = Counter()
    graph = merge_graphs(national_seeds, read_partnerships_tsv(DATA / "ukraine_partnerships_provenance.tsv",
                                                               national_seeds, report))
    graph = merge_graphs(graph, read_world_twinning(DATA / "world_twinning.tsv", graph, report))
    assert report["world: country filled from the same pair stated by another row of the world table"] == 11874
    assert report["world: country filled from the same pair stated by the sourced Ukrainian pairs"] == 431
    assert report["world: country not filled, the same pair states several (kept apart)"] == 18
    assert report["world ukrainian: same pair in the sourced Ukrainian pairs"] == 2149
    ua_xx = [a for a, ps in _parties(graph).items()
             if any(p.startswith("ua-") for p in ps) and any(p.startswith("xx-") for p in ps)]
    assert len(ua_xx) == 264  # 882 before the same pair filled the country
    assert sum(1 for n in graph.nodes if n.startswith("xx-")) == 15396  # 16,742 before
