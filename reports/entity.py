"""The dossier on one place or organisation: who it partners with, since when, through what, and where it stands.

Every section is computed from one in-memory graph (:func:`reports.read.read_graph`, one store read): partners
through agreements and stated cooperation, projects, programmes and donors, figures, network position and
recommended next partners. Each row carries the citations of the nodes and relations it was computed from, so
there is nothing to match back. Words come from the report's language (:class:`reports.i18n.Lang`).

``brief=True`` gives the two-page brief: who, partners abroad (one row per partner), agreements in preparation,
donors and programmes, three recommended next partners, what the places inside a region do, a coverage note —
and footnotes that name each document once, by title and publisher.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from analysis.actors import actor_of, members
from analysis.select import date_of
from graph.errors import NameResolutionError
from graph.flags import beyond_status
from graph.model import Citation
from graph.vocabulary import vocabulary
from reports.footnotes import Footnotes, citations_of
from reports.i18n import Lang
from reports.lookup import ACTOR_KINDS, document_dates, edges, in_edges, located_in, out_edges, sources
from reports.model import Chart, Fact, Facts, NetworkView, Paragraph, Report, Row, Section, Table

if TYPE_CHECKING:
    import networkx as nx

NOT_SIGNED = vocabulary().pending_statuses
COUNTRY_LEVEL = "cooperation with the country"  # the tie kind of COOPERATES_WITH_COUNTRY, as partners-of names it
TIE_STRENGTH = {"in force": 0, "signed": 0, "renewed": 0, "active": 1, "planned": 3, "negotiating": 3}
BRIEF_RECOMMENDATIONS = 3
BRIEF_PARTNERS = 14  # rows of the partners-abroad table that fit the two pages; the rest are counted


def N_(message: str) -> str:  # noqa: N802 — gettext's marker for words translated later (extracted by Babel)
    return message


RELATION_WORDS = {
    "PARTICIPATES_IN": N_("takes part in"),
    "MEMBER_OF": N_("member of"),
    "MANAGES": N_("manages"),
    "PART_OF": N_("programme of a project it takes part in"),
    "FUNDS": N_("funds"),
    "SUPPORTS": N_("supports"),
}
FLAG_WORDS = {  # flags a tie may carry (set by the loaders); shown as a warning next to the tie
    "russia_belarus": N_("partner in Russia or Belarus"),
    "occupied": N_("place under occupation"),
    "announced": N_("announced, not confirmed as signed"),
    "ended": N_("ended"),
}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(_text(v) for v in value if v is not None and v != "")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass
class Tie:
    """One partnership tie of the entity: through an agreement (``via`` its id) or a stated cooperation."""

    partner: str
    kind: str  # the agreement kind, or "cooperation"
    status: str
    date: str
    via: str | None
    citations: list[Citation]
    flags: list[str] = field(default_factory=list)
    body: str | None = None  # the body on our side that signed or states it (the place itself, its council…)

    @property
    def country_level(self) -> bool:
        """Cooperation with a country as a whole: shown, never counted as a partner."""
        return self.kind == COUNTRY_LEVEL

    @property
    def strength(self) -> tuple[int, str]:
        """Lower is stronger: signed and in force first, then active cooperation, then the rest; latest first."""
        return (TIE_STRENGTH.get(self.status, 2), "".join(chr(0x10FFFF - ord(c)) for c in self.date))


class EntityReport:
    """Builds the sections of one entity's report from ``g`` (the whole stored graph); ``x`` is the entity id."""

    def __init__(self, g: nx.MultiDiGraph, x: str, lang: Lang | None = None, brief: bool = False,
                 network_view: bool = True, include_flagged: bool = False):
        from analysis.projection import partnership_graph
        from graph.flags import without_flagged

        if x not in g:
            raise NameResolutionError(f"no entity with id {x!r} — `partners stats` shows what is loaded")
        self.g, self.x, self.L, self.brief = g, x, lang or Lang("en"), brief
        self.a = g.nodes[x]
        self.include_flagged = include_flagged  # flagged ties stay listed; position and recommendations leave them out
        self.p = partnership_graph(g) if include_flagged else without_flagged(partnership_graph(g))
        self.amap: dict[Any, Any] = self.p.graph.get("acts_for", {})
        self.actor = actor_of(self.amap, x)  # one actor, whatever body speaks for it (analysis.actors)
        self.notes = Footnotes(sources(g), by_source=brief)
        self.network_view = network_view and not brief
        self._metrics: dict[str, Any] = {}

    # -- words -----------------------------------------------------------------------------------------------
    def _(self, message: str, **values: Any) -> str:
        return self.L._(message, **values)

    def word(self, value: Any) -> str:
        """A schema value (a kind, status, agreement kind, role…) in the report's language."""
        return self.L._(str(value)) if value not in (None, "") else ""

    def name(self, n: Any) -> str:
        """The display name of ``n`` in the report's language (a country by its ISO name in that language)."""
        if n is None:
            return ""
        a = self.g.nodes[n] if n in self.g else {}
        if a.get("kind") == "Country":
            fallback = self.L.name(a, str(n))
            return fallback if self.L.code == "en" and a.get("name_en") else self.L.country(str(n), fallback)
        return self.L.name(a, str(n))

    def listed(self, n: Any) -> str:
        """``n`` as a table lists it: its name, with the other language's in brackets where that helps
        (:meth:`reports.i18n.Lang.listed_name`, the one rule for every report and format)."""
        a = self.g.nodes[n] if n in self.g else {}
        if n is None or a.get("kind") == "Country":
            return self.name(n)
        code = a.get("country")
        return self.L.listed_name(a, (code == self.ukraine()) if code else None, str(n))

    def country(self, n: Any) -> str:
        """The name of the country ``n`` lies in, or "" when not known."""
        a = self.g.nodes[n] if n in self.g else {}
        code = n if a.get("kind") == "Country" else a.get("country")
        return self.name(code) if code and code in self.g else (self.L.country(code) if code else "")

    def date(self, value: Any) -> str:
        return self.L.date(value)

    def flags(self, *attrs: dict[str, Any]) -> list[str]:
        found: list[str] = []
        for a in attrs:
            for f in a.get("flags") or []:
                if f not in found:
                    found.append(str(f))
        return found

    def flag_words(self, flags: Iterable[str]) -> str:
        return "; ".join(self._(FLAG_WORDS[f]) if f in FLAG_WORDS else f for f in flags)

    # -- helpers ---------------------------------------------------------------------------------------------
    def cite(self, *groups: Iterable[Citation]) -> tuple[int, ...]:
        return self.notes.cite(c for group in groups for c in group)

    def bodies(self, of: str | None = None) -> list[str]:
        """``of`` (default: the entity) as one actor: the place it acts for and that place's bodies, place first."""
        return members(self.amap, actor_of(self.amap, self.x if of is None else of))

    def agreements(self, of: str | None = None) -> list[str]:
        """The Agreement ids ``of`` (default: the entity), the place it acts for or one of its bodies is party to."""
        return sorted({t for who in self.bodies(of) for t, _ in out_edges(self.g, who, {"PARTY_TO"})
                       if self.g.nodes[t].get("kind") == "Agreement"})

    def agreement_citations(self, agr: str, of: str | None = None) -> list[Citation]:
        return citations_of(self.g.nodes[agr], *(d for who in self.bodies(of)
                                                 for d in edges(self.g, who, agr, {"PARTY_TO"})))

    def signed_by(self, agr: str, of: str | None = None) -> str | None:
        """The body of ``of``'s actor that is party to ``agr`` (the place itself first)."""
        return next((who for who in self.bodies(of) if edges(self.g, who, agr, {"PARTY_TO"})), None)

    def ties(self, of: str | None = None) -> list[Tie]:
        """Every partnership tie of ``of`` (default: the entity) as one actor, as ``partners-of`` lists them: the
        ties of the place and of the bodies that act for it, each once, the partner as an actor too."""
        g = self.g
        ours = self.bodies(of)
        out: list[Tie] = []
        seen: set[tuple[Any, ...]] = set()
        key: tuple[Any, ...]
        for agr in self.agreements(of):
            n = g.nodes[agr]
            body = self.signed_by(agr, of)
            for party, _ in in_edges(g, agr, {"PARTY_TO"}):
                p = actor_of(self.amap, party)
                if party in ours or p in ours:
                    continue
                tie = Tie(p, str(n.get("agreement_kind") or ""), str(n.get("status") or ""),
                          str(n.get("signed") or n.get("renewed") or n.get("expected") or ""), agr,
                          self.agreement_citations(agr, of), self.flags(n), body)
                key = (p, tie.kind, tie.status, tie.date, agr)
                if key not in seen:
                    seen.add(key)
                    out.append(tie)
        for who in ours:
            for other, d in [*out_edges(g, who, {"COOPERATES_WITH"}), *in_edges(g, who, {"COOPERATES_WITH"})]:
                p = actor_of(self.amap, other)
                if other in ours or p in ours:
                    continue
                tie = Tie(p, "cooperation", str(d.get("status") or ""), str(d.get("since") or ""),
                          d.get("via"), citations_of(d), self.flags(d), who)
                key = (p, tie.kind, tie.status, tie.date, tie.via, d.get("id"))
                if key not in seen:
                    seen.add(key)
                    out.append(tie)
            for country, d in out_edges(g, who, {"COOPERATES_WITH_COUNTRY"}):
                out.append(Tie(country, COUNTRY_LEVEL, str(d.get("status") or ""), str(d.get("since") or ""),
                               d.get("via"), citations_of(d), self.flags(d), who))
        return out

    def tie_kind(self, tie: Tie) -> str:
        return self._("cooperation") if tie.kind == "cooperation" else self.word(tie.kind)

    def ukraine(self) -> str:
        return "ua"

    def is_foreign(self, n: str) -> bool:
        a = self.g.nodes[n] if n in self.g else {}
        code = n if a.get("kind") == "Country" else a.get("country")
        return bool(code) and code != self.ukraine()

    def tie_citations(self) -> list[Citation]:
        """The citations of every partnership tie of the entity (what its network position rests on)."""
        if self.actor not in self.p:
            return []
        return [c for _, _, d in sorted(self.p.edges(self.actor, data=True), key=lambda e: str(e[1]))
                for tie in d.get("ties", []) for c in citations_of(tie)]

    def metrics(self) -> dict[str, Any]:
        """Network position and communities of the partnership network, computed once per report."""
        if not self._metrics:
            from analysis import metrics

            self._metrics = {"position": metrics.network_position(self.p, self.actor),
                             "communities": metrics.communities(self.p)}
        return self._metrics

    def kind_of(self, n: Any) -> str:
        a = self.g.nodes[n]
        detail = a.get("org_type") or a.get("region_type") or a.get("community_type")
        return self.word(a.get("kind")) + (f" ({self.word(detail)})" if detail else "")

    # -- the report ------------------------------------------------------------------------------------------
    def build(self) -> Report:
        ties = self.ties()
        if self.brief:
            sections = [self.summary(ties), self.partners_abroad(ties), self.in_preparation(),
                        self.donors_and_programmes(), self.recommendations(BRIEF_RECOMMENDATIONS)]
            region = self.region_partners()
            if region is not None:
                sections.insert(2, region)
        else:
            sections = [self.summary(ties), self.partners(ties)]
            region = self.region_partners()
            if region is not None:
                sections.append(region)
            sections += [self.timeline(), self.around(), self.figures(), self.network_position(),
                         self.recommendations(5)]
            view = self.network()
            if view is not None:
                sections.append(view)
        title = self.name(self.x)
        other = self.L.other_name(self.a)
        subtitle = " — ".join(v for v in (other, self.kind_of(self.x)) if v)
        return Report(title, subtitle, sections, self.notes, self.coverage(), lang=self.L.code, brief=self.brief,
                      words=words(self.L))

    def coverage(self) -> str:
        """One line on what the sources cover and their dates (the graph knows only what they state).

        A document's date is the one it states, else the year of the latest event it reports
        (:func:`reports.lookup.document_dates`); the line says which when any is of the second sort.
        """
        import datetime

        docs = {f.source: f for f in self.notes if f.known}
        known = document_dates(self.g)
        dated = [known[s] for s in docs if s in known]
        line = (self.L.ngettext("Built from {n} source document", "Built from {n} source documents", len(docs))
                + ". " + self._("It shows only what these documents state: a partnership they do not "
                                "mention is not in it."))
        if dated:
            shown = [self.date(d) for d in sorted({d for d, _ in dated}, key=lambda d: (d[:4], d))]
            line += " " + self.L.ngettext("The document's date: {dates}", "The documents' dates: {dates}",
                                          len(dated), dates=", ".join(shown))
            if not all(stated for _, stated in dated):
                line += " " + self._("(where a document states no date, the year of the latest event it reports)")
            line += "."
        return line + " " + self._("Prepared on {date}", date=self.date(datetime.date.today().isoformat())
                                   ).rstrip(".") + "."

    def summary(self, ties: list[Tie]) -> Section:
        g, x, a = self.g, self.x, self.a
        own = citations_of(a)
        facts = Facts()
        if not self.brief:
            if a.get("name_uk"):
                facts.items.append(Fact(self._("Name (Ukrainian)"), str(a["name_uk"]), self.cite(own)))
            if a.get("name_en"):
                facts.items.append(Fact(self._("Name (English)"), str(a["name_en"]), self.cite(own)))
            if a.get("aliases"):
                facts.items.append(Fact(self._("Also known as"), _text(a["aliases"]), self.cite(own)))
        facts.items.append(Fact(self._("Kind"), self.kind_of(x), self.cite(own)))
        places = located_in(g, x)
        if places:
            facts.items.append(Fact(self._("Located in"), ", ".join(self.name(p) for p, _ in places),
                                    self.cite(*(c for _, c in places))))
        partners = [t for t in ties if not t.country_level]
        ids = {t.partner for t in partners}
        foreign = {t.partner for t in partners if self.is_foreign(t.partner)}
        countries = {self.country(t.partner) for t in partners if self.is_foreign(t.partner)}
        facts.items.append(Fact(
            self._("Partners"),
            self.L.ngettext("{n} partner", "{n} partners", len(ids)) + " — "
            + self._("{n} abroad", n=len(foreign)) + ", "
            + self.L.ngettext("in {n} country", "in {n} countries", len(countries)),
            self.cite(*(t.citations for t in partners))))
        agreements = self.agreements()
        by_status: dict[str, int] = {}
        for agr in agreements:
            st = self.word(g.nodes[agr].get("status")) or self._("status unknown")
            by_status[st] = by_status.get(st, 0) + 1
        facts.items.append(Fact(
            self._("Agreements"), f"{len(agreements)}" + (" (" + ", ".join(
                f"{s} — {n}" for s, n in sorted(by_status.items())) + ")" if by_status else ""),
            self.cite(*(self.agreement_citations(agr) for agr in agreements))))
        projects = [(t, d) for t, d in out_edges(g, x, {"PARTICIPATES_IN"}) if g.nodes[t].get("kind") == "Project"]
        funded = [(t, d) for t, d in out_edges(g, x, {"FUNDS"}) if g.nodes[t].get("kind") == "Project"]
        facts.items.append(Fact(
            self._("Projects"), self._("takes part in {n}", n=len({t for t, _ in projects}))
            + (", " + self._("funds {n}", n=len({t for t, _ in funded})) if funded else ""),
            self.cite(*(citations_of(d) for _, d in projects + funded))))
        dated = sorted((date_of(g.nodes[agr]) or "", agr) for agr in agreements
                       if date_of(g.nodes[agr]) and g.nodes[agr].get("status") not in NOT_SIGNED)
        if dated:
            firsts = [(self._("First agreement"), dated[0])]
            if dated[-1][0] != dated[0][0] or dated[-1][1] != dated[0][1]:
                firsts.append((self._("Latest agreement"), dated[-1]))
            for title, (date, agr) in firsts:
                n = g.nodes[agr]
                facts.items.append(Fact(title, f"{self.date(date)} — {self.name(agr)} ({self.word(n.get('status'))})",
                                        self.cite(self.agreement_citations(agr))))
        planned = [agr for agr in agreements if g.nodes[agr].get("status") in NOT_SIGNED]
        if planned and not self.brief:
            facts.items.append(Fact(
                self._("Planned agreements"), "; ".join(
                    self.name(agr) + (" (" + self._("expected {date}", date=self.date(g.nodes[agr]["expected"])) + ")"
                                      if g.nodes[agr].get("expected") else "")
                    for agr in planned),
                self.cite(*(self.agreement_citations(agr) for agr in planned))))
        return Section(self._("Summary") if not self.brief else self._("Who"), [facts])

    def partners(self, ties: list[Tie]) -> Section:
        not_stated = self._("Country not stated")

        def country(t: Tie) -> str:
            return self.country(t.partner) or not_stated

        def order(c: str) -> tuple[int, str]:
            return (2 if c == not_stated else 1 if c == self.name("ua") else 0, c)

        table = Table([self._("Partner"), self._("Partner kind"), self._("Tie"), self._("Status"), self._("Date"),
                       self._("Through"), self._("Signed by")],
                      caption=self._("Agreements and stated cooperation, grouped by the partner's country.") + " "
                      + self._("Signed by: the body that signed the agreement or states the cooperation — the place "
                               "itself, its council or administration, or one of their offices."),
                      empty=self._("None recorded in the sources."))
        counts: dict[str, set[str]] = {}
        notes: dict[str, list[Citation]] = {}
        partners = [t for t in ties if not t.country_level]
        for t in partners:
            counts.setdefault(country(t), set()).add(t.partner)
            notes.setdefault(country(t), []).extend(t.citations)
        for t in sorted(partners, key=lambda t: (order(country(t)), self.name(t.partner), t.date, t.kind)):
            n = len(counts[country(t)])
            group = f"{country(t)} — " + self.L.ngettext("{n} partner", "{n} partners", n)
            shown = beyond_status(t.flags, t.status)  # a planned tie's status already says it is not signed
            status = self.word(t.status) + (f" ⚠ {self.flag_words(shown)}" if shown else "")
            table.rows.append(Row([self.listed(t.partner), self.word(self.g.nodes[t.partner].get("kind")),
                                   self.tie_kind(t), status, self.date(t.date),
                                   self.name(t.via) if t.via in self.g else "", self.name(t.body)],
                                  self.cite(t.citations), group=group))
        bars = sorted(((c, float(len(ids))) for c, ids in counts.items()), key=lambda b: (-b[1], order(b[0])))
        chart = Chart(self._("Partners by country"), bars, self.cite(*notes.values()))
        blocks: list[Any] = [table]
        countries = [t for t in ties if t.country_level]
        if countries:
            blocks.append(Paragraph(
                self._("Cooperation stated with countries as a whole: {names}.",
                       names=", ".join(sorted({self.name(t.partner) for t in countries})))
                + " " + self._("No partner in these countries is named, so they are not counted as partners."),
                self.cite(*(t.citations for t in countries))))
        return Section(self._("Partners"), [*blocks, chart])

    def strongest(self, ties: list[Tie]) -> list[Tie]:
        """One tie per partner: the strongest (signed before active before planned), the latest among equals."""
        best: dict[str, Tie] = {}
        for t in ties:
            if t.partner not in best or t.strength < best[t.partner].strength:
                best[t.partner] = t
        return list(best.values())

    def partners_abroad(self, ties: list[Tie]) -> Section:
        """The brief's table: one row per foreign partner (country, kind, status, since, flag)."""
        foreign = [t for t in self.strongest([t for t in ties if not t.country_level]) if self.is_foreign(t.partner)]
        countries = [t for t in ties if t.country_level]
        foreign.sort(key=lambda t: (self.country(t.partner), t.strength, self.name(t.partner)))
        flagged = any(beyond_status(t.flags, t.status) for t in foreign[:BRIEF_PARTNERS])  # only when a tie has one
        table = Table([self._("Partner"), self._("Country"), self._("Tie"), self._("Status"), self._("Since")]
                      + ([self._("Flag")] if flagged else []),
                      empty=self._("No partner abroad is recorded in the sources."))
        for t in foreign[:BRIEF_PARTNERS]:
            table.rows.append(Row([self.listed(t.partner), self.country(t.partner), self.tie_kind(t),
                                   self.word(t.status), self.date(t.date)]
                                  + ([self.flag_words(beyond_status(t.flags, t.status))] if flagged else []),
                                  self.cite(t.citations)))
        blocks: list[Any] = [table]
        if len(foreign) > BRIEF_PARTNERS:
            blocks.append(Paragraph(self.L.ngettext("And {n} more partner abroad, listed in the full report.",
                                                    "And {n} more partners abroad, listed in the full report.",
                                                    len(foreign) - BRIEF_PARTNERS)))
        if countries:
            blocks.append(Paragraph(
                self._("Cooperation stated with countries as a whole: {names}.",
                       names=", ".join(sorted({self.name(t.partner) for t in countries}))),
                self.cite(*(t.citations for t in countries))))
        return Section(self._("Partners abroad"), blocks)

    def in_preparation(self) -> Section:
        g = self.g
        table = Table([self._("Agreement"), self._("With"), self._("Status"), self._("Expected")],
                      empty=self._("No agreement in preparation is recorded in the sources."))
        for agr in self.agreements():
            n = g.nodes[agr]
            if n.get("status") not in NOT_SIGNED:
                continue
            ours = self.bodies()
            others = sorted(self.listed(s) for s, _ in in_edges(g, agr, {"PARTY_TO"}) if s not in ours)
            table.rows.append(Row([self.word(n.get("agreement_kind")), ", ".join(others), self.word(n.get("status")),
                                   self.date(n.get("expected"))], self.cite(self.agreement_citations(agr))))
        return Section(self._("Agreements in preparation"), [table])

    def donors_and_programmes(self) -> Section:
        """The brief's donors, programmes and networks (what ``funders-of`` and ``around`` list)."""
        table = Table([self._("Donor, programme or network"), self._("Kind"), self._("For what or role")],
                      empty=self._("No donor or programme is recorded in the sources."))
        for name, kind, what, cites in self.donor_rows():
            table.rows.append(Row([name, kind, what], self.cite(cites)))
        for name, relation, kind, cites in self.network_rows():
            table.rows.append(Row([name, kind, relation], self.cite(cites)))
        return Section(self._("Donors and programmes"), [table])

    def region_of(self) -> str | None:
        """The region whose places a report on ``x`` covers: ``x`` itself, or the region it governs."""
        if self.g.nodes[self.actor].get("kind") == "Region":
            return str(self.actor)
        governed = [t for t, _ in out_edges(self.g, self.x, {"GOVERNS"}) if self.g.nodes[t].get("kind") == "Region"]
        return sorted(governed)[0] if governed else None

    def region_partners(self) -> Section | None:
        """Foreign partners of the places inside the region, by country, each tie counted once
        (what ``region-partners-by-country`` lists), or None when the report is not on a region."""
        region = self.region_of()
        if region is None:
            return None
        g = self.g
        inside: set[str] = set()
        frontier = {region}
        for _ in range(3):
            frontier = {s for m in frontier for s, _ in in_edges(g, m, {"LOCATED_IN"})} - inside
            inside |= frontier
        places = inside | {region}
        bodies = places | {s for p in places for s, _ in in_edges(g, p, {"GOVERNS"})}
        locals_ = set(bodies)
        frontier = set(bodies)
        for _ in range(2):
            frontier = {s for m in frontier for s, _ in in_edges(g, m, {"PART_OF"})} - locals_
            locals_ |= frontier
        locals_ = {n for n in locals_ if g.nodes[n].get("kind") in ACTOR_KINDS - {"Country"}}
        by_country: dict[str, dict[str, set[str]]] = {}
        cites: dict[str, list[Citation]] = {}
        counted: set[tuple[str, str, str]] = set()
        for local in sorted({actor_of(self.amap, n) for n in locals_} - {self.actor}, key=str):
            for t in self.ties(local):
                if t.country_level or not self.is_foreign(t.partner):
                    continue
                key = (local, t.partner, t.via or t.kind)
                if key in counted:
                    continue
                counted.add(key)
                c = self.country(t.partner)
                entry = by_country.setdefault(c, {"partners": set(), "locals": set()})
                entry["partners"].add(self.listed(t.partner))
                entry["locals"].add(self.listed(t.body or local))
                cites.setdefault(c, []).extend(t.citations)
        table = Table([self._("Country"), self._("Partners"), self._("Who in the region")],
                      caption=self._("Partners abroad of the places, councils and administrations inside the "
                                     "region; each tie counted once."),
                      empty=self._("No partner abroad of a place inside the region is recorded in the sources."))
        for c, entry in sorted(by_country.items(), key=lambda kv: (-len(kv[1]["partners"]), kv[0])):
            table.rows.append(Row([c, ", ".join(sorted(entry["partners"])), ", ".join(sorted(entry["locals"]))],
                                  self.cite(cites[c])))
        return Section(self._("Partners of the places in the region"), [table])

    def timeline(self) -> Section:
        """Agreements, dated cooperation, memberships, projects and events of the entity, by date."""
        g, x = self.g, self.x
        undated = ""
        items: list[tuple[str, str, str, str, list[Citation]]] = []  # date, what, name, status, citations
        steps_words = {"signed": self._("signed"), "renewed": self._("renewed"), "expected": self._("expected"),
                       "ended": self._("ended")}
        for agr in self.agreements():
            n = g.nodes[agr]
            others = sorted(self.name(s) for s, _ in in_edges(g, agr, {"PARTY_TO"}) if s not in self.bodies())
            name = self.name(agr) + (" — " + self._("with {names}", names=", ".join(others)) if others else "")
            what = self._("Agreement ({kind})", kind=self.word(n.get("agreement_kind")))
            steps = [(str(n[k]), f"{what}: {steps_words[k]}") for k in steps_words  # every milestone, in order
                     if n.get(k)]
            for date, step in steps or [(undated, what)]:
                items.append((date, step, name, self.word(n.get("status")), self.agreement_citations(agr)))
        for other, d in [e for who in self.bodies() for e in [*out_edges(g, who, {"COOPERATES_WITH"}),
                                                                *in_edges(g, who, {"COOPERATES_WITH"})]]:
            if d.get("since"):
                items.append((str(d["since"]), self._("Cooperation begins"), self.name(other),
                              self.word(d.get("status")), citations_of(d)))
        for net, d in out_edges(g, x, {"MEMBER_OF"}):
            if d.get("since"):
                items.append((str(d["since"]), self._("Joins"), self.name(net), "", citations_of(d)))
        for pr, d in out_edges(g, x, {"PARTICIPATES_IN"}):
            if g.nodes[pr].get("kind") == "Project" and g.nodes[pr].get("start"):
                items.append((str(g.nodes[pr]["start"]),
                              self._("Project starts ({role})", role=self.word(d.get("role") or "participant")),
                              self.name(pr), self.word(g.nodes[pr].get("status")), citations_of(d, g.nodes[pr])))
        events: dict[str, list[tuple[str, dict[str, Any]]]] = {}
        for ev, d in out_edges(g, x, {"PARTICIPATES_IN", "ORGANISED"}):
            if g.nodes[ev].get("kind") == "Event":
                events.setdefault(ev, []).append((self._("organiser") if d["type"] == "ORGANISED"
                                                  else self._("participant"), d))
        for ev, d in in_edges(g, x, {"HELD_IN"}):
            events.setdefault(ev, []).append((self._("held here"), d))
        for ev, roles in events.items():
            n = g.nodes[ev]
            place = [self.name(t) for t, _ in out_edges(g, ev, {"HELD_IN"})]
            role = ", ".join(sorted({r for r, _ in roles}))
            items.append((str(n.get("date") or undated),
                          self._("Event ({kind}; {role})", kind=self.word(n.get("event_type") or "event"), role=role),
                          self.name(ev) + (" — " + self._("in {place}", place=", ".join(place)) if place else ""),
                          self.word(n.get("status")), citations_of(n, *(d for _, d in roles))))
        items.sort(key=lambda i: (i[0] == undated, i[0], i[1], i[2]))
        table = Table([self._("Date"), self._("What"), self._("Name"), self._("Status")],
                      caption=self._("Dates as the sources give them (a year, a month or a day)."),
                      empty=self._("None recorded in the sources."))
        for date, what, name, status, cites in items:
            table.rows.append(Row([self.date(date) if date else self._("undated"), what, name, status],
                                  self.cite(cites)))
        blocks: list[Any] = [table]
        chart = self.agreements_chart()
        if chart is not None:
            blocks.append(chart)
        return Section(self._("Timeline"), blocks)

    def agreements_chart(self) -> Chart | None:
        """New agreements and cooperation per year (analysis.growth), as a bar chart."""
        from analysis.growth import agreements_by_year

        per_year: dict[str, float] = {}
        for r in agreements_by_year(self.g, self.x):
            per_year[str(r["year"])] = per_year.get(str(r["year"]), 0) + float(r["count"])
        if not per_year:
            return None
        dated = [d for _, d in [*out_edges(self.g, self.x, {"COOPERATES_WITH"}),
                                *in_edges(self.g, self.x, {"COOPERATES_WITH"})] if d.get("since")]
        return Chart(self._("Agreements and cooperation by year"), sorted(per_year.items()),
                     self.cite(*(self.agreement_citations(a) for a in self.agreements()
                                 if date_of(self.g.nodes[a])), citations_of(*dated)))

    def project_rows(self) -> list[tuple[list[str], list[Citation]]]:
        """Projects the entity takes part in or funds, with role, status, funders and programme."""
        g, x = self.g, self.x
        part = {t: d for t, d in out_edges(g, x, {"PARTICIPATES_IN"}) if g.nodes[t].get("kind") == "Project"}
        funds = {t: d for t, d in out_edges(g, x, {"FUNDS"}) if g.nodes[t].get("kind") == "Project"}
        rows = []
        for pid in sorted(set(part) | set(funds), key=lambda p: self.name(p)):
            role = self.word(part[pid].get("role") or "participant") if pid in part else self._("funder")
            funders = sorted(self.name(f) for f, _ in in_edges(g, pid, {"FUNDS"}))
            programmes = sorted(self.name(t) for t, _ in out_edges(g, pid, {"PART_OF"})
                                if g.nodes[t].get("kind") == "Programme")
            cites = citations_of(g.nodes[pid], *(d for d in (part.get(pid), funds.get(pid)) if d),
                                 *(d for _, d in in_edges(g, pid, {"FUNDS"})),
                                 *(d for _, d in out_edges(g, pid, {"PART_OF"})))
            rows.append(([self.name(pid), role, self.word(g.nodes[pid].get("status")), "; ".join(funders),
                          "; ".join(programmes)], cites))
        return rows

    def network_rows(self) -> list[tuple[str, str, str, list[Citation]]]:
        """Programmes and networks around the entity: memberships, participation, management, programmes of
        its projects (``around``), as (name, relation, kind, citations)."""
        g, x = self.g, self.x
        out: dict[tuple[str, str], tuple[str, str, str, list[Citation]]] = {}
        for t, d in out_edges(g, x, {"PARTICIPATES_IN", "MEMBER_OF", "MANAGES"}):
            if g.nodes[t].get("kind") in ("Project", "Event"):
                continue
            key = (t, d["type"])
            prev = out[key][3] if key in out else []
            word = RELATION_WORDS[d["type"]]   # a variable, not a literal inside _(): Babel < 2.19 would extract it
            out[key] = (self.name(t), self._(word), self.kind_of(t), prev + citations_of(d))
        for pr, d in out_edges(g, x, {"PARTICIPATES_IN"}):
            if g.nodes[pr].get("kind") != "Project":
                continue
            for t, e in out_edges(g, pr, {"PART_OF"}):
                key = (t, "PART_OF")
                prev = out[key][3] if key in out else []
                word = RELATION_WORDS["PART_OF"]
                out[key] = (self.name(t), self._(word), self.kind_of(t),
                            prev + citations_of(d, e))
        return sorted(out.values(), key=lambda r: r[0])

    def donor_rows(self) -> list[tuple[str, str, str, list[Citation]]]:
        """Who funds or supports the entity (``funders-of``): donors of its projects and direct support, as
        (donor, kind, for what, citations)."""
        g, x = self.g, self.x
        out: dict[tuple[str, str], tuple[str, str, str, list[Citation]]] = {}
        for pr, dp in out_edges(g, x, {"PARTICIPATES_IN"}):
            if g.nodes[pr].get("kind") != "Project":
                continue
            for donor, e in in_edges(g, pr, {"FUNDS"}):
                key = (donor, pr)
                amount = " ".join(_text(v) for v in (e.get("amount"), e.get("currency")) if v is not None)
                what = self.name(pr) + (f" ({amount})" if amount else "")
                prev = out[key][3] if key in out else []
                out[key] = (self.name(donor), self.kind_of(donor), what, prev + citations_of(dp, e))
        for donor, d in in_edges(g, x, {"SUPPORTS", "FUNDS"}):
            what = self.word(d.get("support_type") or "financial")
            key = (donor, what)
            amount = " ".join(_text(v) for v in (d.get("amount"), d.get("currency")) if v is not None)
            prev = out[key][3] if key in out else []
            out[key] = (self.name(donor), self.kind_of(donor), what + (f" ({amount})" if amount else ""),
                        prev + citations_of(d))
        return sorted(out.values(), key=lambda r: (r[0], r[2]))

    def around(self) -> Section:
        """Projects, programmes and networks, donors."""
        none = self._("None recorded in the sources.")
        projects = Table([self._("Project"), self._("Role"), self._("Status"), self._("Funders"),
                          self._("Programme")], empty=none)
        for cells, cites in self.project_rows():
            projects.rows.append(Row(cells, self.cite(cites)))
        networks = Table([self._("Programme or network"), self._("Kind"), self._("Relation")], empty=none)
        for name, relation, kind, cites in self.network_rows():
            networks.rows.append(Row([name, kind, relation], self.cite(cites)))
        donors = Table([self._("Donor"), self._("Kind"), self._("For what")], empty=none)
        for name, kind, what, cites in self.donor_rows():
            donors.rows.append(Row([name, kind, what], self.cite(cites)))
        return Section(self._("Projects, programmes and donors"), [
            Paragraph(self._("Projects it takes part in or funds:")), projects,
            Paragraph(self._("Programmes and networks around it:")), networks,
            Paragraph(self._("Who funds or supports it:")), donors,
        ])

    def figures(self) -> Section:
        g = self.g
        table = Table([self._("Period"), self._("Figure"), self._("Value")],
                      caption=self._("Numbers as the sources state them."),
                      empty=self._("None recorded in the sources."))
        figures = sorted((g.nodes[f] for f, _ in in_edges(g, self.x, {"DESCRIBES"})
                          if g.nodes[f].get("kind") == "Figure"),
                         key=lambda f: (str(f.get("period") or ""), str(f.get("metric") or "")))
        for f in figures:
            number = f.get("value")
            if isinstance(number, float) and number.is_integer():
                number = int(number)
            numeric = isinstance(number, (int, float)) and not isinstance(number, bool)
            shown = self.L.number(number) if numeric else _text(number)
            unit = "" if f.get("unit") in (None, "count") else self.L.unit(_text(f.get("unit")))
            value = " ".join(v for v in (self.word(f.get("qualifier")), shown, unit) if v)
            table.rows.append(Row([_text(f.get("period")), self.word(str(f.get("metric") or "").replace("-", " ")),
                                   value], self.cite(citations_of(f))))
        return Section(self._("Figures"), [table])

    def network_position(self) -> Section:
        p, x = self.p, self.actor
        section = Section(self._("Network position"), intro=self._(
            "Measured on the partnership network of the whole graph: places and organisations joined by agreements "
            "and stated cooperation. Footnotes: the entity's own ties, which these measures rest on."))
        if x not in p or p.degree(x) == 0:
            section.blocks.append(Paragraph(
                self._("{name} has no partnership ties in the data, so it has no network position.",
                       name=self.name(x)) if x in p else
                self._("Only places and organisations take part in the partnership network.")))
            return section
        m = self.metrics()
        pos = m["position"]
        notes = self.cite(self.tie_citations())
        n = pos["n_nodes"]
        members: list[str] = []
        index = pos.get("community")
        if isinstance(index, int) and 0 <= index < len(m["communities"]):
            members = sorted((c for c in m["communities"][index] if c != x), key=lambda c: (-p.degree(c), self.name(c)))
        shown = ", ".join(self.name(c) for c in members[:8])
        if len(members) > 8:
            shown += " " + self._("and {n} more", n=len(members) - 8)
        of_n = self._("rank {rank} of {n}", rank="{rank}", n=n)
        section.blocks.append(Facts([
            Fact(self._("Direct partners"), f"{p.degree(x)} — " + of_n.format(rank=pos["rank_degree"]), notes),
            Fact(self._("Reach through partners"), of_n.format(rank=pos["rank_pagerank"]) + " — " + self._(
                "high when its partners are themselves well connected"), notes),
            Fact(self._("Go-between"), of_n.format(rank=pos["rank_betweenness"]) + " — " + self._(
                "high when it lies on many shortest routes between others"), notes),
            Fact(self._("Group"), self.L.ngettext("one of {n} members of a closely linked group",
                                                  "one of {n} members of a closely linked group",
                                                  pos["community_size"])
                 + (" — " + self._("with {names}", names=shown) if shown else ""), notes),
            Fact(self._("Sole link"), self._("yes — some partners reach the rest of the network only through it")
                 if pos["is_broker"] else self._("no — its partners are also reachable without it"), notes),
        ]))
        return section

    def reasons(self, evidence: dict[str, Any], cand: str) -> str:
        """The reasons for a recommendation, in the report's language."""
        out = []
        if evidence.get("partners"):
            shared = evidence["partners"]
            out.append(self.L.ngettext("shares {n} partner with {name} ({names})",
                                       "shares {n} partners with {name} ({names})", len(shared),
                                       name=self.name(cand), names=listing(self.name(w) for w in shared)))
        if evidence.get("networks"):
            out.append(self._("both in {names}", names=listing(self.name(n) for n in evidence["networks"])))
        if evidence.get("events"):
            out.append(self._("both at {names}", names=listing(self.name(n) for n in evidence["events"])))
        if evidence.get("introducers"):
            out.append(self.L.ngettext("your partner {names} can introduce you: same country ({country})",
                                       "your partners {names} can introduce you: same country ({country})",
                                       len(evidence["introducers"]),
                                       names=listing(self.name(w) for w in evidence["introducers"]),
                                       country=self.country(cand)))
        if evidence.get("areas"):
            out.append(self._("both work on {areas} ({k} of the {n} areas of the two)",
                              areas=listing(self.word(a) for a in evidence["areas"]), k=len(evidence["areas"]),
                              n=evidence["n_areas"]))
        return "; ".join(out)

    def recommendations(self, top: int) -> Section:
        from analysis.recommend import recommend_partners

        g, p, x = self.g, self.p, self.actor
        intro = "" if self.brief else self._(
            "Candidates the entity has no tie with yet, scored from the structure of the network: shared "
            "partners, networks, projects, events and areas of work. Footnotes: what the reasons rest on.")
        section = Section(self._("Recommended next partners"), intro=intro)
        if x not in p:
            section.blocks.append(Paragraph(self._("Recommendations are made for places and organisations only.")))
            return section
        columns = [self._("Candidate"), self._("Country"), self._("Why")]
        if not self.brief:
            columns.insert(2, self._("Score"))
        table = Table(columns, empty=self._("No candidates: the entity has no ties yet."))
        for rec in recommend_partners(g, p, x, top=top, include_flagged=self.include_flagged):
            cand = rec.candidate
            cells = [self.listed(cand), self.country(cand), self.reasons(rec.evidence, cand)]
            if not self.brief:
                cells.insert(2, f"{rec.score:.2f}")
            table.rows.append(Row(cells, self.cite(recommendation_citations(g, p, x, cand))))
        section.blocks.append(table)
        return section

    def network(self) -> Section | None:
        """The interactive view of the entity's neighbourhood (the explorer page of viz.offline, the one front-end
        of `partners viz` and `partners serve`, from the same graph) and, for print, a static picture of it."""
        if not self.network_view:
            return None
        from reports.charts import network_svg

        sub = neighbourhood(self.g, self.x)
        try:
            from viz.network import view_title
            from viz.offline import explorer_file
        except ImportError:  # pragma: no cover — viz/ is part of this package
            html = None
        else:  # the explorer page `partners viz` and `partners serve`'s "Save as file" write: one front-end
            from urllib.parse import urlencode

            query = urlencode({"lang": self.L.code, "focus": self.x, "depth": "2", "view": "full"})
            html = explorer_file(sub, query, view_title(self.x, 2, False, [self.name(self.x)]))
        picture = network_svg(sub, self.x, self.name, self._("The neighbourhood of {name}", name=self.name(self.x)))
        return Section(self._("Network view"), [NetworkView(html, picture=picture,
                                                            caption=self._("Printed: a static picture of the view."))],
                       intro=self._("The entity's neighbourhood in the graph, two steps out "
                                    "(interactive in the HTML report)."))


