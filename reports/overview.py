"""The overview of the whole graph (``partners report --all``): largest partners, countries, networks, growth, gaps.

Rows come from the named queries ``top-foreign-partners`` and ``places-without-foreign-partner``, from
``analysis.growth.agreements_by_year`` and from the memberships in the stored graph; rows that rest on stated
facts carry footnotes to the documents.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from analysis.select import date_of
from graph.model import Citation
from reports.entity import _text
from reports.footnotes import Footnotes, citations_of
from reports.lookup import ACTOR_KINDS, in_edges, label, located_in, sources
from reports.model import Chart, Fact, Facts, Paragraph, Report, Row, Section, Table

if TYPE_CHECKING:
    import networkx as nx

    from graph.stores.base import Store


def _rows(store: Store, query: str, **params: str | None) -> list[dict[str, Any]]:
    """Records of a named query, with entity parameters already resolved to ids."""
    from queries.library import run_named

    given = {k: v for k, v in params.items() if v is not None}
    return run_named(store, query, given, resolve=lambda ident: ident).records()

TOP_PARTNERS = 25
TOP_NETWORKS = 25
NETWORK_KINDS = frozenset({"Organisation", "Programme"})


def build_overview_report(store: Store, graph: nx.MultiDiGraph | None = None) -> Report:
    """The overview of everything in ``store`` (``graph``: the whole stored graph, when the caller has it)."""
    from analysis.projection import partnership_graph
    from analysis.select import select_graph

    g = graph if graph is not None else select_graph(store)
    notes = Footnotes(sources(g))
    p = partnership_graph(g)
    top = _rows(store, "top-foreign-partners")
    sections = [
        _contents(g),
        _largest_partners(g, p, top, notes),
        _countries(g, p, top, notes),
        _networks(g, notes),
        _growth(g, notes),
        _gaps(g, p, _rows(store, "places-without-foreign-partner"), notes),
    ]
    n_docs = sum(1 for _, a in g.nodes(data=True) if a.get("kind") == "Source")
    about = (f"Overview of the Partnership Graph: {g.number_of_nodes()} entities and {g.number_of_edges()} relations "
             f"from {n_docs} source documents; rows that state facts cite them by footnote.")
    return Report("Partnership Graph — overview", "Ukrainian international partnerships in the data", sections,
                  notes, about)


def _tie_citations(p: nx.Graph, u: Any, v: Any) -> list[Citation]:
    if not p.has_edge(u, v):
        return []
    return [c for tie in p[u][v]["ties"] for c in citations_of(tie)]


def _ukrainian_ties(g: nx.MultiDiGraph, p: nx.Graph, partner: str, names: list[str]) -> list[Citation]:
    """Citations of the ties between a foreign ``partner`` and the Ukrainian actors named in ``names``."""
    wanted = set(names)
    if partner not in p:
        return []
    return [c for w in sorted(p[partner], key=str) if label(g, w) in wanted for c in _tie_citations(p, partner, w)]


def _contents(g: nx.MultiDiGraph) -> Section:
    kinds: dict[str, int] = {}
    for _, a in g.nodes(data=True):
        kinds[str(a.get("kind"))] = kinds.get(str(a.get("kind")), 0) + 1
    rels: dict[str, int] = {}
    for _, _, d in g.edges(data=True):
        rels[str(d.get("type"))] = rels.get(str(d.get("type")), 0) + 1
    facts = Facts([
        Fact("Entities", ", ".join(f"{n} {k}" for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))),
        Fact("Relations", ", ".join(f"{n} {k}" for k, n in sorted(rels.items(), key=lambda kv: (-kv[1], kv[0])))),
    ])
    docs = Table(["Source", "Title", "File", "Publisher", "Published"],
                 caption="The documents every footnote points to.")
    for n, a in sorted(g.nodes(data=True), key=lambda na: str(na[0])):
        if a.get("kind") == "Source":
            docs.rows.append(Row([str(n), _text(a.get("name_en") or a.get("name_uk")), _text(a.get("file")),
                                  _text(a.get("publisher")), _text(a.get("published"))]))
    return Section("What the graph holds", [facts, docs])


def _largest_partners(g: nx.MultiDiGraph, p: nx.Graph, top: list[dict[str, Any]], notes: Footnotes) -> Section:
    table = Table(["Foreign partner", "Country", "Ukrainian partners", "Who"])
    for r in top[:TOP_PARTNERS]:
        table.rows.append(Row([_text(r["name"]), _text(r["country"]), _text(r["n_ukrainian_partners"]),
                               _text(r["ukrainian_partners"])],
                              notes.cite(_ukrainian_ties(g, p, r["partner"], r["ukrainian_partners"]))))
    intro = ("Places and organisations abroad with the most Ukrainian partners (through agreements or stated "
             "cooperation)" + (f"; the first {TOP_PARTNERS} of {len(top)}." if len(top) > TOP_PARTNERS else "."))
    return Section("Largest foreign partners", [table], intro=intro)


def _countries(g: nx.MultiDiGraph, p: nx.Graph, top: list[dict[str, Any]], notes: Footnotes) -> Section:
    by_country: dict[str, dict[str, Any]] = {}
    for r in top:
        c = by_country.setdefault(str(r["country"]), {"partners": set(), "ukrainian": set(), "citations": []})
        c["partners"].add(r["name"])
        c["ukrainian"].update(r["ukrainian_partners"])
        c["citations"] += _ukrainian_ties(g, p, r["partner"], r["ukrainian_partners"])
    ordered = sorted(by_country.items(), key=lambda kv: (-len(kv[1]["partners"]), kv[0]))
    table = Table(["Country", "Foreign partners", "Ukrainian partners", "Partners abroad"])
    for country, c in ordered:
        table.rows.append(Row([country, str(len(c["partners"])), str(len(c["ukrainian"])),
                               "; ".join(sorted(c["partners"]))], notes.cite(c["citations"])))
    chart = Chart("Foreign partners by country", [(k, float(len(c["partners"]))) for k, c in ordered],
                  notes.cite(c for _, v in ordered for c in v["citations"]))
    return Section("Countries", [table, chart])


def _networks(g: nx.MultiDiGraph, notes: Footnotes) -> Section:
    """Networks, associations and programmes with the places and organisations that belong to or take part in them."""
    found = []
    for n, a in g.nodes(data=True):
        if a.get("kind") not in NETWORK_KINDS:
            continue
        members = [(m, d) for m, d in in_edges(g, n, {"MEMBER_OF", "PARTICIPATES_IN"})
                   if g.nodes[m].get("kind") in ACTOR_KINDS]
        if members:
            found.append((n, members))
    found.sort(key=lambda nm: (-len({m for m, _ in nm[1]}), label(g, nm[0])))
    table = Table(["Network or programme", "Kind", "Members", "Who"])
    for n, members in found[:TOP_NETWORKS]:
        names = sorted({label(g, m) for m, _ in members})
        table.rows.append(Row([label(g, n), _text(g.nodes[n].get("kind")), str(len(names)), "; ".join(names)],
                              notes.cite(citations_of(*(d for _, d in members)))))
    intro = ("Networks, associations and programmes, by how many places and organisations in the data belong to or "
             "take part in them" + (f"; the first {TOP_NETWORKS} of {len(found)}." if len(found) > TOP_NETWORKS
                                   else "."))
    return Section("Networks and memberships", [table], intro=intro)


def _growth(g: nx.MultiDiGraph, notes: Footnotes) -> Section:
    from analysis.growth import agreements_by_year

    def cites_for(year: str, kind: str) -> list[Citation]:
        out: list[Citation] = []
        if kind == "cooperation":
            for _, _, d in g.edges(data=True):
                if d.get("type") == "COOPERATES_WITH" and str(d.get("since") or "")[:4] == year:
                    out += citations_of(d)
            return out
        for _, a in g.nodes(data=True):
            if a.get("kind") == "Agreement" and str(a.get("agreement_kind") or "agreement") == kind \
                    and str(date_of(a) or "")[:4] == year:
                out += citations_of(a)
        return out

    rows = agreements_by_year(g)
    table = Table(["Year", "Kind", "New"], caption="An agreement counts in the year it was signed, else renewed, "
                  "else (when planned) expected; cooperation without an agreement in the year it began.")
    per_year: dict[str, float] = {}
    all_cites: list[Citation] = []
    for r in rows:
        year, kind = str(r["year"]), str(r["kind"])
        cites = cites_for(year, kind)
        all_cites += cites
        table.rows.append(Row([year, kind, str(r["count"])], notes.cite(cites)))
        per_year[year] = per_year.get(year, 0) + float(r["count"])
    chart = Chart("Agreements and cooperation by year", sorted(per_year.items()), notes.cite(all_cites))
    undated = sum(1 for _, a in g.nodes(data=True) if a.get("kind") == "Agreement" and not date_of(a))
    blocks: list[Any] = [table, chart]
    if undated:
        blocks.append(Paragraph(f"{undated} agreement{'s' if undated != 1 else ''} without a date in the sources "
                                "are not counted."))
    return Section("Growth", blocks)


def _gaps(g: nx.MultiDiGraph, p: nx.Graph, rows: list[dict[str, Any]], notes: Footnotes) -> Section:
    table = Table(["Place", "Kind", "In", "Partners in Ukraine"],
                  empty="Every Ukrainian place in the data has a partner abroad.")
    for r in rows:
        place = r["place"]
        where = located_in(g, place) if place in g else []
        cites = citations_of(g.nodes[place]) if place in g else []
        cites += [c for _, cs in where for c in cs]
        domestic = [c for w in sorted(p[place], key=str) for c in _tie_citations(p, place, w)] if place in p else []
        table.rows.append(Row([_text(r["name"]), _text(r["kind"]), ", ".join(label(g, w) for w, _ in where),
                               _text(r["domestic_partners"])], notes.cite(cites + domestic)))
    return Section("Places without foreign partners", [table], intro=(
        "Ukrainian cities, communities and regions in the data with no partner outside Ukraine — the gaps to work "
        "on. Footnotes: the record of the place and its ties in Ukraine (an absence has no source of its own)."))
