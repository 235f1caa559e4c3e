"""The dossier on one place or organisation: who it partners with, since when, through what, and where it stands.

Rows come from the named queries (``partners-of``, ``around``, ``funders-of``, ``projects-by-funder``,
``figures-of``) and from the analysis API (network position, recommendations, agreements by year); the stored
graph supplies the citations behind each row, so every row and fact carries footnotes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from analysis.select import date_of
from graph.errors import NameResolutionError
from graph.model import Citation
from reports.footnotes import Footnotes, citations_of
from reports.lookup import ACTOR_KINDS, country_name, edges, in_edges, label, located_in, out_edges, sources
from reports.model import Chart, Fact, Facts, NetworkView, Paragraph, Report, Row, Section, Table

if TYPE_CHECKING:
    import networkx as nx

    from graph.stores.base import Store

NOT_STATED = "Country not stated"
UNDATED = "undated"
NOT_SIGNED = {"planned", "negotiating"}
RELATION_WORDS = {
    "PARTICIPATES_IN": "takes part in",
    "MEMBER_OF": "member of",
    "MANAGES": "manages",
    "PART_OF": "programme of a project it takes part in",
    "FUNDS": "funds",
    "SUPPORTS": "supports",
}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_text(v) for v in value if v is not None and v != "")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _rows(store: Store, query: str, **params: str | None) -> list[dict[str, Any]]:
    """Records of a named query, with entity parameters already resolved to ids."""
    from queries.library import run_named

    given = {k: v for k, v in params.items() if v is not None}
    return run_named(store, query, given, resolve=lambda ident: ident).records()


class EntityReport:
    """Builds the sections of one entity's report; ``g`` is the whole stored graph, ``x`` the entity id."""

    def __init__(self, store: Store, g: nx.MultiDiGraph, x: str, network_view: bool = True):
        from analysis.projection import partnership_graph

        if x not in g:
            raise NameResolutionError(f"no entity with id {x!r} — `partners stats` shows what is loaded")
        self.store, self.g, self.x = store, g, x
        self.a = g.nodes[x]
        self.p = partnership_graph(g)
        self.notes = Footnotes(sources(g))
        self.network_view = network_view
        self.ua = label(g, "ua") if "ua" in g else "Ukraine"

    # -- helpers ---------------------------------------------------------------------------------------------
    def cite(self, *groups: Iterable[Citation]) -> tuple[int, ...]:
        return self.notes.cite(c for group in groups for c in group)

    def agreements(self) -> list[str]:
        """The Agreement ids the entity is party to."""
        return sorted(t for t, _ in out_edges(self.g, self.x, {"PARTY_TO"})
                      if self.g.nodes[t].get("kind") == "Agreement")

    def agreement_citations(self, agr: str) -> list[Citation]:
        return citations_of(self.g.nodes[agr], *edges(self.g, self.x, agr, {"PARTY_TO"}))

    def tie_citations(self) -> list[Citation]:
        """The citations of every partnership tie of the entity (what its network position rests on)."""
        if self.x not in self.p:
            return []
        return [c for _, _, d in sorted(self.p.edges(self.x, data=True), key=lambda e: str(e[1]))
                for tie in d.get("ties", []) for c in citations_of(tie)]

    # -- sections --------------------------------------------------------------------------------------------
    def build(self) -> Report:
        partners = self.partner_rows()
        sections = [
            self.summary(partners),
            self.partners(partners),
            self.timeline(),
            self.around(),
            self.figures(),
            self.network_position(),
            self.recommendations(),
        ]
        view = self.network()
        if view is not None:
            sections.append(view)
        a = self.a
        title = label(self.g, self.x)
        subtitle = " — ".join(v for v in (a.get("name_uk"), a.get("kind")) if v and v != title)
        n_docs = len({f.source for f in self.notes})
        about = (f"Partnership dossier built from the Partnership Graph ({self.g.number_of_nodes()} entities, "
                 f"{self.g.number_of_edges()} relations); its rows cite {n_docs} source document"
                 f"{'s' if n_docs != 1 else ''} by footnote. Entity id: {self.x}.")
        return Report(title, subtitle, sections, self.notes, about)

    def partner_rows(self) -> list[dict[str, Any]]:
        """partners-of rows, each with the citations of the agreement or cooperation it reports."""
        out = []
        for r in _rows(self.store, "partners-of", name=self.x):
            partner = r["partner"]
            if r["kind"] == "cooperation":
                rels = edges(self.g, self.x, partner, {"COOPERATES_WITH"}, both=True)
                exact = [d for d in rels if (d.get("status"), d.get("since"), d.get("via")) ==
                         (r["status"], r["date"], r["via"])]
                cites = citations_of(*(exact or rels))
            else:
                cites = self.agreement_citations(r["via"]) if r["via"] in self.g else []
            out.append({**r, "citations": cites, "country": r["country"] or NOT_STATED})
        return out

    def summary(self, partners: list[dict[str, Any]]) -> Section:
        g, x, a = self.g, self.x, self.a
        own = citations_of(a)
        facts = Facts()
        if a.get("name_uk"):
            facts.items.append(Fact("Name (Ukrainian)", str(a["name_uk"]), self.cite(own)))
        if a.get("name_en"):
            facts.items.append(Fact("Name (English)", str(a["name_en"]), self.cite(own)))
        if a.get("aliases"):
            facts.items.append(Fact("Also known as", _text(a["aliases"]), self.cite(own)))
        detail = a.get("org_type") or a.get("region_type") or a.get("community_type")
        facts.items.append(Fact("Kind", f"{a.get('kind')}" + (f" ({detail})" if detail else ""), self.cite(own)))
        places = located_in(g, x)
        if places:
            facts.items.append(Fact("Located in", ", ".join(label(g, p) for p, _ in places),
                                    self.cite(*(c for _, c in places))))
        ids = {r["partner"] for r in partners}
        foreign = {r["partner"] for r in partners if r["country"] not in (self.ua, NOT_STATED)}
        countries = {r["country"] for r in partners if r["country"] not in (self.ua, NOT_STATED)}
        facts.items.append(Fact(
            "Partners", f"{len(ids)} — {len(foreign)} outside {self.ua}, in {len(countries)} "
            f"countr{'y' if len(countries) == 1 else 'ies'}", self.cite(*(r["citations"] for r in partners))))
        agreements = self.agreements()
        by_status: dict[str, int] = {}
        for agr in agreements:
            st = str(g.nodes[agr].get("status") or "status unknown")
            by_status[st] = by_status.get(st, 0) + 1
        facts.items.append(Fact(
            "Agreements", f"{len(agreements)}" + (" (" + ", ".join(f"{n} {s}" for s, n in sorted(by_status.items()))
                                                  + ")" if by_status else ""),
            self.cite(*(self.agreement_citations(agr) for agr in agreements))))
        projects = [(t, d) for t, d in out_edges(g, x, {"PARTICIPATES_IN"}) if g.nodes[t].get("kind") == "Project"]
        funded = [(t, d) for t, d in out_edges(g, x, {"FUNDS"}) if g.nodes[t].get("kind") == "Project"]
        facts.items.append(Fact(
            "Projects", f"{len({t for t, _ in projects})} it takes part in" +
            (f", {len({t for t, _ in funded})} it funds" if funded else ""),
            self.cite(*(citations_of(d) for _, d in projects + funded))))
        dated = sorted((date_of(g.nodes[agr]) or "", agr) for agr in agreements
                       if date_of(g.nodes[agr]) and g.nodes[agr].get("status") not in NOT_SIGNED)
        if dated:
            for title, (date, agr) in (("First agreement", dated[0]), ("Latest agreement", dated[-1])):
                n = g.nodes[agr]
                facts.items.append(Fact(title, f"{date} — {label(g, agr)} ({n.get('status')})",
                                        self.cite(self.agreement_citations(agr))))
        planned = [agr for agr in agreements if g.nodes[agr].get("status") in NOT_SIGNED]
        if planned:
            facts.items.append(Fact(
                "Planned agreements", "; ".join(
                    label(g, agr) + (f" (expected {g.nodes[agr]['expected']})" if g.nodes[agr].get("expected") else "")
                    for agr in planned),
                self.cite(*(self.agreement_citations(agr) for agr in planned))))
        return Section("Summary", [facts])

    def partners(self, partners: list[dict[str, Any]]) -> Section:
        g = self.g

        def order(country: str) -> tuple[int, str]:
            return (2 if country == NOT_STATED else 1 if country == self.ua else 0, country)

        table = Table(["Partner", "Partner kind", "Tie", "Status", "Date", "Through"],
                      caption="Agreements and stated cooperation, grouped by the partner's country.")
        counts: dict[str, set[str]] = {}
        notes: dict[str, list[Citation]] = {}
        for r in partners:
            counts.setdefault(r["country"], set()).add(r["partner"])
            notes.setdefault(r["country"], []).extend(r["citations"])
        for r in sorted(partners, key=lambda r: (order(r["country"]), str(r["name"]), str(r["date"] or ""),
                                                 str(r["kind"]))):
            n = len(counts[r["country"]])
            group = f"{r['country']} — {n} partner{'s' if n != 1 else ''}"
            table.rows.append(Row([_text(r["name"]), _text(r["partner_kind"]), _text(r["kind"]), _text(r["status"]),
                                   _text(r["date"]), label(g, r["via"]) if r["via"] else ""],
                                  self.cite(r["citations"]), group=group))
        bars = sorted(((c, float(len(ids))) for c, ids in counts.items()), key=lambda b: (-b[1], order(b[0])))
        chart = Chart("Partners by country", bars, self.cite(*notes.values()))
        return Section("Partners", [table, chart])

    def timeline(self) -> Section:
        """Agreements, dated cooperation, memberships, projects and events of the entity, by date."""
        g, x = self.g, self.x
        items: list[tuple[str, str, str, str, list[Citation]]] = []  # date, what, name, status, citations
        for agr in self.agreements():
            n = g.nodes[agr]
            others = sorted(label(g, s) for s, _ in in_edges(g, agr, {"PARTY_TO"}) if s != x)
            name = f"{label(g, agr)}" + (f" — with {', '.join(others)}" if others else "")
            what = f"Agreement ({n.get('agreement_kind')})"
            steps = [(n[k], f"{what}: {k}") for k in ("signed", "renewed", "expected", "ended") if n.get(k)]
            for date, step in steps or [(UNDATED, what)]:
                items.append((str(date), step, name, _text(n.get("status")), self.agreement_citations(agr)))
        for other, d in list(out_edges(g, x, {"COOPERATES_WITH"})) + list(in_edges(g, x, {"COOPERATES_WITH"})):
            if d.get("since"):
                items.append((str(d["since"]), "Cooperation begins", label(g, other), _text(d.get("status")),
                              citations_of(d)))
        for net, d in out_edges(g, x, {"MEMBER_OF"}):
            if d.get("since"):
                items.append((str(d["since"]), "Joins", label(g, net), "", citations_of(d)))
        for pr, d in out_edges(g, x, {"PARTICIPATES_IN"}):
            if g.nodes[pr].get("kind") == "Project" and g.nodes[pr].get("start"):
                items.append((str(g.nodes[pr]["start"]), f"Project starts ({d.get('role') or 'participant'})",
                              label(g, pr), _text(g.nodes[pr].get("status")), citations_of(d, g.nodes[pr])))
        events: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        for ev, d in out_edges(g, x, {"PARTICIPATES_IN", "ORGANISED"}):
            if g.nodes[ev].get("kind") == "Event":
                events.setdefault(ev, []).append(("organiser" if d["type"] == "ORGANISED" else "participant", d))
        for ev, d in in_edges(g, x, {"HELD_IN"}):
            events.setdefault(ev, []).append(("held here", d))
        for ev, roles in events.items():
            n = g.nodes[ev]
            place = [label(g, t) for t, _ in out_edges(g, ev, {"HELD_IN"})]
            role = ", ".join(sorted({r for r, _ in roles}))
            items.append((str(n.get("date") or UNDATED), f"Event ({n.get('event_type') or 'event'}; {role})",
                          label(g, ev) + (f" — in {', '.join(place)}" if place else ""), _text(n.get("status")),
                          citations_of(n, *(d for _, d in roles))))
        items.sort(key=lambda i: (i[0] == UNDATED, i[0], i[1], i[2]))
        table = Table(["Date", "What", "Name", "Status"],
                      caption="Dates as the sources give them (a year, a month or a day).")
        for date, what, name, status, cites in items:
            table.rows.append(Row([date, what, name, status], self.cite(cites)))
        blocks: list[Any] = [table]
        chart = self.agreements_chart()
        if chart is not None:
            blocks.append(chart)
        return Section("Timeline", blocks)

    def agreements_chart(self) -> Chart | None:
        """New agreements and cooperation per year (analysis.growth), as a bar chart."""
        from analysis.growth import agreements_by_year

        per_year: dict[str, float] = {}
        for r in agreements_by_year(self.g, self.x):
            per_year[str(r["year"])] = per_year.get(str(r["year"]), 0) + float(r["count"])
        if not per_year:
            return None
        dated = [d for _, d in list(out_edges(self.g, self.x, {"COOPERATES_WITH"})) +
                 list(in_edges(self.g, self.x, {"COOPERATES_WITH"})) if d.get("since")]
        return Chart("Agreements and cooperation by year", sorted(per_year.items()),
                     self.cite(*(self.agreement_citations(a) for a in self.agreements()
                                 if date_of(self.g.nodes[a])), citations_of(*dated)))

    def around(self) -> Section:
        """Projects, programmes and networks, donors — from around, projects-by-funder and funders-of."""
        g, x = self.g, self.x
        part = {t: d for t, d in out_edges(g, x, {"PARTICIPATES_IN"}) if g.nodes[t].get("kind") == "Project"}
        funds = {t: d for t, d in out_edges(g, x, {"FUNDS"}) if g.nodes[t].get("kind") == "Project"}
        projects = Table(["Project", "Role", "Status", "Funders", "Programme"])
        rows = {r["project"]: r for r in _rows(self.store, "projects-by-funder") if r["project"] in part}
        rows.update({r["project"]: r for r in _rows(self.store, "projects-by-funder", funder=x)})
        for pid, r in sorted(rows.items(), key=lambda kv: str(kv[1]["name"])):
            role = part[pid].get("role") or "participant" if pid in part else "funder"
            cites = citations_of(g.nodes[pid], *(d for d in (part.get(pid), funds.get(pid)) if d),
                                 *(d for _, d in in_edges(g, pid, {"FUNDS"})),
                                 *(d for _, d in out_edges(g, pid, {"PART_OF"})))
            projects.rows.append(Row([_text(r["name"]), _text(role), _text(r["status"]), _text(r["funders"]),
                                      _text(r["programme"])], self.cite(cites)))
        networks = Table(["Programme or network", "Kind", "Relation", "Role", "Through"])
        for r in _rows(self.store, "around", name=x):
            if r["kind"] in ("Project", "Event") or r["relation"] not in ("PARTICIPATES_IN", "MEMBER_OF", "MANAGES",
                                                                          "PART_OF"):
                continue
            t = r["id"]
            if r["relation"] == "PART_OF":
                cites = [c for pr, d in part.items() for e in edges(g, pr, t, {"PART_OF"})
                         for c in citations_of(d, e)]
            else:
                cites = citations_of(*edges(g, x, t, {r["relation"]}))
            kind = r["kind"] + (f" ({r['org_type']})" if r.get("org_type") else "")
            networks.rows.append(Row([_text(r["name"]), kind, RELATION_WORDS.get(r["relation"], r["relation"]),
                                      _text(r["role"]), _text(r["through"])], self.cite(cites)))
        donors = Table(["Donor", "Kind", "For what", "Amount"])
        for r in _rows(self.store, "funders-of", name=x):
            d_id = r["donor"]
            direct = [d for d in edges(g, d_id, x, {"SUPPORTS", "FUNDS"})
                      if (d.get("support_type") or "funding") == r["for_what"]]
            via = [c for pr, dp in part.items() if label(g, pr) == r["for_what"]
                   for e in edges(g, d_id, pr, {"FUNDS"}) for c in citations_of(dp, e)]
            amount = " ".join(_text(v) for v in (r["amount"], r["currency"]) if v is not None)
            donors.rows.append(Row([_text(r["name"]), _text(r["kind"]), _text(r["for_what"]), amount],
                                   self.cite(citations_of(*direct), via)))
        return Section("Projects, programmes and donors", [
            Paragraph("Projects it takes part in or funds:"), projects,
            Paragraph("Programmes and networks around it:"), networks,
            Paragraph("Who funds or supports it:"), donors,
        ])

    def figures(self) -> Section:
        table = Table(["Period", "Figure", "Value"], caption="Numbers as the sources state them.")
        for r in _rows(self.store, "figures-of", name=self.x):
            number = r["value"]
            if isinstance(number, float) and number.is_integer():
                number = int(number)
            numeric = isinstance(number, (int, float)) and not isinstance(number, bool)
            shown = f"{number:,}" if numeric else _text(number)
            value = " ".join(v for v in (_text(r["qualifier"]), shown, _text(r["unit"])) if v)
            cites = citations_of({"source_ids": r["sources"], "quotes": r["quotes"]})
            table.rows.append(Row([_text(r["period"]), _text(r["metric"]).replace("-", " "), value], self.cite(cites)))
        return Section("Figures", [table])

    def network_position(self) -> Section:
        from analysis import metrics

        p, x = self.p, self.x
        section = Section("Network position", intro=(
            "Measured on the partnership network of the whole graph: places and organisations joined by agreements "
            "and stated cooperation. Footnotes: the entity's own ties, which these measures rest on."))
        if x not in p or p.degree(x) == 0:
            section.blocks.append(Paragraph(
                f"{label(self.g, x)} has no partnership ties in the data, so it has no network position."
                if x in p else f"Only places and organisations ({', '.join(sorted(ACTOR_KINDS))}) take part in the "
                               f"partnership network; this is a {self.a.get('kind')}."))
            return section
        pos = metrics.network_position(p, x)
        notes = self.cite(self.tie_citations())
        n = pos["n_nodes"]
        members: list[str] = []
        communities = metrics.communities(p)
        index = pos.get("community")
        if isinstance(index, int) and 0 <= index < len(communities):
            members = sorted((m for m in communities[index] if m != x), key=lambda m: (-p.degree(m), label(p, m)))
        shown = ", ".join(label(self.g, m) for m in members[:8]) + (f" and {len(members) - 8} more"
                                                                     if len(members) > 8 else "")
        section.blocks.append(Facts([
            Fact("Direct partners (degree)", f"{p.degree(x)} — rank {pos['rank_degree']} of {n}", notes),
            Fact("Influence (PageRank)", f"rank {pos['rank_pagerank']} of {n} — high when its partners are "
                 "themselves well connected", notes),
            Fact("Bridging (betweenness)", f"rank {pos['rank_betweenness']} of {n} — high when it lies on many "
                 "shortest routes between others", notes),
            Fact("Community", f"one of {pos['community_size']} members of a cluster found by Louvain"
                 + (f", with {shown}" if shown else ""), notes),
            Fact("Broker", "yes — some partners reach the rest of the network only through it"
                 if pos["is_broker"] else "no — its partners are also reachable without it", notes),
            Fact("Core number", f"{pos['core_number']} — it sits in a group where everyone has at least that many "
                 "partners within the group", notes),
        ]))
        return section

    def recommendations(self) -> Section:
        from analysis.recommend import recommend_partners

        g, p, x = self.g, self.p, self.x
        section = Section("Recommended next partners", intro=(
            "Candidates the entity has no tie with yet, scored from the structure of the network "
            "(analysis.recommend). Footnotes: the shared partners' ties and the shared memberships, projects and "
            "events the reasons rest on; else the candidate's own record."))
        if x not in p:
            section.blocks.append(Paragraph("Recommendations are made for places and organisations only."))
            return section
        table = Table(["Candidate", "Country", "Score", "Why"], empty="No candidates: the entity has no ties yet.")
        for rec in recommend_partners(g, p, x, top=5):
            cand = rec.candidate
            cites = recommendation_citations(g, p, x, cand)
            table.rows.append(Row([rec.name or label(g, cand), country_name(g, cand) or "", f"{rec.score:.2f}",
                                   "; ".join(rec.reasons)], self.cite(cites)))
        section.blocks.append(table)
        return section

    def network(self) -> Section | None:
        """The interactive view of the entity's neighbourhood, from viz.network (HTML only)."""
        if not self.network_view:
            return None
        return Section("Network view", [network_view(self.store, self.x)],
                       intro="The entity's neighbourhood in the graph, two steps out (interactive in the HTML report).")


