"""The overview of the whole graph (``partners report --all``): largest partners, countries, networks, growth, gaps.

Computed from one read of the graph (:func:`reports.read.read_graph`) with the tie rule of the dossier
(:meth:`reports.entity.EntityReport.ties`, which is what ``partners-of`` lists): the foreign partners with the most
Ukrainian partners (as ``top-foreign-partners``), countries, networks and memberships, growth
(``analysis.growth.agreements_by_year``) and the places with no partner abroad in the loaded sources (as
``places-without-foreign-partner``). Rows that rest on stated facts carry footnotes to the documents.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from analysis.actors import actor_of
from analysis.select import date_of
from graph.model import Citation
from reports.entity import EntityReport, words
from reports.footnotes import Footnotes, citations_of
from reports.i18n import Lang, sort_key
from reports.lookup import ACTOR_KINDS, in_edges, located_in, sources
from reports.model import Chart, Fact, Facts, Paragraph, Report, Row, Section, Table

if TYPE_CHECKING:
    import networkx as nx

TOP_PARTNERS = 25
TOP_NETWORKS = 25
NETWORK_KINDS = frozenset({"Organisation", "Programme"})
PLACE_KINDS = frozenset({"City", "Community", "Region"})
GAP_SAMPLE = 10  # communities (or places) without a partner abroad shown by name; `partners coverage` lists all
FULL_GAP_LIST = "partners coverage --format csv --list gaps"  # the command that lists every gap


class Overview(EntityReport):
    """The overview's sections; it borrows the dossier's words and tie rule, with no focus entity."""

    def __init__(self, g: nx.MultiDiGraph, lang: Lang, include_flagged: bool = False):
        from analysis.projection import partnership_graph
        from graph.flags import without_flagged

        self.g, self.x, self.L, self.brief = g, "", lang, False
        self.a: dict[str, Any] = {}
        self.include_flagged = include_flagged
        self.p = partnership_graph(g) if include_flagged else without_flagged(partnership_graph(g))
        self.amap = self.p.graph.get("acts_for", {})
        self.actor = ""
        self.notes = Footnotes(sources(g))
        self.network_view = False
        self._metrics = {}

    def ukrainian_actors(self) -> list[str]:
        """Places and organisations located in Ukraine (not Ukraine itself)."""
        return sorted(n for n, a in self.g.nodes(data=True)
                      if a.get("country") == "ua" and n != "ua" and a.get("kind") in ACTOR_KINDS)

    def foreign_partners(self) -> list[dict[str, Any]]:
        """Foreign partners by how many Ukrainian actors partner with them (``top-foreign-partners``)."""
        found: dict[str, dict[str, Any]] = {}
        actors = sorted({actor_of(self.amap, n) for n in self.ukrainian_actors()}, key=str)  # a council is its oblast
        for x in actors:
            for t in self.ties(x):
                if t.country_level or not self.is_foreign(t.partner) or (t.flags and not self.include_flagged):
                    continue  # a flagged tie (Russia/Belarus, occupied, announced, ended) is not counted by default
                entry = found.setdefault(t.partner, {"partner": t.partner, "ukrainian": set(), "citations": []})
                entry["ukrainian"].add(x)
                entry["citations"] += t.citations
        return sorted(found.values(), key=lambda e: (-len(e["ukrainian"]), self.name(e["partner"])))

    def build_overview(self) -> Report:
        top = self.foreign_partners()
        from analysis.coverage import coverage, graph_of

        self.cov = coverage(graph_of(self.g))
        sections = [self.contents(), self.largest_partners(top), self.countries(top), self.networks(),
                    self.growth(), *([self.national_coverage()] if self.cov.national_units else []), self.gaps()]
        n_docs = sum(1 for _, a in self.g.nodes(data=True) if a.get("kind") == "Source")
        about = self._("Overview of the Partnership Graph: {nodes} entities and {edges} relations from {docs} source "
                       "documents; rows that state facts cite them by footnote.", nodes=self.g.number_of_nodes(),
                       edges=self.g.number_of_edges(), docs=n_docs)
        return Report(self._("Partnership Graph — overview"),
                      self._("Ukrainian international partnerships in the data"), sections, self.notes, about,
                      lang=self.L.code, words=words(self.L))

    def contents(self) -> Section:
        g = self.g
        kinds: dict[str, int] = {}
        for _, a in g.nodes(data=True):
            kinds[str(a.get("kind"))] = kinds.get(str(a.get("kind")), 0) + 1
        facts = Facts([
            Fact(self._("Entities"), ", ".join(f"{self.word(k)} — {n}"
                                             for k, n in sorted(kinds.items(), key=lambda kv: (-kv[1], kv[0])))),
            Fact(self._("Relations"), str(g.number_of_edges())),
        ])
        docs = Table([self._("Title"), self._("Publisher"), self._("Published")],
                     caption=self._("The documents every footnote points to."))
        for _, a in sorted(g.nodes(data=True), key=lambda na: str(na[0])):
            if a.get("kind") == "Source":
                title = self.L.name(a)
                docs.rows.append(Row([title, str(a.get("publisher") or ""), self.date(a.get("published"))]))
        return Section(self._("What the graph holds"), [facts, docs])

    def largest_partners(self, top: list[dict[str, Any]]) -> Section:
        table = Table([self._("Foreign partner"), self._("Country"), self._("Ukrainian partners"), self._("Who")])
        for e in top[:TOP_PARTNERS]:
            names = sorted(self.listed(u) for u in e["ukrainian"])
            table.rows.append(Row([self.listed(e["partner"]), self.country(e["partner"]), str(len(names)),
                                   "; ".join(names)], self.cite(e["citations"])))
        intro = self._("Places and organisations abroad with the most Ukrainian partners (through agreements or "
                       "stated cooperation).")
        if not self.include_flagged:
            intro += " " + self._("Flagged ties (a partner in Russia or Belarus, an occupied place, announced, ended) "
                                  "are not counted.")
        if len(top) > TOP_PARTNERS:
            intro += " " + self._("The first {shown} of {n}.", shown=TOP_PARTNERS, n=len(top))
        return Section(self._("Largest foreign partners"), [table], intro=intro)

    def countries(self, top: list[dict[str, Any]]) -> Section:
        by_country: dict[str, dict[str, Any]] = {}
        for e in top:
            c = by_country.setdefault(self.country(e["partner"]), {"partners": set(), "ukrainian": set(),
                                                                   "citations": []})
            c["partners"].add(self.listed(e["partner"]))
            c["ukrainian"].update(e["ukrainian"])
            c["citations"] += e["citations"]
        ordered = sorted(by_country.items(), key=lambda kv: (-len(kv[1]["partners"]), kv[0]))
        table = Table([self._("Country"), self._("Foreign partners"), self._("Ukrainian partners"),
                       self._("Partners abroad")])
        for country, c in ordered:
            table.rows.append(Row([country, str(len(c["partners"])), str(len(c["ukrainian"])),
                                   "; ".join(sorted(c["partners"]))], self.cite(c["citations"])))
        chart = Chart(self._("Foreign partners by country"), [(k, float(len(c["partners"]))) for k, c in ordered],
                      self.cite(*(v["citations"] for _, v in ordered)))
        return Section(self._("Countries"), [table, chart])

    def networks(self) -> Section:
        """Networks, associations and programmes with the places and organisations in them."""
        g = self.g
        found = []
        for n, a in g.nodes(data=True):
            if a.get("kind") not in NETWORK_KINDS:
                continue
            members = [(m, d) for m, d in in_edges(g, n, {"MEMBER_OF", "PARTICIPATES_IN"})
                       if g.nodes[m].get("kind") in ACTOR_KINDS]
            if members:
                found.append((n, members))
        found.sort(key=lambda nm: (-len({m for m, _ in nm[1]}), self.name(nm[0])))
        table = Table([self._("Network or programme"), self._("Kind"), self._("Members"), self._("Who")])
        for n, members in found[:TOP_NETWORKS]:
            names = sorted({self.name(m) for m, _ in members})
            table.rows.append(Row([self.name(n), self.kind_of(n), str(len(names)), "; ".join(names)],
                                  self.cite(citations_of(*(d for _, d in members)))))
        intro = self._("Networks, associations and programmes, by how many places and organisations in the data "
                       "belong to or take part in them.")
        if len(found) > TOP_NETWORKS:
            intro += " " + self._("The first {shown} of {n}.", shown=TOP_NETWORKS, n=len(found))
        return Section(self._("Networks and memberships"), [table], intro=intro)

    def growth(self) -> Section:
        from analysis.growth import agreements_by_year

        g = self.g

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

        table = Table([self._("Year"), self._("Kind"), self._("New")], caption=self._(
            "An agreement counts in the year it was signed, else renewed, else (when planned) expected; cooperation "
            "without an agreement in the year it began."))
        per_year: dict[str, float] = {}
        all_cites: list[Citation] = []
        for r in agreements_by_year(g):
            year, kind = str(r["year"]), str(r["kind"])
            cites = cites_for(year, kind)
            all_cites += cites
            table.rows.append(Row([year, self._("cooperation") if kind == "cooperation" else self.word(kind),
                                   str(r["count"])], self.cite(cites)))
            per_year[year] = per_year.get(year, 0) + float(r["count"])
        chart = Chart(self._("Agreements and cooperation by year"), sorted(per_year.items()), self.cite(all_cites))
        undated = sum(1 for _, a in g.nodes(data=True) if a.get("kind") == "Agreement" and not date_of(a))
        blocks: list[Any] = [table, chart]
        if undated:
            blocks.append(Paragraph(self.L.ngettext("{n} agreement without a date in the sources is not counted.",
                                                    "{n} agreements without a date in the sources are not counted.",
                                                    undated)))
        return Section(self._("Growth"), blocks + self.national_growth())

    def citations_of_ties(self, ties: set[str]) -> list[Citation]:
        """The citations of the ties ``ties`` (agreement ids and cooperation relation ids)."""
        if not hasattr(self, "_tie_data"):
            self._tie_data = {str(k): d for _, _, k, d in self.g.edges(keys=True, data=True)
                              if d.get("type") == "COOPERATES_WITH"}
        out: list[Citation] = []
        for t in sorted(ties):
            data = self.g.nodes[t] if t in self.g else self._tie_data.get(t)
            out += citations_of(data) if data else []
        return out

    def national_growth(self) -> list[Any]:
        """Ukraine's foreign ties per year since 1991 as a chart, the undated share in words, and per oblast a
        table by period (the named query ``ties-per-year`` counts the same)."""
        from analysis.growth import FIRST_YEAR, NATIONAL

        growth = self.cov.growth
        dated, undated = growth.dated(), growth.undated.get(NATIONAL, 0)
        if not dated + undated:
            return []
        cites = self.cite(self.citations_of_ties(growth.ties.get(NATIONAL, set())))
        chart = Chart(self._("Foreign ties of Ukrainian places per year since {year}", year=FIRST_YEAR),
                      [(str(y), float(n)) for y, n in growth.since()], cites, style="columns")
        words = self._("{dated} of {total} foreign ties of Ukrainian places have a year in the sources; {undated} "
                       "({share} %) have none and are not in the chart.", dated=self.L.number(dated),
                       total=self.L.number(dated + undated), undated=self.L.number(undated),
                       share=self.L.number(round(100 * growth.undated_share(), 1)))
        if growth.before():
            words += " " + self.L.ngettext("{n} tie is dated before {year}.", "{n} ties are dated before {year}.",
                                           growth.before(), year=FIRST_YEAR)
        periods = ((FIRST_YEAR, 2013), (2014, 2021), (2022, None))
        table = Table([self._("Oblast"), *(f"{a}–{b or ''}" for a, b in periods), self._("Undated"),
                       self._("Undated share")], caption=self._(
            "Foreign ties per oblast and period (a tie counts in the year it was signed, renewed or began; ties "
            "flagged ended and ties with Russia or Belarus are left out)."))
        for area in growth.areas():
            if area == NATIONAL:
                continue
            years = growth.years.get(area, {})
            counts = [sum(n for y, n in years.items() if a <= y and (b is None or y <= b)) for a, b in periods]
            table.rows.append(Row([area, *(str(n) for n in counts), str(growth.undated.get(area, 0)),
                                   f"{self.L.number(round(100 * growth.undated_share(area), 1))} %"],
                                  self.cite(self.citations_of_ties(growth.ties.get(area, set())))))
        return [chart, Paragraph(words, cites), table]

    def oblast_nodes(self) -> dict[str, str]:
        """The oblast-level unit's node by its two-digit codifier code (for its name in the report's language)."""
        by_code = {}
        for n, a in self.g.nodes(data=True):
            if a.get("kind") in ("Region", "City") and str(n).startswith("ua-"):
                codes = [x for x in [a.get("katottg"), *(a.get("aliases") or [])]
                         if isinstance(x, str) and len(x) == 19 and x.startswith("UA") and x[4:14] == "0" * 10]
                if codes:
                    by_code[codes[0][2:4]] = n
        return by_code

    def national_coverage(self) -> Section:
        """Per oblast: communities of the codifier with a partner abroad, their share and agreements; the national
        totals beside the Ministry's, with the difference in words (``partners coverage``)."""
        from analysis.coverage import MINISTRY

        c = self.cov
        by_code = self.oblast_nodes()
        table = Table([self._("Oblast"), self._("Communities"), self._("With a partner abroad"), self._("Share"),
                       self._("Agreements")], caption=self._(
            "* not in the Ministry's count of about 1,469 communities (Crimea, Kyiv, Sevastopol). Communities: the "
            "KATOTTG codifier; partners: the loaded sources, without ties flagged ended or with Russia or Belarus."))
        for o in sorted(c.oblasts, key=lambda o: sort_key(self.name(by_code[o.code]) if o.code in by_code else o.name)):
            node = by_code.get(o.code)
            name = self.name(node) if node else o.name
            table.rows.append(Row([name + ("" if o.in_ministry_count else " *"), self.L.number(o.units),
                                   self.L.number(o.with_foreign), f"{self.L.number(round(100 * o.share, 1))} %",
                                   self.L.number(o.agreements)],
                                  self.cite(citations_of(self.g.nodes[node])) if node else ()))
        m_with, m_total, m_agr = (int(str(MINISTRY[k])) for k in
                                  ("communities_with_foreign_partner", "communities_total", "agreements"))
        gap = m_with - c.national_with_foreign
        national = self._(
            "Nationally (24 oblasts, without Crimea, Kyiv and Sevastopol) the loaded sources show a partner abroad for "
            "{ours} of {units} communities ({share} %) and {agreements} agreements. The Ministry for Development of "
            "Communities and Territories reports {m_with} of about {m_total} communities (April 2025) and {m_agr} "
            "agreements (October 2025).", ours=self.L.number(c.national_with_foreign),
            units=self.L.number(c.national_units),
            share=self.L.number(round(100 * c.national_with_foreign / c.national_units, 1)),
            agreements=self.L.number(c.national_agreements), m_with=self.L.number(m_with),
            m_total=self.L.number(m_total), m_agr=self.L.number(m_agr))
        if gap > 0:
            national += " " + self._(
                "That is {n} communities fewer than the Ministry counts: the Ministry publishes totals only, so the "
                "difference cannot be traced to communities — our sources are public lists and pages, which miss "
                "ties that councils have not published.", n=self.L.number(gap))
        else:
            national += " " + self._("That is {n} communities more than the Ministry counts: the sources include "
                                     "ties the Ministry's survey does not.", n=self.L.number(-gap))
        return Section(self._("Coverage of Ukraine's communities"), [table, Paragraph(national)], intro=self._(
            "Territorial communities of the KATOTTG codifier with at least one partner abroad in the loaded sources, "
            "per oblast; the command partners coverage lists the communities without one."))

    def gaps(self) -> Section:
        """Where the gaps are: per oblast, the codifier's communities without a partner abroad and their share,
        with the largest of them by name, when the reference layer is loaded; else the few Ukrainian places the
        sources mention without one. Never the whole list (over a thousand rows on the national load):
        ``partners coverage`` gives that."""
        if self.cov.national_units:
            return self.community_gaps()
        g = self.g
        table = Table([self._("Place"), self._("Kind"), self._("In"), self._("Partners in Ukraine")],
                      empty=self._("Every Ukrainian place in the data has a partner abroad."))
        rows = []
        for x in self.ukrainian_actors():
            if g.nodes[x].get("kind") not in PLACE_KINDS:
                continue
            ties = self.ties(x)
            if any(self.is_foreign(t.partner) and not t.country_level for t in ties):
                continue
            rows.append((self.listed(x), x, ties))
        for name, x, ties in sorted(rows)[:GAP_SAMPLE]:
            where = located_in(g, x)
            cites = citations_of(g.nodes[x]) + [c for _, cs in where for c in cs]
            cites += [c for t in ties for c in t.citations]
            table.rows.append(Row([name, self.kind_of(x), ", ".join(self.name(w) for w, _ in where),
                                   str(len({t.partner for t in ties}))], self.cite(cites)))
        intro = self._(
            "Ukrainian cities, communities and regions the loaded sources mention, with no partner outside Ukraine "
            "in those sources — often only because no loaded document covers them. Footnotes: the record of the "
            "place and its ties in Ukraine (an absence has no source of its own).")
        if len(rows) > GAP_SAMPLE:
            intro += " " + self._("The first {shown} of {n}.", shown=GAP_SAMPLE, n=len(rows))
        return Section(self._("Places without a partner abroad in the loaded sources"), [table], intro=intro)

    def community_gaps(self) -> Section:
        """Per oblast: communities without a partner abroad, their count and share; the largest few by name."""
        from analysis.coverage import sort_gaps

        c, nodes = self.cov, self.oblast_nodes()
        without: dict[str, int] = {}
        for u in c.gaps:
            without[u.oblast] = without.get(u.oblast, 0) + 1
        summary = Table([self._("Oblast"), self._("Communities"), self._("Without a partner abroad"),
                         self._("Share without")],
                        caption=self._("* not in the Ministry's count of about 1,469 communities (Crimea, Kyiv, "
                                       "Sevastopol)."))
        for o in sorted(c.oblasts, key=lambda o: sort_key(self.name(nodes[o.code]) if o.code in nodes else o.name)):
            node = nodes.get(o.code)
            n = without.get(o.code, 0)
            share = f"{self.L.number(round(100 * n / o.units, 1))} %" if o.units else "—"
            summary.rows.append(Row([(self.name(node) if node else o.name) + ("" if o.in_ministry_count else " *"),
                                     self.L.number(o.units), self.L.number(n), share]))
        open_gaps = [u for u in c.gaps if u.status is None]  # an occupied community is no gap to work on
        sample = Table([self._("Community"), self._("Oblast"), self._("Type"), self._("Population of the centre")],
                       caption=self._("The largest communities without a known partner abroad, by the population "
                                      "of their centre where known: {shown} of {n}.",
                                      shown=min(GAP_SAMPLE, len(open_gaps)), n=self.L.number(len(open_gaps))),
                       empty=self._("Every community has a partner abroad in the loaded sources."))
        for u in sort_gaps(open_gaps, "population")[:GAP_SAMPLE]:
            node = nodes.get(u.oblast)
            sample.rows.append(Row([self.listed(u.id) if u.id in self.g else u.name,
                                    self.name(node) if node else c.oblast_names.get(u.oblast, u.oblast),
                                    self.word(u.community_type), self.L.number(u.population) if u.population else ""]))
        intro = self._(
            "Territorial communities of the KATOTTG codifier with no partner abroad in the loaded sources, per "
            "oblast — a lead to check, not proof that there is none (ties flagged ended or with Russia or Belarus "
            "are not counted). The full list, by oblast, type or population: {command} (one oblast: --oblast NAME).",
            command=FULL_GAP_LIST)
        return Section(self._("Communities without a partner abroad in the loaded sources"), [summary, sample],
                       intro=intro)


def build_overview_report(g: nx.MultiDiGraph, lang: Lang | None = None, include_flagged: bool = False) -> Report:
    """The overview of the whole graph ``g`` (as :func:`reports.read.read_graph` gives it)."""
    return Overview(g, lang or Lang("en"), include_flagged).build_overview()
