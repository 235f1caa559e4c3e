"""Importing the sourced Ukrainian partnership pairs (shared/data) on top of the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import BadInputError
from graph.model import GraphData, merge_graphs
from graph.stores import Store
from graph.writer import write_graph
from loaders.partnerships_tsv import read_partnerships_tsv

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "ukraine_partnerships_provenance.tsv"
needs_data = pytest.mark.skipif(not DATA.exists(), reason=f"{DATA} is not here (shared/ beside the repo)")
HEADER = ("ua_place\tua_oblast\tpartner_place\tpartner_country\tkind\tsince_year\tsource_url\tn_sources\tsource_ids\t"
          "all_source_urls\tkinds_stated\tyears_stated\tua_names_in_sources\tpartner_names_in_sources\toblast_method\t"
          "country_method\tflags\tevidence\n")


def _tsv(tmp_path: Path, *rows: str) -> Path:
    p = tmp_path / "pairs.tsv"
    p.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return p


ROW = ("Dolyna\tIvano-Frankivsk Oblast\tGdańsk\tPoland\ttwinning\t1998\tu\t1\tD:council\thttps://x.example/a\t"
       "twinning\t1998\tDolyna\tGdańsk\tm\tstated\t\tDolyna council: Gdańsk is our twin town")


def test_rows_attach_to_seed_entities_and_cite_their_sources(seed_graph: GraphData, tmp_path: Path) -> None:
    extra = read_partnerships_tsv(_tsv(tmp_path, ROW), seed_graph)
    merged = merge_graphs(seed_graph, extra)
    agreement = merged.nodes["agr-data-ua-dolyna-pl-gdansk"]
    assert agreement.props == {"name_en": "Dolyna – Gdańsk twinning", "agreement_kind": "twinning",
                               "status": "unknown", "signed": "1998"}
    assert [c.source for c in agreement.citations] == ["src-data-council-pages"]
    assert agreement.citations[0].quote == "Dolyna council: Gdańsk is our twin town"
    assert merged.nodes["pl-gdansk"].props["name_en"] == "Gdańsk"
    assert {(e.source, e.target) for e in merged.edges if e.type == "PARTY_TO" and e.target == agreement.id} == \
        {("ua-dolyna", agreement.id), ("pl-gdansk", agreement.id)}
    assert merged.nodes["ua-dolyna"].props == seed_graph.nodes["ua-dolyna"].props  # the seeds win


def test_malformed_rows_name_file_and_line(seed_graph: GraphData, tmp_path: Path) -> None:
    bad = ROW.replace("\ttwinning\t1998", "\tfriendship\t1998", 1)
    with pytest.raises(BadInputError, match=r"pairs.tsv:3: a row needs .* got 'Dolyna', 'Gdańsk', 'friendship'"):
        read_partnerships_tsv(_tsv(tmp_path, ROW, bad), seed_graph)
    p = tmp_path / "wrong.tsv"
    p.write_text("a\tb\n1\t2\n", encoding="utf-8")
    with pytest.raises(BadInputError, match=r"wrong.tsv:1: missing columns"):
        read_partnerships_tsv(p, seed_graph)


@needs_data
def test_whole_data_set_imports_without_dangling_references(seed_graph: GraphData) -> None:
    merged = merge_graphs(seed_graph, read_partnerships_tsv(DATA, seed_graph))
    assert len(merged.nodes) > len(seed_graph.nodes) + 1500
    assert all(e.source in merged.nodes and e.target in merged.nodes for e in merged.edges)
    assert all(n.citations for n in merged.nodes.values()) and all(e.citations for e in merged.edges)
    ids = [e.id for e in merged.edges]
    assert len(ids) == len(set(ids))


@needs_data
def test_import_loads_idempotently_on_both_stores(store: Store, seed_graph: GraphData) -> None:
    merged = merge_graphs(seed_graph, read_partnerships_tsv(DATA, seed_graph))
    write_graph(store, merged)
    first = store.stats()
    write_graph(store, merged)
    assert store.stats() == first == merged.counts()
