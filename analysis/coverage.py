"""Coverage: which Ukrainian territorial communities have a partner abroad, per oblast, and where the gaps are.

Pure functions over the neutral model (one read of the store, then compute). The units are the communities
of the KATOTTG reference layer (``reference/katottg/``) plus the two cities with special status (Kyiv,
Sevastopol). A community's ties are its own and those of the City node that is its centre (``HAS_CENTRE``:
one actor). A tie is *foreign* when the other side lies outside Ukraine; by default ties flagged ended and ties
with Russia or Belarus are left out (``include_excluded=True`` keeps them).

The Ministry for Development of Communities and Territories reports totals only: 487 of about 1,469
communities with a foreign partner (April 2025) and 2,115 agreements of those 487 (October 2025). The 1,469
are the communities of the 24 oblasts — the codifier's 1,772 without Crimea's 303; Kyiv and Sevastopol are not
among them, so the national comparison leaves out Crimea, Kyiv and Sevastopol.

>>> from graph.model import GraphData, Node, Edge
>>> g = GraphData()
>>> g.nodes["ua"] = Node("ua", "Country", {"iso": "UA"})
>>> g.nodes["pl"] = Node("pl", "Country", {"iso": "PL"})
>>> g.nodes["ob"] = Node("ob", "Region", {"name_en": "Volyn Oblast", "katottg": "UA07000000000024379"})
>>> g.nodes["h1"] = Node("h1", "Community", {"name_en": "A hromada", "katottg": "UA07020010000012345",
...                                           "community_type": "rural"})
>>> g.nodes["h2"] = Node("h2", "Community", {"name_en": "B hromada", "katottg": "UA07020020000012345"})
>>> g.nodes["x"] = Node("x", "City", {"name_en": "Chełm"})
>>> g.edges += [Edge("e1", "LOCATED_IN", "x", "pl"), Edge("e2", "COOPERATES_WITH", "h1", "x", {"since": "2019"})]
>>> c = coverage(g)
>>> (c.oblasts[0].name, c.oblasts[0].units, c.oblasts[0].with_foreign, [u.name for u in c.gaps])
('Volyn Oblast', 2, 1, ['B hromada'])
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from graph.errors import BadInputError
from graph.model import Edge, GraphData, Node
from graph.names import name_key
from graph.stores.base import Store
from loaders.ua_places import katottg_code

MINISTRY = {
    "communities_with_foreign_partner": 487,
    "communities_total": 1469,
    "agreements": 2115,
    "as_of": "communities: April 2025; agreements: October 2025",
    "publisher": "Ministry for Development of Communities and Territories of Ukraine",
}
EXCLUDED_COUNTRIES = ("ru", "by")
KINDS = ("twinning", "agreement", "cooperation")
NOT_IN_MINISTRY_COUNT = ("01", "80", "85")  # Crimea, Kyiv, Sevastopol
FIRST_YEAR = 1991


@dataclass
class Tie:
    """One tie of a unit with a foreign partner."""

    unit: str
    partner: str
    partner_country: str
    kind: str
    tie_id: str
    year: int | None
    status: str | None


@dataclass
class Unit:
    id: str
    name: str
    code: str
    oblast: str
    community_type: str | None
    ties: list[Tie] = field(default_factory=list)


@dataclass
class OblastCoverage:
    code: str
    name: str
    units: int
    with_foreign: int
    by_kind: dict[str, int]
    agreements: int
    in_ministry_count: bool

    @property
    def share(self) -> float:
        return self.with_foreign / self.units if self.units else 0.0


@dataclass
class Coverage:
    oblasts: list[OblastCoverage]
    national_units: int
    national_with_foreign: int
    national_agreements: int
    gaps: list[Unit]
    stale: list[Tie]
    growth: dict[str, dict[int, int]]
    undated: int
    dated: int
    ministry: dict[str, object] = field(default_factory=lambda: dict(MINISTRY))

    def difference(self) -> str:
        """The national comparison with the Ministry, in one plain sentence."""
        m_with, m_total = MINISTRY["communities_with_foreign_partner"], MINISTRY["communities_total"]
        gap = int(m_with) - self.national_with_foreign  # type: ignore[call-overload]
        return (f"We know foreign partners for {self.national_with_foreign} of {self.national_units} communities "
                f"(24 oblasts, without Crimea, Kyiv, Sevastopol); the Ministry reports {m_with} of ~{m_total}: "
                f"{abs(gap)} {'fewer' if gap > 0 else 'more'} than the Ministry. Our {self.national_agreements} "
                f"agreements compare with its {MINISTRY['agreements']}. The Ministry publishes totals only, so "
                "the difference cannot be traced to communities: our data are public lists and pages, which "
                "miss ties that councils have not published.")


def read_coverage_graph(store: Store) -> GraphData:
    """The part of the store coverage needs, as the neutral model, in three queries (``coverage-units``,
    ``coverage-ties``, ``coverage-cooperation``): Ukrainian units with their codes and centres, and every tie of a
    Ukrainian actor with the other side's country. Reading the whole store of the national load takes ~15 s."""
    from queries.library import run_named

    graph = GraphData()

    def no_entities(text: str) -> str:
        return text

    for r in run_named(store, "coverage-units", resolve=no_entities).records():
        props = {k: r[k] for k in ("name_en", "name_uk", "katottg", "aliases", "community_type") if r[k] is not None}
        graph.nodes[r["id"]] = Node(r["id"], r["kind"], props)
        if r["centre_city"]:
            graph.edges.append(Edge(f"{r['id']}>HAS_CENTRE", "HAS_CENTRE", r["id"], r["centre_city"]))
    ties = [*run_named(store, "coverage-ties", resolve=no_entities).records(),
            *run_named(store, "coverage-cooperation", resolve=no_entities).records()]
    for r in ties:
        partner = r["partner"]
        countries = r["countries"] or []
        for cc in countries:  # a Country can itself be a party (it is its own country)
            graph.nodes[cc] = Node(cc, "Country", {})
        if partner not in graph.nodes:
            graph.nodes[partner] = Node(partner, "City", {})
            for cc in countries:
                graph.edges.append(Edge(f"{partner}>LOCATED_IN>{cc}", "LOCATED_IN", partner, cc))
        if r["via"] == "agreement":
            graph.nodes.setdefault(r["tie"], Node(r["tie"], "Agreement", {
                k: v for k, v in (("agreement_kind", r["agreement_kind"]), ("status", r["status"]),
                                  ("signed", r["dated"])) if v is not None}))
            graph.edges.append(Edge(f"{r['actor']}>{r['tie']}", "PARTY_TO", r["actor"], r["tie"]))
            graph.edges.append(Edge(f"{partner}>{r['tie']}", "PARTY_TO", partner, r["tie"]))
        else:
            graph.edges.append(Edge(r["tie"], "COOPERATES_WITH", r["actor"], partner,
                                    {k: v for k, v in (("status", r["status"]), ("since", r["dated"])) if v}))
    graph.edges = list({e.id: e for e in graph.edges}.values())  # a tie between two Ukrainian actors comes twice
    return graph