def recommendation_citations(g: nx.MultiDiGraph, p: nx.Graph, x: str, cand: str) -> list[Citation]:
    """What a recommendation of ``cand`` to ``x`` rests on: the ties to partners both have, the networks,
    projects and events both are in — else the candidate's own record."""
    cites = [c for w in sorted(set(p[x]) & set(p[cand]), key=str) for u, v in ((x, w), (w, cand))
             for tie in p[u][v]["ties"] for c in citations_of(tie)]
    groups = {"MEMBER_OF", "PARTICIPATES_IN", "ORGANISED"}
    for grp in sorted(set(g.successors(x)) & set(g.successors(cand)), key=str):
        cites += citations_of(*edges(g, x, grp, groups), *edges(g, cand, grp, groups))
    return cites or citations_of(g.nodes[cand])


def network_view(store: Store, x: str, depth: int = 2) -> NetworkView:
    """The page of viz.network for the neighbourhood of ``x`` (``depth`` steps), or a marked TODO without it."""
    try:
        from viz.network import network_html, view_title
    except ImportError:
        return NetworkView(None, "TODO: embed the interactive network view — viz.network.network_html is not "
                                 "available.")
    from analysis.select import select_graph

    g = select_graph(store, focus=x, depth=depth)
    return NetworkView(network_html(g, view_title(x, depth, False, [label(g, x)])))


def build_entity_report(store: Store, ident: str, graph: nx.MultiDiGraph | None = None,
                        network_view: bool = True) -> Report:
    """The dossier on the entity with id ``ident`` (resolve names first with :class:`graph.names.NameIndex`).

    ``graph`` is the whole stored graph when the caller already has it (``select_graph(store)``).
    """
    from analysis.select import select_graph

    g = graph if graph is not None else select_graph(store)
    return EntityReport(store, g, ident, network_view).build()
