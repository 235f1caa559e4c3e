"""Network analysis: each measure on small hand-built graphs with known exact values, the docstring examples,
and the seeds analysed through both stores (same numbers as the in-memory seed graph) and the CLI."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from analysis import fast, growth, metrics, recommend
from analysis.projection import partnership_graph
from analysis.recommend import Recommendation, adamic_adar, common_partners, own_bodies, recommend_partners
from analysis.report_data import analyse_store, build_report
from analysis.select import Filters, select_graph
from graph.errors import BadInputError
from graph.flags import without_flagged
from graph.model import GraphData
from graph.reader import to_networkx
from graph.stores import Store

ROOT = Path(__file__).resolve().parent.parent


# The examples themselves run through pytest's --doctest-modules over every package (pyproject.toml).
def test_every_public_function_has_an_example() -> None:
    for module in (metrics, recommend, growth, fast):
        for name in dir(module):
            fn = getattr(module, name)
            if callable(fn) and not name.startswith("_") and getattr(fn, "__module__", "") == module.__name__ \
                    and not isinstance(fn, type):
                assert ">>>" in (fn.__doc__ or ""), f"{module.__name__}.{name} has no example"


# ---- metrics on graphs with known values -------------------------------------------------------------------


def _weighted(edges: list[tuple[str, str, int]]) -> nx.Graph:
    p = nx.Graph()
    for u, v, w in edges:
        p.add_edge(u, v, weight=w)
    return p


def test_degree_table_counts_partners_and_ties() -> None:
    p = _weighted([("a", "b", 3), ("a", "c", 1), ("c", "d", 1)])
    p.add_node("e", kind="Country", name_uk="Е")
    rows = {r["id"]: r for r in metrics.degree_table(p)}
    assert [r["id"] for r in metrics.degree_table(p)] == ["a", "b", "c", "d", "e"]
    assert (rows["a"]["degree"], rows["a"]["weighted_degree"]) == (2, 4)
    assert (rows["c"]["degree"], rows["c"]["weighted_degree"]) == (2, 2)
    assert (rows["e"]["degree"], rows["e"]["name"], rows["e"]["kind"]) == (0, "Е", "Country")


def test_betweenness_of_a_path_is_exact() -> None:
    # 0 - 1 - 2 - 3 - 4: node 2 is on the shortest path of 4 of the 6 pairs of others, node 1 of 3.
    b = metrics.betweenness(nx.path_graph(5))
    assert b == pytest.approx({0: 0.0, 1: 3 / 6, 2: 4 / 6, 3: 3 / 6, 4: 0.0})


def test_betweenness_sampled_is_reproducible_and_exact_when_k_covers_all() -> None:
    p = nx.connected_watts_strogatz_graph(60, 4, 0.3, seed=1)
    exact = metrics.betweenness(p)
    assert metrics.betweenness(p, k=60) == exact
    sampled = metrics.betweenness(p, k=20, seed=7)
    assert sampled == metrics.betweenness(p, k=20, seed=7)
    assert sampled != exact
    assert set(sampled) == set(p)


def test_betweenness_switches_to_sampling_above_the_threshold() -> None:
    assert metrics.betweenness_sample_size(nx.empty_graph(metrics.EXACT_BETWEENNESS_UP_TO)) is None
    assert metrics.betweenness_sample_size(nx.empty_graph(metrics.EXACT_BETWEENNESS_UP_TO + 1)) == \
        metrics.BETWEENNESS_SAMPLE


def _reordered(p: nx.Graph) -> nx.Graph:
    q = nx.Graph()
    q.add_nodes_from(reversed(list(p.nodes(data=True))))
    q.add_edges_from((v, u, d) for u, v, d in reversed(list(p.edges(data=True))))
    return q


def test_results_do_not_depend_on_insertion_order() -> None:
    p = nx.relabel_nodes(nx.connected_watts_strogatz_graph(80, 4, 0.2, seed=3), lambda n: f"n{n:02d}")
    q = _reordered(p)
    assert metrics.communities(p) == metrics.communities(q)
    assert metrics.betweenness(p, k=10) == metrics.betweenness(q, k=10)
    assert metrics.pagerank(p) == metrics.pagerank(q)
    assert metrics.brokers(p) == metrics.brokers(q)


def test_pagerank_of_a_star_matches_the_closed_form() -> None:
    # centre c and leaves l: c = 0.15/4 + 0.85 * 3l, l = 0.15/4 + 0.85 * c/3
    c = (0.0375 + 2.55 * 0.0375) / (1 - 2.55 * 0.85 / 3)
    leaf = 0.0375 + 0.85 * c / 3
    r = metrics.pagerank(nx.star_graph(3))
    assert r == pytest.approx({0: c, 1: leaf, 2: leaf, 3: leaf}, abs=1e-9)
    assert sum(r.values()) == pytest.approx(1.0)


def _power_iteration(p: nx.Graph, alpha: float = 0.85) -> dict[Any, float]:
    """PageRank by the textbook power iteration, independent of NetworkX (dangling actors share with all)."""
    nodes = list(p)
    n = len(nodes)
    x = dict.fromkeys(nodes, 1.0 / n)
    strength = {u: p.degree(u, weight="weight") for u in nodes}
    for _ in range(1000):
        dangling = sum(x[u] for u in nodes if not strength[u])
        y = dict.fromkeys(nodes, (1 - alpha + alpha * dangling) / n)
        for u in nodes:
            for v, d in p[u].items():
                if strength[u]:
                    y[v] += alpha * x[u] * d.get("weight", 1) / strength[u]
        x = y
    return x


def test_pagerank_agrees_with_the_power_iteration_and_uses_weights() -> None:
    p = nx.karate_club_graph()  # edges carry weights
    p.add_node("alone")         # a dangling (isolated) actor still gets the teleport share
    ours = metrics.pagerank(p)
    assert ours == pytest.approx(_power_iteration(p), abs=1e-9)
    assert ours["alone"] > 0
    unweighted = metrics.pagerank(nx.Graph(p.edges()))
    assert unweighted[0] != pytest.approx(ours[0], abs=1e-4)


def _ranks(values: dict[Any, float]) -> dict[Any, int]:
    return {n: metrics._rank(values, n) for n in values}


@pytest.mark.parametrize("graph", ["karate", "weighted", "lonely", "tied"])
def test_pure_python_pagerank_gives_networkx_scipy_values_and_ranks(graph: str) -> None:
    # up to PAGERANK_PURE_UP_TO actors the analysis iterates in pure Python (no SciPy import): the same values as
    # NetworkX's sparse iteration to float rounding, so the same ranks and top lists
    p = {"karate": nx.karate_club_graph(), "weighted": _large(), "lonely": nx.Graph([("a", "b")]),
         "tied": nx.star_graph(["hub", *"abcdefgh"])}[graph]
    p.add_node("alone")
    h = metrics._canonical(p)
    ours = metrics.pagerank(h)
    theirs = dict(nx.pagerank(h, alpha=0.85, weight="weight", tol=1e-10, max_iter=1000))
    assert list(ours) == list(theirs) and max(abs(ours[n] - theirs[n]) for n in h) < 1e-15
    assert _ranks(ours) == _ranks(theirs)


def test_pagerank_above_the_pure_python_size_is_networkx_scipy(monkeypatch: pytest.MonkeyPatch) -> None:
    h = metrics._canonical(nx.karate_club_graph())
    monkeypatch.setattr(metrics, "PAGERANK_PURE_UP_TO", 10)
    monkeypatch.setattr(metrics, "_power_iteration", None)   # not called: NetworkX's own
    assert metrics.pagerank(h) == dict(nx.pagerank(h, alpha=0.85, weight="weight", tol=1e-10, max_iter=1000))


def test_betweenness_of_a_dense_graph_below_large_is_igraphs_with_networkx_values(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # actors x ties above BETWEENNESS_WORK_FOR_IGRAPH: igraph, even below fast.LARGE actors, with NetworkX's values
    p = metrics._canonical(nx.relabel_nodes(nx.connected_watts_strogatz_graph(600, 6, 0.1, seed=5), str))
    assert p.number_of_nodes() < fast.LARGE
    assert p.number_of_nodes() * p.number_of_edges() > metrics.BETWEENNESS_WORK_FOR_IGRAPH
    called = []
    monkeypatch.setattr(fast, "betweenness", lambda h, k=None, seed=42, real=fast.betweenness: called.append(1)
                        or real(h, k=k, seed=seed))
    ours = metrics.betweenness(p)
    theirs = dict(nx.betweenness_centrality(p, normalized=True))
    assert called and ours == pytest.approx(theirs, abs=1e-12) and _ranks(ours) == _ranks(theirs)


# ---- the igraph backend for large graphs agrees with NetworkX ----------------------------------------------

def _large() -> nx.Graph:
    """A connected graph just above the size where the analysis switches to NetworKit."""
    p = nx.relabel_nodes(nx.connected_watts_strogatz_graph(fast.LARGE + 200, 6, 0.1, seed=7), lambda n: f"n{n:04d}")
    for i, (u, v) in enumerate(sorted(p.edges())):
        p.edges[u, v]["weight"] = 1 + i % 3
    return p


def test_fast_backend_agrees_with_networkx_on_the_seeds(seed_graph: GraphData) -> None:
    p = metrics._canonical(partnership_graph(to_networkx(seed_graph)))
    assert fast.core_numbers(p) == nx.core_number(p)
    assert fast.betweenness(p) == pytest.approx(nx.betweenness_centrality(p, normalized=True), abs=1e-12)
    points, bridges = fast.brokers(p)
    assert set(points) == set(nx.articulation_points(p))
    assert {frozenset(b) for b in bridges} == {frozenset(b) for b in nx.bridges(p)}
    ours = nx.community.modularity(p, fast.louvain(p), weight="weight")
    theirs = nx.community.modularity(p, nx.community.louvain_communities(p, weight="weight", seed=42),
                                     weight="weight")
    assert ours == pytest.approx(theirs, abs=0.03)


@pytest.mark.skipif(tuple(int(x) for x in nx.__version__.split(".")[:2]) < (3, 5),
                    reason="NetworkX before 3.5 scaled sampled betweenness differently")
def test_sampled_betweenness_equals_networkx_with_the_same_pivots() -> None:
    p = metrics._canonical(_large())
    assert fast.betweenness(p, k=40, seed=7) == pytest.approx(
        nx.betweenness_centrality(p, k=40, seed=7, normalized=True), abs=1e-12)


def test_large_graphs_use_igraph_and_stay_reproducible() -> None:
    p = _large()
    q = _reordered(p)
    assert metrics.communities(p) == metrics.communities(q)
    assert metrics.betweenness(p, k=100) == metrics.betweenness(q, k=100)
    assert metrics.brokers(p) == metrics.brokers(q)
    assert metrics.k_core(p) == nx.core_number(p)
    assert metrics.betweenness(p) == pytest.approx(nx.betweenness_centrality(p), abs=1e-12)
    groups = metrics.communities(p)
    assert sorted(n for c in groups for n in c) == sorted(p)
    assert nx.community.modularity(p, groups, weight="weight") > 0.6


def test_communities_of_a_barbell_are_its_two_bells() -> None:
    p = nx.barbell_graph(5, 0)
    assert metrics.communities(p) == [{0, 1, 2, 3, 4}, {5, 6, 7, 8, 9}]
    p.add_node("isolated")
    assert metrics.communities(p)[-1] == {"isolated"}
    assert metrics.communities(nx.Graph()) == []


def test_brokers_star_barbell_cycle() -> None:
    assert metrics.brokers(nx.star_graph(3)) == {"articulation_points": [0], "bridges": [(0, 1), (0, 2), (0, 3)]}
    barbell = metrics.brokers(nx.barbell_graph(4, 0))
    assert barbell == {"articulation_points": [3, 4], "bridges": [(3, 4)]}
    assert metrics.brokers(nx.cycle_graph(5)) == {"articulation_points": [], "bridges": []}


def test_ego_and_k_core() -> None:
    p = nx.path_graph(["a", "b", "c", "d", "e"])
    assert sorted(metrics.ego(p, "c").nodes) == ["b", "c", "d"]
    assert sorted(metrics.ego(p, "c", radius=2).nodes) == ["a", "b", "c", "d", "e"]
    with pytest.raises(BadInputError):
        metrics.ego(p, "zz")
    k = nx.complete_graph(["a", "b", "c", "d"])  # K4: core 3
    k.add_edges_from([("d", "x"), ("x", "y")])
    k.add_node("lonely")
    assert metrics.k_core(k) == {"a": 3, "b": 3, "c": 3, "d": 3, "x": 1, "y": 1, "lonely": 0}
    assert metrics.k_core(k, k=2) == {"a": 3, "b": 3, "c": 3, "d": 3}


def test_network_position() -> None:
    p = nx.barbell_graph(4, 0)  # 0-3 and 4-7, tie 3-4
    pos = metrics.network_position(p, 3)
    assert pos == {"rank_degree": 1, "rank_pagerank": 1, "rank_betweenness": 1, "n_nodes": 8, "community": 0,
                   "community_size": 4, "is_broker": True, "core_number": 3}
    leaf = metrics.network_position(p, 0)
    assert (leaf["rank_degree"], leaf["is_broker"], leaf["rank_betweenness"]) == (3, False, 3)
    with pytest.raises(BadInputError, match="not a place or organisation"):
        metrics.network_position(p, "nowhere")


# ---- recommendations ---------------------------------------------------------------------------------------


def _city_graph() -> nx.MultiDiGraph:
    """Zhytomyr (z) partners Kassel (k) and Dortmund (d); Kassel and Dortmund both partner Bochum (b);
    Kassel also partners Lyon (l); Lublin (u) shares a URBACT project and an event; Germany (de) is a country."""
    g = nx.MultiDiGraph()
    for ident, name, kind, country in [
        ("z", "Zhytomyr", "City", "ua"), ("k", "Kassel", "City", "de"), ("d", "Dortmund", "City", "de"),
        ("b", "Bochum", "City", "de"), ("l", "Lyon", "City", "fr"), ("u", "Lublin", "City", "pl"),
        ("de", "Germany", "Country", "de"), ("o", "Zhytomyr Oblast", "Region", "ua"),
        ("school", "Lyceum 30", "Organisation", "ua"), ("urbact", "E+ Academy", "Project", None),
        ("forum", "Recovery forum", "Event", None),
    ]:
        g.add_node(ident, name_en=name, kind=kind, country=country)
    g.nodes["urbact"]["areas"] = ["education", "youth"]
    for a, b in [("z", "k"), ("z", "d"), ("k", "b"), ("d", "b"), ("k", "l"), ("k", "de"), ("d", "de"),
                 ("o", "b"), ("school", "k")]:
        g.add_edge(a, b, type="COOPERATES_WITH")
    g.add_edge("z", "o", type="LOCATED_IN")
    g.add_edge("school", "z", type="LOCATED_IN")
    for who in ("z", "u"):
        g.add_edge(who, "urbact", type="PARTICIPATES_IN")
        g.add_edge(who, "forum", type="PARTICIPATES_IN")
    return g


def test_common_partners_and_adamic_adar_match_networkx() -> None:
    p = partnership_graph(_city_graph())
    assert common_partners(p, "z", "b") == ["d", "k"]
    assert common_partners(p, "z", "l") == ["k"]
    # Kassel has 5 partners (z, b, l, de, school), Dortmund 3 (z, b, de)
    assert adamic_adar(p, "z", "b") == pytest.approx(1 / math.log(5) + 1 / math.log(3))
    [(_, _, expected)] = nx.adamic_adar_index(p, [("z", "b")])
    assert adamic_adar(p, "z", "b") == pytest.approx(expected)


def test_recommendations_scores_reasons_and_exclusions() -> None:
    g = _city_graph()
    p = partnership_graph(g)
    recs = recommend_partners(g, p, "z", top=10)
    by_id = {r.candidate: r for r in recs}
    # never itself, its partners (k, d), a country (de), its oblast (o, LOCATED_IN) or its own lyceum
    assert set(by_id) == {"b", "u", "l"}
    aa = 1 / math.log(5) + 1 / math.log(3)
    assert by_id["b"].score == pytest.approx(aa + 2 * recommend.WEIGHT_INTRODUCTION, abs=1e-6)
    assert by_id["b"].reasons == ["shares 2 partners with Bochum (Dortmund, Kassel)",
                                  "partner of your partners Dortmund, Kassel, in the same country (de)"]
    assert by_id["u"].score == pytest.approx(recommend.WEIGHT_NETWORK + recommend.WEIGHT_EVENT
                                             + recommend.WEIGHT_SECTOR * 2 / 2)
    assert by_id["u"].reasons == ["both in E+ Academy", "both at Recovery forum",
                                  "both work on education, youth (2 of the 2 areas of the two)"]
    assert by_id["l"].reasons == ["shares 1 partner with Lyon (Kassel)"]  # Kassel is in de, Lyon in fr
    assert [r.candidate for r in recs] == ["b", "u", "l"]  # score desc
    assert recommend_partners(g, p, "z", top=1) == recs[:1]
    assert all(isinstance(r, Recommendation) for r in recs)


def test_recommendation_ties_are_ordered_by_id() -> None:
    g = nx.MultiDiGraph()
    for n in ("hub", "me", "c3", "c1", "c2"):
        g.add_node(n, kind="City")
    for n in ("me", "c3", "c1", "c2"):
        g.add_edge(n, "hub", type="COOPERATES_WITH")
    recs = recommend_partners(g, partnership_graph(g), "me")
    assert [r.candidate for r in recs] == ["c1", "c2", "c3"]
    assert len({r.score for r in recs}) == 1


def test_recommendations_for_an_unknown_node_fail_with_the_fix() -> None:
    g = _city_graph()
    with pytest.raises(BadInputError, match="widen --depth"):
        recommend_partners(g, partnership_graph(g), "urbact")


def test_own_bodies_follow_the_administrative_tree() -> None:
    g = nx.MultiDiGraph()
    g.add_edge("city", "oblast", type="LOCATED_IN")
    g.add_edge("oma", "oblast", type="GOVERNS")
    g.add_edge("office", "oma", type="PART_OF")
    g.add_edge("hospital", "city", type="LOCATED_IN")
    g.add_edge("oblast", "ua", type="LOCATED_IN")
    assert own_bodies(g, "oblast") == {"city", "oma", "office", "hospital"}
    assert own_bodies(g, "city") == {"hospital"}


# ---- growth ------------------------------------------------------------------------------------------------


def test_agreements_by_year() -> None:
    g = nx.MultiDiGraph()
    g.add_node("a1", kind="Agreement", agreement_kind="memorandum", signed="2023-04-01")
    g.add_node("a2", kind="Agreement", agreement_kind="memorandum", signed="2023")
    g.add_node("a3", kind="Agreement", agreement_kind="twinning", renewed="2019", status="renewed")
    g.add_node("a4", kind="Agreement", agreement_kind="twinning", status="planned")  # no date
    for a in ("a1", "a2", "a3", "a4"):
        g.add_edge("x", a, type="PARTY_TO")
    g.add_edge("y", "a1", type="PARTY_TO")
    g.add_edge("y", "z", type="COOPERATES_WITH", since="2021")
    assert growth.agreements_by_year(g) == [
        {"year": 2019, "kind": "twinning", "count": 1}, {"year": 2021, "kind": "cooperation", "count": 1},
        {"year": 2023, "kind": "memorandum", "count": 2}]
    assert growth.agreements_by_year(g, "y") == [
        {"year": 2021, "kind": "cooperation", "count": 1}, {"year": 2023, "kind": "memorandum", "count": 1}]
    assert growth.agreements_by_year(g, "z") == [{"year": 2021, "kind": "cooperation", "count": 1}]
    with pytest.raises(BadInputError):
        growth.agreements_by_year(g, "nobody")


# ---- filters -----------------------------------------------------------------------------------------------


def test_make_filters_checks_input() -> None:
    f = Filters(["City"], ["DE", "pl"], ["signed"], "2022", "2024-06")
    assert (f.kinds, f.countries, f.statuses, f.since, f.until) == (("City",), ("de", "pl"), ("signed",),
                                                                     "2022", "2024-06")
    with pytest.raises(BadInputError, match="unknown kind 'Town' — use one of: Country"):
        Filters(kinds=["Town"])
    with pytest.raises(BadInputError, match="unknown status 'done'"):
        Filters(statuses=["done"])
    with pytest.raises(BadInputError, match="ISO 3166-1 alpha-2 codes .* got 'Germany'"):
        Filters(countries=["Germany"])
    with pytest.raises(BadInputError, match="--since takes a date"):
        Filters(since="22.02.2022")


# ---- the seeds, through both stores ------------------------------------------------------------------------

def _numbers(g: nx.MultiDiGraph) -> dict[str, Any]:
    """Everything that does not depend on the ``country`` annotation that only a store selection adds."""
    p = partnership_graph(g)
    return {
        "degree": [(r["id"], r["degree"], r["weighted_degree"]) for r in metrics.degree_table(p)],
        "betweenness": {n: round(v, 12) for n, v in metrics.betweenness(p).items()},
        "betweenness_sampled": {n: round(v, 12) for n, v in metrics.betweenness(p, k=25).items()},
        "pagerank": {n: round(v, 12) for n, v in metrics.pagerank(p).items()},
        "communities": [sorted(c) for c in metrics.communities(p)],
        "brokers": metrics.brokers(p),
        "k_core": metrics.k_core(p),
        "growth": growth.agreements_by_year(g),
        "growth_zhytomyr": growth.agreements_by_year(g, "ua-zhytomyr"),
        "position": {n: metrics.network_position(p, n) for n in
                     ("ua-zhytomyr", "ua-dolyna", "ua-zhytomyr-oblast", "ua-poltava-oblast")},
    }


def test_seeds_give_the_same_numbers_on_every_store(loaded_store: Store, seed_graph: GraphData) -> None:
    g = select_graph(loaded_store)
    assert _numbers(g) == _numbers(to_networkx(seed_graph))  # the store changes nothing the analysis reads

    report = analyse_store(loaded_store, "Zhytomyr", top=10)
    focus = report["focus"]
    assert focus["id"] == "ua-zhytomyr"
    p = without_flagged(partnership_graph(g))  # flagged ties (here: planned ones) are left out by default
    # the position is within the focus's part of the graph (the part a brief reads), and says so
    from analysis.report_data import PART
    from reports.read import read_focus_graph

    part, _ = read_focus_graph(loaded_store, "ua-zhytomyr")
    assert part is not None and focus["in"] == PART
    assert focus["position"] == metrics.network_position(without_flagged(partnership_graph(part)), "ua-zhytomyr")
    assert focus["position"]["n_nodes"] < sum(1 for n in seed_graph.nodes.values()
                                               if n.kind in ("City", "Community", "Region", "Organisation",
                                                             "Country")) - len(p.graph["acts_for"])
    recs = focus["recommendations"]
    assert recs, "Zhytomyr should get recommendations"
    assert not {r["candidate"] for r in recs} & (set(p["ua-zhytomyr"]) | {"ua-zhytomyr"})
    assert [(-r["score"], r["candidate"]) for r in recs] == sorted((-r["score"], r["candidate"]) for r in recs)
    assert any("Entrepreneurship+ Academy" in why for r in recs for why in r["reasons"])
    assert "de-kassel" in p["ua-zhytomyr"]
    # the agreement with Dortmund is only planned: flagged "announced", so not a tie of the default projection
    assert "de-dortmund" not in p["ua-zhytomyr"] and "de-dortmund" in partnership_graph(g)["ua-zhytomyr"]
    with_flagged = analyse_store(loaded_store, "Zhytomyr", top=10, include_flagged=True)["focus"]
    assert with_flagged["position"] == metrics.network_position(partnership_graph(part), "ua-zhytomyr")



@pytest.mark.neo4j
def test_the_whole_report_is_identical_on_both_stores(neo4j_store: Store, seed_graph: GraphData,
                                                       tmp_path: Path) -> None:
    from graph.stores import open_store
    from graph.writer import write_graph

    embedded = open_store("embedded", home=tmp_path / "home")
    try:
        texts = []
        for s in (embedded, neo4j_store):
            write_graph(s, seed_graph, reset=True)
            for focus in (None, "Zhytomyr", "Poltava Oblast Council"):
                texts.append(json.dumps(analyse_store(s, focus, top=10), ensure_ascii=False, sort_keys=True))
        assert texts[:3] == texts[3:]
        assert len(set(texts)) == 3      # and the three reports are different ones
    finally:
        embedded.close()


def test_focus_that_is_not_an_actor_reports_why(loaded_store: Store) -> None:
    report = analyse_store(loaded_store, "URBACT IV", depth=1)
    assert report["focus"]["kind"] == "Programme"
    assert report["focus"]["position"] is None
    assert "places and organisations" in report["focus"]["note"]
    assert report["graph"]["entities"] > 1


def test_build_report_sections_on_the_seed_graph(seed_graph: GraphData) -> None:
    report = build_report(to_networkx(seed_graph), top=5)
    assert list(report) == ["selection", "graph", "top", "communities", "brokers", "k_core", "growth", "focus"]
    assert len(report["top"]["weighted_degree"]) == 5
    assert report["top"]["betweenness_sample"] is None  # a small graph: exact
    assert report["communities"]["largest"][0]["size"] >= report["communities"]["largest"][-1]["size"]
    assert report["focus"] is None
    json.dumps(report, ensure_ascii=False)  # JSON-ready as it is


# ---- the CLI -----------------------------------------------------------------------------------------------


def test_cli_analyse_focus_zhytomyr(run) -> None:  # type: ignore[no-untyped-def]
    assert run("load").exit_code == 0
    result = run("analyse", "--focus", "Zhytomyr", "--top", "5")
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.startswith("graph: ")
    for title in ("Top actors by ties (weighted degree)", "Top actors by PageRank", "Top actors by betweenness",
                  "Communities (Louvain)", "Brokers", "Bridges", "k-core", "Growth: new agreements",
                  "Network position of Zhytomyr in its part of the graph", "Recommended next partners for Zhytomyr"):
        assert title in out, title
    assert "not the whole network" in out  # the position is labelled as the part's
    assert "(exact)" in out
    assert "both in Entrepreneurship+ Academy" in out


def test_cli_analyse_json_and_filters(run) -> None:  # type: ignore[no-untyped-def]
    run("load")
    result = run("analyse", "--focus", "Житомир", "--format", "json", "--status", "signed", "--since", "2020")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {"selection", "graph", "top", "communities", "brokers", "k_core", "growth", "focus"}
    assert data["selection"]["filters"]["statuses"] == ["signed"]
    assert data["focus"]["id"] == "ua-zhytomyr"
    assert all(r["year"] >= 2020 for r in data["growth"])
    whole = json.loads(run("analyse", "--format", "json").output)
    assert whole["focus"] is None and whole["graph"]["actors"] >= data["graph"]["actors"]


def test_cli_analyse_bad_input_exit_2(run) -> None:  # type: ignore[no-untyped-def]
    run("load")
    result = run("analyse", "--kind", "Town")
    assert result.exit_code == 2
    assert result.output.startswith("Error: unknown kind 'Town' — use one of: ")
    result = run("analyse", "--focus", "Nowhereville")
    assert result.exit_code == 2 and result.output.startswith("Error: ")


def test_help_does_not_import_networkx() -> None:
    import subprocess
    import sys

    code = "import sys, cli; cli.main(['analyse', '--help'], standalone_mode=False); " \
           "print(sorted(m for m in ('networkx', 'pyvis', 'neo4j') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("[]")


def test_projection_draws_no_tie_between_two_countries(loaded_store: Store) -> None:
    """No source states a partnership between two states; the 14 agreements of 2023 no longer make one."""
    p = partnership_graph(select_graph(loaded_store))
    kinds = nx.get_node_attributes(p, "kind")
    assert [(u, v) for u, v in p.edges if kinds[u] == kinds[v] == "Country"] == []
    assert p.has_node("ua-zhytomyr-oblast") and not p.has_edge("de", "pl")