def _year(value: object) -> int | None:
    if isinstance(value, str) and len(value) >= 4 and value[:4].isdigit():
        return int(value[:4])
    return None


def _countries(graph: GraphData) -> dict[str, str]:
    """Entity id -> id of its country: the one it represents (an embassy, REPRESENTS), else following LOCATED_IN up
    to a Country."""
    up: dict[str, list[str]] = defaultdict(list)
    for e in graph.edges:
        if e.type == "LOCATED_IN":
            up[e.source].append(e.target)
    out: dict[str, str] = {n.id: n.id for n in graph.nodes.values() if n.kind == "Country"}
    out.update({e.source: e.target for e in graph.edges if e.type == "REPRESENTS"})

    def find(ident: str, seen: frozenset[str] = frozenset()) -> str:
        if ident in out:
            return out[ident]
        for parent in up.get(ident, []):
            if parent not in seen:
                c = find(parent, seen | {ident})
                if c:
                    out[ident] = c
                    return c
        return ""

    for n in graph.nodes.values():
        find(n.id)
    return out


def oblast_units(graph: GraphData) -> tuple[dict[str, str], dict[str, Unit], dict[str, str]]:
    """(oblast code -> name, unit id -> Unit, actor id -> unit id) from the reference layer."""
    oblasts: dict[str, str] = {}
    units: dict[str, Unit] = {}
    actors: dict[str, str] = {}
    for n in graph.nodes.values():
        code = katottg_code(n)
        if code is None:
            continue
        if code[4:14] == "0" * 10:
            oblasts[code[2:4]] = n.display_name
            if n.kind == "City":  # Kyiv, Sevastopol: the city is the unit
                units[n.id] = _unit(n, code)
                actors[n.id] = n.id
        elif n.kind == "Community":
            units[n.id] = _unit(n, code)
            actors[n.id] = n.id
    for e in graph.edges:
        if e.type == "HAS_CENTRE" and e.source in units:
            actors[e.target] = e.source
    return oblasts, units, actors


def _unit(n: Node, code: str) -> Unit:
    ctype = n.props.get("community_type")
    return Unit(n.id, n.display_name, code, code[2:4], ctype if isinstance(ctype, str) else None)