FOCUS_TYPES = frozenset({"PARTY_TO", "COOPERATES_WITH", "PARTICIPATES_IN", "MEMBER_OF", "FUNDS", "PART_OF", "MANAGES",
                         "SUPPORTS", "ORGANISED", "GOVERNS", "SIGNED_AT"})  # as queries/write/focus_nodes.cypher


def neighbourhood(g: nx.MultiDiGraph, x: str, depth: int = 2) -> nx.MultiDiGraph:
    """The subgraph of what lies within ``depth`` steps of ``x``, not stepping through location, figures or
    sources (so an oblast does not pull in everything located in it) — computed on the graph already read."""
    seen = {x}
    frontier = {x}
    for _ in range(depth):
        nxt = set()
        for n in frontier:
            for _, t, d in g.out_edges(n, data=True):
                if d.get("type") in FOCUS_TYPES:
                    nxt.add(t)
            for s, _, d in g.in_edges(n, data=True):
                if d.get("type") in FOCUS_TYPES:
                    nxt.add(s)
        frontier = nxt - seen
        seen |= frontier
    return g.subgraph(seen).copy()


def listing(names: Iterable[str], shown: int = 3) -> str:
    items = list(names)
    return ", ".join(items[:shown]) + ("…" if len(items) > shown else "")


