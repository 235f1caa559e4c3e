"""``partners analyse --focus`` reads the focus's part of the graph (reports/read.py read_focus_graph), not all of
it: what is defined by the focus's surroundings — its partners, ties, recommendations, growth — is what the whole
graph gives, on both stores; the position figures are of the part and say so."""

from __future__ import annotations

import networkx as nx
import pytest

from analysis.report_data import PART, _focus_section, analyse_store
from analysis.select import Filters, apply_filters, select_graph
from graph.names import NameIndex
from graph.stores import Store
from graph.vocabulary import vocabulary
from reports.read import read_focus_graph

LOCAL = ("id", "name", "kind", "actor", "partners", "partner_ids", "ties", "recommendations", "growth")


@pytest.mark.parametrize("name", ["Zhytomyr", "Dolyna", "Poltava Oblast Council", "Zhytomyr Oblast"])
@pytest.mark.parametrize("filters", [Filters(), Filters(statuses=("signed", "in force")), Filters(since="2015")])
def test_the_focus_part_gives_the_whole_graphs_partners_ties_and_recommendations(
        loaded_store: Store, name: str, filters: Filters) -> None:
    ident = NameIndex.from_store(loaded_store).resolve(name)
    part, _ = read_focus_graph(loaded_store, ident)
    assert part is not None
    whole = select_graph(loaded_store, filters=filters)
    assert part.number_of_nodes() < whole.number_of_nodes()
    for flagged in (False, True):
        here = _focus_section(apply_filters(part, filters, keep=ident), ident, 10, flagged, part=True)
        there = _focus_section(whole, ident, 10, flagged)
        assert {k: here.get(k) for k in LOCAL} == {k: there.get(k) for k in LOCAL}
        assert here["in"] == PART and there["in"] != PART


def test_analyse_focus_says_its_position_is_the_parts(loaded_store: Store) -> None:
    report = analyse_store(loaded_store, "Zhytomyr")
    focus = report["focus"]
    assert focus is not None and focus["in"] == PART and focus["recommendations"]


def _around(whole: nx.MultiDiGraph, focus: str, depth: int) -> nx.MultiDiGraph:
    """The reference for ``select_graph(focus=, depth=)``, from the whole graph in Python: what lies within
    ``depth`` steps along the relations a focus view walks (graph/schema.yaml ``focus``), either way, with every
    relation among those entities."""
    walk = set(vocabulary().relations("focus"))
    steps = nx.Graph()
    steps.add_nodes_from(whole)
    steps.add_edges_from((u, v) for u, v, d in whole.edges(data=True) if d["type"] in walk)
    return whole.subgraph(nx.single_source_shortest_path_length(steps, focus, cutoff=depth)).copy()


@pytest.mark.parametrize(("focus", "depth"), [("ua-zhytomyr", 1), ("ua-zhytomyr", 2), ("ua-dolyna", 2),
                                              ("ua-zhytomyr-oblast", 3), ("prog-urbact-iv", 2)])
def test_the_focus_selection_is_what_lies_within_depth_steps_with_every_relation_among_it(
        loaded_store: Store, focus: str, depth: int) -> None:
    # select_graph seeks the entities by internal id (queries/write/subgraph_*_by_id, _from): the same entities,
    # records, countries and relations as the whole graph's around the focus
    around = select_graph(loaded_store, focus=focus, depth=depth)
    expected = _around(select_graph(loaded_store), focus, depth)
    assert 1 < around.number_of_nodes() < select_graph(loaded_store).number_of_nodes()
    assert dict(around.nodes(data=True)) == dict(expected.nodes(data=True))
    assert sorted(around.edges(keys=True, data=True)) == sorted(expected.edges(keys=True, data=True))


def test_the_whole_selection_finds_each_entitys_country_as_the_store_does(loaded_store: Store) -> None:
    # the whole graph's countries are found in Python from the relations read (analysis/select.py _countries);
    # the store's own answer is subgraph_nodes_by_id's over every entity
    from graph.cypher import statement

    whole = select_graph(loaded_store)
    ids = loaded_store.query("MATCH (n:Entity) RETURN collect(id(n)) AS ids").rows[0][0]
    rows = loaded_store.query(statement("subgraph_nodes_by_id"), {"ids": ids, "evidence": True}).rows
    expected = {ident: country for ident, _, _, country in rows}
    assert {n: a["country"] for n, a in whole.nodes(data=True)} == expected
    assert sum(1 for c in expected.values() if c) > len(expected) // 2  # most entities do lie in a country
    assert list(whole) == sorted(whole) and [k for _, _, k in whole.edges(keys=True)] != []


def assert_the_same_but_for_the_citations(full: nx.MultiDiGraph, light: nx.MultiDiGraph) -> None:
    from analysis.select import EVIDENCE

    assert any("quotes" in a for _, a in full.nodes(data=True))
    assert any("quotes" in a or "source_ids" in a for _, _, a in full.edges(data=True))
    assert list(light.nodes(data=True)) == [(n, {k: v for k, v in a.items() if k not in EVIDENCE})
                                            for n, a in full.nodes(data=True)]
    assert list(light.edges(keys=True, data=True)) == [(u, v, k, {x: y for x, y in a.items() if x not in EVIDENCE})
                                                       for u, v, k, a in full.edges(keys=True, data=True)]


@pytest.mark.parametrize("focus", [None, "ua-zhytomyr"])
def test_without_evidence_the_selection_is_the_same_but_for_the_citations(loaded_store: Store,
                                                                         focus: str | None) -> None:
    assert_the_same_but_for_the_citations(select_graph(loaded_store, focus=focus),
                                          select_graph(loaded_store, focus=focus, evidence=False))


def test_the_focus_read_without_evidence_is_the_same_but_for_the_citations(loaded_store: Store) -> None:
    full, stamp = read_focus_graph(loaded_store, "ua-zhytomyr")
    light, light_stamp = read_focus_graph(loaded_store, "ua-zhytomyr", evidence=False)
    assert full is not None and light is not None and stamp == light_stamp
    assert_the_same_but_for_the_citations(full, light)