def _ties(graph: GraphData, units: dict[str, Unit], actors: dict[str, str], countries: dict[str, str]) -> None:
    parties: dict[str, list[str]] = defaultdict(list)
    for e in graph.edges:
        if e.type == "PARTY_TO":
            parties[e.target].append(e.source)
    for aid, members in parties.items():
        agr = graph.nodes.get(aid)
        if agr is None:
            continue
        kind = "twinning" if agr.props.get("agreement_kind") == "twinning" else "agreement"
        year = _year(agr.props.get("renewed")) or _year(agr.props.get("signed"))
        status = agr.props.get("status")
        for a in members:
            if a not in actors:
                continue
            for b in members:
                cc = countries.get(b, "")
                if b != a and cc and cc != "ua":
                    units[actors[a]].ties.append(Tie(actors[a], b, cc, kind, aid, year,
                                                     status if isinstance(status, str) else None))
    for e in graph.edges:
        if e.type != "COOPERATES_WITH":
            continue
        for a, b in ((e.source, e.target), (e.target, e.source)):
            cc = countries.get(b, "")
            if a in actors and cc and cc != "ua":
                status = e.props.get("status")
                units[actors[a]].ties.append(Tie(actors[a], b, cc, "cooperation", e.id, _year(e.props.get("since")),
                                                 status if isinstance(status, str) else None))


def _counts(t: Tie, include_excluded: bool) -> bool:
    return include_excluded or (t.status != "ended" and t.partner_country not in EXCLUDED_COUNTRIES)


def coverage(graph: GraphData, oblast: str | None = None, stale_before: int | None = None,
             include_excluded: bool = False) -> Coverage:
    """Per-oblast coverage, the gap list, stale ties and growth per year.

    For a partnership officer: ``share`` is the part of an oblast's communities with at least one partner
    abroad that our sources know of; a community in the gap list has none we know of — a lead to check, not
    proof of absence. ``stale`` lists ties whose latest date (signed, renewed or since) is before
    ``stale_before``; undated ties are never stale (their age is unknown).
    """
    names, units, actors = oblast_units(graph)
    _ties(graph, units, actors, _countries(graph))
    wanted = None
    if oblast:
        key = name_key(oblast)
        matches = [c for c, n in names.items() if key in (name_key(n), name_key(n).removesuffix(" oblast"), c)]
        if not matches:
            raise BadInputError(f"no oblast called {oblast!r} — use one of: {', '.join(sorted(names.values()))}")
        wanted = matches[0]
    by_oblast: dict[str, list[Unit]] = defaultdict(list)
    for u in units.values():
        by_oblast[u.oblast].append(u)
    rows: list[OblastCoverage] = []
    gaps: list[Unit] = []
    stale: list[Tie] = []
    growth: dict[str, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    dated = undated = 0
    nat_units = nat_with = nat_agr = 0
    for code in sorted(by_oblast, key=lambda c: names.get(c, c)):
        members = by_oblast[code]
        kinds: Counter[str] = Counter()
        agreements: set[str] = set()
        with_foreign = 0
        for u in members:
            ties = [t for t in u.ties if _counts(t, include_excluded)]
            if ties:
                with_foreign += 1
            else:
                gaps.append(u) if wanted in (None, code) else None
            for k in {t.kind for t in ties}:
                kinds[k] += 1
            agreements |= {t.tie_id for t in ties if t.kind != "cooperation"}
            for t in ties:
                if stale_before is not None and t.year is not None and t.year < stale_before:
                    stale.append(t) if wanted in (None, code) else None
        seen: set[str] = set()
        for u in members:
            for t in u.ties:
                if not _counts(t, include_excluded) or t.tie_id in seen:
                    continue
                seen.add(t.tie_id)
                if t.year is not None and t.year >= FIRST_YEAR:
                    growth[names.get(code, code)][t.year] += 1
                    growth["Ukraine"][t.year] += 1
                    dated += 1
                else:
                    undated += 1
        in_count = code not in NOT_IN_MINISTRY_COUNT
        if in_count:
            nat_units += len(members)
            nat_with += with_foreign
            nat_agr += len(agreements)
        if wanted in (None, code):
            rows.append(OblastCoverage(code, names.get(code, code), len(members), with_foreign,
                                       {k: kinds[k] for k in KINDS}, len(agreements), in_count))
    gaps.sort(key=lambda u: (names.get(u.oblast, ""), u.community_type or "", u.name, u.id))
    stale.sort(key=lambda t: (t.year or 0, t.unit, t.partner, t.tie_id))
    return Coverage(rows, nat_units, nat_with, nat_agr, gaps, stale,
                    {k: dict(sorted(v.items())) for k, v in growth.items()}, undated, dated)