def words(L: Lang) -> dict[str, str]:
    """The renderers' own words (headings they add, captions), in ``L``'s language."""
    return {
        "contents": L._("Contents"),
        "sources": L._("Sources"),
        "chart_data": L._("Chart data:"),
        "network_in_html": L._("The interactive network view is in the HTML version of this report."),
        "network_view": L._("Network view"),
        "published": L._("published {date}"),
        "footnote": L._("Footnote"),
    }


def recommendation_citations(g: nx.MultiDiGraph, p: nx.Graph, x: str, cand: str) -> list[Citation]:
    """What a recommendation of ``cand`` to ``x`` rests on: the ties to partners both have, the networks,
    projects and events both are in — else the candidate's own record."""
    cites = [c for w in sorted(set(p[x]) & set(p[cand]), key=str) for u, v in ((x, w), (w, cand))
             for tie in p[u][v]["ties"] for c in citations_of(tie)]
    groups = {"MEMBER_OF", "PARTICIPATES_IN", "ORGANISED"}
    for grp in sorted(set(g.successors(x)) & set(g.successors(cand)), key=str):
        cites += citations_of(*edges(g, x, grp, groups), *edges(g, cand, grp, groups))
    return cites or citations_of(g.nodes[cand])


def build_entity_report(g: nx.MultiDiGraph, ident: str, lang: Lang | None = None, brief: bool = False,
                        network_view: bool = True, include_flagged: bool = False) -> Report:
    """The dossier (or with ``brief`` the two-page brief) on the entity with id ``ident`` in ``g``, the whole
    stored graph as :func:`reports.read.read_graph` gives it."""
    return EntityReport(g, ident, lang, brief, network_view, include_flagged).build()
