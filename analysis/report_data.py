"""The whole network analysis of a selection, as plain data (for JSON) and as text tables (``partners analyse``).

:func:`analyse_store` selects from a store and calls :func:`build_report`, which is pure over NetworkX graphs:
size, top actors by weighted degree / PageRank / betweenness, communities, brokers, k-core, growth by year and
kind, and — for a focus — its position in the whole (filtered) network and its recommended next partners.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from analysis.results import AnalysisReport, Bridge, Focus, Ranked, Who
from analysis.select import Filters

if TYPE_CHECKING:
    import networkx as nx

    from graph.stores.base import Store


def _import_networkx() -> None:
    import networkx  # noqa: F401


# ``partners analyse`` imports this module before it opens the store, and starting the embedded server (reading its
# data file) takes 0.6-1 s in which this process only waits: NetworkX (0.3-0.4 s to import, every analysis needs it)
# is imported meanwhile, in a thread. The first use of ``networkx`` waits for that import to finish, as any import
# of a module another thread is importing does (bench/results/latency.md "analyse --focus on hubs").
threading.Thread(target=_import_networkx, name="import networkx", daemon=True).start()

SEED = 42
GROUPS_SHOWN = 3  # communities listed with their members

#: what :func:`analyse_store` reports to its ``progress`` callback, in order (the CLI's progress bar length)
STEPS = ("reading the store", "partnership ties", "ties per actor", "PageRank", "betweenness", "communities",
         "brokers", "k-core", "growth", "focus")
Progress = Callable[[str], None]


def _noop(step: str) -> None:
    return None


def analyse_store(store: Store, focus: str | None = None, depth: int = 2, filters: Filters | None = None,
                  top: int = 10, progress: Progress | None = None, include_flagged: bool = False) -> AnalysisReport:
    """Select from ``store`` (all of it, or ``depth`` steps around the entity named ``focus``, any name or
    alias) and analyse it with :func:`build_report`. With a focus, its partners, ties and recommendations are
    computed in the focus read's part of the graph (reports/read.py read_focus_graph: what they depend on, so
    they are the whole graph's) under the same filters, and so are its ranks, community and core — labelled as
    the part's (the whole read takes 20–40 s on the national graph; keeping whole-network figures per load would
    add a whole analysis to every load and would not hold under filters).
    Flagged ties (graph/flags.py) are left out of the measures and recommendations unless ``include_flagged``.
    ``progress`` is called with each of :data:`STEPS` as it starts."""
    from analysis.nogc import collector_paused

    with collector_paused():  # the read and the measures make millions of objects and no cycles (analysis/nogc.py)
        return _analyse(store, focus, depth, filters or Filters(), top, progress, include_flagged)


def _analyse(store: Store, focus: str | None, depth: int, filters: Filters, top: int, progress: Progress | None,
             include_flagged: bool) -> AnalysisReport:
    from analysis.nogc import release
    from analysis.select import apply_filters, select_graph
    from graph.names import NameIndex
    from reports.read import read_focus_graph

    step = progress or _noop
    step(STEPS[0])
    if focus is None:
        # the measures read no citations (select_graph's evidence): without them, a quarter of the bytes to decode
        g = select_graph(store, filters=filters, evidence=False)
        report = build_report(g, top=top, filters=filters, progress=progress, include_flagged=include_flagged)
        release(g)
        return report
    ident = NameIndex.from_store(store).resolve(focus)
    around = select_graph(store, focus=ident, depth=depth, filters=filters, evidence=False)
    part, _ = read_focus_graph(store, ident, evidence=False)
    if part is None:  # a load came between the steps of the focus read: the whole graph, as before
        return build_report(around, focus=ident, top=top,
                            whole=select_graph(store, filters=filters, evidence=False), filters=filters, depth=depth,
                            progress=progress, include_flagged=include_flagged)
    report = build_report(around, focus=ident, top=top, whole=apply_filters(part, filters, keep=ident),
                          filters=filters, depth=depth, progress=progress, include_flagged=include_flagged,
                          whole_is_part=True)
    release(around, part)
    return report


def _who(p: nx.Graph, n: Any) -> Who:
    from analysis.metrics import name_of

    return {"id": n, "name": name_of(p, n)}


def _top(p: nx.Graph, values: dict[Any, float], top: int) -> list[Ranked]:
    """The ``top`` actors by ``values``; an actor whose value is 0 is in no top list (a row of zeros ranks nothing —
    it would list countries and lone actors in id order)."""
    ranked = sorted(((n, v) for n, v in values.items() if v > 0), key=lambda kv: (-kv[1], str(kv[0])))[:top]
    return [{**_who(p, n), "kind": p.nodes[n].get("kind"), "country": p.nodes[n].get("country"),
             "value": round(v, 6)} for n, v in ranked]


def build_report(g: nx.MultiDiGraph, focus: Any | None = None, top: int = 10, whole: nx.MultiDiGraph | None = None,
                 filters: Filters | None = None, depth: int | None = None,
                 progress: Progress | None = None, include_flagged: bool = False,
                 whole_is_part: bool = False) -> AnalysisReport:
    """Every section of ``partners analyse`` for the stored-graph selection ``g``, as JSON-ready data.

    ``focus`` (an entity id) adds the ``focus`` section, computed in ``whole`` (default ``g``); ``whole_is_part``
    says ``whole`` is the focus read's part of the network (reports/read.py read_focus_graph), not all of it.
    ``progress`` is called with the name of each step (:data:`STEPS`) as it starts. Ties flagged in the graph (a
    partner in Russia or Belarus, an occupied place, announced, ended) are left out unless ``include_flagged``.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> for n in "abc":
    ...     g.add_node(n, kind="City", name_en=n.upper())
    >>> _ = g.add_edge("a", "b", type="COOPERATES_WITH", since="2021"); _ = g.add_edge("b", "c", type="COOPERATES_WITH")
    >>> r = build_report(g, focus="a")
    >>> r["graph"]["actors"], r["graph"]["ties"], r["brokers"]["articulation_points"][0]["name"]
    (3, 2, 'B')
    >>> r["growth"], [x["name"] for x in r["focus"]["recommendations"]]
    ([{'year': 2021, 'kind': 'cooperation', 'count': 1}], ['C'])
    """
    import networkx as nx

    from analysis import metrics
    from analysis.growth import agreements_by_year
    from analysis.nogc import release
    from analysis.projection import partnership_graph

    step = progress or _noop
    step(STEPS[1])
    p = partnership_graph(g, flagged=include_flagged)
    degree = dict(p.degree())   # one pass: a p.degree(n) call per actor makes a view each time
    tied = [n for n in p if degree[n]]
    step(STEPS[2])
    by_degree = metrics.degree_table(p, top=top)
    step(STEPS[3])
    h = metrics._canonical(p)   # sorted once for every measure below; names and kinds stay on p
    by_pagerank = _top(p, metrics.pagerank(h), top)
    step(STEPS[4])
    k = metrics.betweenness_sample_size(p)
    by_betweenness = _top(p, metrics.betweenness(h, k=k, seed=SEED), top)
    step(STEPS[5])
    groups = metrics.communities(h, seed=SEED)
    step(STEPS[6])
    found = metrics.brokers(h)
    step(STEPS[7])
    cores = metrics.k_core(h)
    max_core = max(cores.values(), default=0)
    bridges: list[Bridge] = [{"between": [_who(p, u), _who(p, v)], "sole_partner": degree[u] == 1 or degree[v] == 1}
               for u, v in found["bridges"]]
    step(STEPS[8])
    report: AnalysisReport = {
        "selection": {"focus": focus, "depth": depth if focus is not None else None,
                      "filters": asdict(filters or Filters()), "include_flagged": include_flagged},
        "graph": {"entities": g.number_of_nodes(), "relations": g.number_of_edges(), "actors": p.number_of_nodes(),
                  "actors_with_partners": len(tied), "ties": p.number_of_edges(),
                  "agreements_and_cooperations": int(sum(w for _, _, w in p.edges(data="weight", default=1))),
                  # the groups of actors with partners: every group but the actors alone (p has no self-ties)
                  "connected_groups": nx.number_connected_components(p) - (p.number_of_nodes() - len(tied))},
        "top": {"weighted_degree": by_degree,
                "pagerank": by_pagerank,
                "betweenness": by_betweenness,
                "betweenness_sample": {"k": k, "seed": SEED} if k else None},
        "communities": {"count": len(groups), "with_partners": sum(1 for c in groups if len(c) > 1),
                        "largest": [{"index": i, "size": len(c),
                                     "members": [_who(p, n) for n in sorted(c, key=str)]}
                                    for i, c in enumerate(groups[:GROUPS_SHOWN]) if len(c) > 1]},
        "brokers": {"articulation_points": [{**_who(p, n), "degree": degree[n]}
                                            for n in found["articulation_points"]],
                    "bridges": bridges},
        "k_core": {"max_core": max_core,
                   "members": [_who(p, n) for n, c in sorted(cores.items(), key=lambda kv: str(kv[0]))
                               if c == max_core and max_core > 0],
                   "actors_by_core": {str(c): n for c, n in sorted(Counter(cores.values()).items(), reverse=True)}},
        "growth": agreements_by_year(g),
        "focus": None,
    }
    step(STEPS[9])
    if focus is not None:
        report["focus"] = _focus_section(whole if whole is not None else g, focus, top, include_flagged,
                                          whole_is_part)
    release(h, p)  # made here and done with (analysis/nogc.py)
    return report


PART = ("its part of the graph (itself, its partners and theirs, what they share; filters applied) — ranks, "
        "community, broker and core are within that part, not the whole network: run `partners analyse` without "
        "--focus for those")


def _focus_section(g: nx.MultiDiGraph, focus: Any, top: int, include_flagged: bool = False,
                   part: bool = False) -> Focus:
    """Position and recommended partners of ``focus`` in ``g``; empty for what is not a place or organisation.

    With ``part``, ``g`` is the focus read's part of the network: its partners, ties and recommendations are the
    whole graph's (tests/test_analysis_focus.py), but ranks, community, broker and core are of the part and say so
    in ``in`` — whole-network figures would need the whole read (seconds to minutes on the national graph)."""
    from analysis import metrics
    from analysis.growth import agreements_by_year
    from analysis.projection import partnership_graph
    from analysis.recommend import recommend_partners

    p = partnership_graph(g, flagged=include_flagged)
    section: Focus = {"id": focus, "name": metrics.name_of(g, focus),
                               "kind": g.nodes[focus].get("kind") if focus in g else None,
                               "in": PART if part else "the whole graph (filters applied)"}
    # one actor, whatever body speaks for it: a council or administration answers as the place it acts for
    actor = p.graph.get("acts_for", {}).get(focus, focus)
    section["actor"] = {"id": actor, "name": metrics.name_of(g, actor)}
    focus = actor
    if focus not in p:
        section.update({"partners": None, "ties": None, "position": None, "recommendations": [], "growth": [],
                        "note": "network position and recommendations are for places and organisations"
                        if focus in g else "not in the graph under these filters"})
        return section
    section["partners"] = p.degree(focus)
    section["partner_ids"] = sorted(p[focus], key=str)
    section["ties"] = int(p.degree(focus, weight="weight"))
    section["position"] = metrics.network_position(p, focus)
    section["recommendations"] = [asdict(r) for r in recommend_partners(g, p, focus, top=min(top, 10),
                                                                        include_flagged=include_flagged)]
    section["growth"] = agreements_by_year(g, focus)
    return section
