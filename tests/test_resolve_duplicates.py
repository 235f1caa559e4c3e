"""Duplicate places in the imported tables are merged (loaders/duplicates.py), and the resolver finds the one
entity by either spelling, on both stores."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from graph.model import Citation, Edge, GraphData, Node, merge_graphs
from graph.names import names_of
from graph.stores.base import Store
from loaders.duplicates import merge_duplicates
from loaders.partnerships_tsv import read_partnerships_tsv

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ukraine_partnerships_provenance.tsv"


def _city(ident: str, name: str, **props: object) -> Node:
    return Node(ident, "City", {"name_en": name, **props}, [Citation("src-x", name)])  # type: ignore[dict-item]


def _twin(ua: str, partner: str) -> list[Edge]:
    agr = f"agr-data-{ua}-{partner}"
    return [Edge(f"{p}>PARTY_TO>{agr}", "PARTY_TO", p, agr, {}, [Citation("src-x", p)]) for p in (ua, partner)]


def test_same_place_two_spellings_is_one_entity() -> None:
    nodes = [_city("ua-poltava", "Poltava"), _city("ua-novovolynsk", "Novovolynsk"),
             _city("by-baranavichy", "Baranavichy"), _city("by-baranovichi", "Baranovichi"),
             _city("de-berlin", "Berlin"), _city("de-pankow", "Pankow"), _city("de-pankow-berlin", "Pankow (Berlin)"),
             _city("de-frankfurt", "Frankfurt"), _city("de-frankfurt-oder", "Frankfurt (Oder)"),
             _city("ua-kyiv", "Kyiv"), Node("ua-kyiv-city", "Region", {"name_en": "Kyiv (city)"}),
             _city("ua-obolon", "Obolon")]
    agreements = [Node(f"agr-data-{u}-{p}", "Agreement", {"agreement_kind": "twinning"}, [Citation("src-x", p)])
                  for u, p in (("ua-poltava", "by-baranavichy"), ("ua-novovolynsk", "by-baranovichi"),
                               ("ua-poltava", "by-baranovichi"))]
    edges = [*_twin("ua-poltava", "by-baranavichy"), *_twin("ua-novovolynsk", "by-baranovichi"),
             *_twin("ua-poltava", "by-baranovichi"),
             Edge("ua-obolon>LOCATED_IN>ua-kyiv-city", "LOCATED_IN", "ua-obolon", "ua-kyiv-city"),
             Edge("ua-kyiv>LOCATED_IN>ua-kyiv-city", "LOCATED_IN", "ua-kyiv", "ua-kyiv-city")]
    g = GraphData({n.id: n for n in [*nodes, *agreements]}, edges)
    merged, merges = merge_duplicates(g, protected={"ua-kyiv"})
    assert {(m.dropped, m.kept) for m in merges} == {
        ("by-baranavichy", "by-baranovichi"),       # GeoNames' own name is kept
        ("de-pankow-berlin", "de-pankow"),          # "X (Y)" with Y a city of the country
        ("ua-kyiv-city", "ua-kyiv")}                # "Kyiv (city)" is the city with special status
    assert "de-frankfurt-oder" in merged.nodes      # Oder is no city: a different place
    assert "Baranavichy" in merged.nodes["by-baranovichi"].props["aliases"]  # type: ignore[operator]
    poltava = [e for e in merged.edges if e.type == "PARTY_TO" and e.source == "ua-poltava"]
    assert [e.target for e in poltava] == ["agr-data-ua-poltava-by-baranovichi"]  # one tie, not two
    agreement = merged.nodes["agr-data-ua-poltava-by-baranovichi"]
    assert {c.quote for c in agreement.citations} == {"by-baranavichy", "by-baranovichi"}  # both cited
    assert [e.id for e in merged.edges if e.type == "LOCATED_IN"] == ["ua-obolon>LOCATED_IN>ua-kyiv"]
    again, second = merge_duplicates(merged, protected={"ua-kyiv"})
    assert not second and again is merged   # idempotent


@pytest.mark.skipif(not DATA.exists(), reason=f"{DATA} is not there")
def test_the_pairs_table_merges_and_resolves_by_either_spelling(any_store: Store, seed_graph: GraphData) -> None:
    from graph.writer import write_graph

    graph = merge_graphs(seed_graph, read_partnerships_tsv(DATA, seed_graph, Counter()))
    merged, merges = merge_duplicates(graph, protected=set(seed_graph.nodes))
    dropped = {m.dropped for m in merges}
    assert {"ua-kyiv-city", "by-baranavichy", "by-mozyr", "az-sumqayit", "de-pankow-berlin"} <= dropped
    assert not dropped & set(seed_graph.nodes)  # the seeds win
    write_graph(any_store, merged, reset=True)
    names = names_of(any_store)
    assert names.resolve("Baranavichy") == names.resolve("Baranovichi") == "by-baranovichi"
    assert names.resolve("Kyiv (city)") == names.resolve("Kyiv") == "ua-kyiv"
    assert names.resolve("Mozyr") == names.resolve("Mazyr")
