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
