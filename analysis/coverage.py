"""Coverage: which Ukrainian territorial communities have a partner abroad, per oblast, and where the gaps are.

Pure functions over the neutral model (one read of the store, then compute). The units are the communities
of the KATOTTG reference layer (``reference/katottg/``) plus the two cities with special status (Kyiv,
Sevastopol). A hromada centred on a seed city is that City (the hromada's code is its alias, see
:func:`loaders.ua_places.is_hromada`); a community tied to a City by ``HAS_CENTRE`` counts that City's ties as
its own (one actor), and so does a place the ties of the bodies that act for it (its council, its administration
and their offices; graph/schema.yaml ``acts_for``), each tie once. A tie is *foreign* when the other side lies
outside Ukraine; by default ties flagged ended and ties with Russia or Belarus are left out
(``include_excluded=True`` keeps them).

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
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from analysis.growth import NATIONAL, Growth, ties_per_year
from graph.errors import BadInputError
from graph.flags import flag_specs
from graph.model import Edge, GraphData, Node
from graph.names import name_key
from graph.schema import load_schema
from graph.stores.base import Store
from graph.vocabulary import date_of, latest_date_of, vocabulary
from loaders.ua_places import FOLDED_CITY_TYPE, code_level, is_hromada, katottg_code

if TYPE_CHECKING:
    import networkx as nx

MINISTRY = {
    "communities_with_foreign_partner": 487,
    "communities_total": 1469,
    "agreements": 2115,
    "as_of": "communities: April 2025; agreements: October 2025",
    "publisher": "Ministry for Development of Communities and Territories of Ukraine",
}
# ties with partners in these countries are left out by default: the countries of the schema's flags
# (graph/schema.yaml `flags:`, russia_belarus), declared there once
EXCLUDED_COUNTRIES = tuple(c for spec in flag_specs().values() for c in spec.countries)
KINDS = ("twinning", "agreement", "cooperation")
NOT_IN_MINISTRY_COUNT = ("01", "80", "85")  # Crimea, Kyiv, Sevastopol
OCCUPIED_2014 = ("01", "85")  # Crimea, Sevastopol
TYPE_ORDER = ("urban", "settlement", "rural")
GAP_SORTS = ("oblast", "type", "population", "name")


@dataclass
class Tie:
    """One tie of a unit with a foreign partner."""

    unit: str
    partner: str
    partner_country: str
    kind: str
    tie_id: str
    year: int | None  # of the latest evidence (renewed, else signed…): how stale the tie is
    status: str | None
    began: int | None = None  # the year the tie began (signed…, the vocabulary's date): growth counts it


@dataclass
class Unit:
    id: str
    name: str
    code: str
    oblast: str
    community_type: str | None
    population: int | None = None  # of the centre, from GeoNames, where matched
    status: str | None = None  # "occupied since 2014" (Crimea, Sevastopol); the data hold no frontline list
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
    growth: Growth
    oblast_names: dict[str, str] = field(default_factory=dict)  # two-digit code -> name
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


def graph_of(g: nx.MultiDiGraph) -> GraphData:
    """The neutral model of a stored graph read as NetworkX (:func:`reports.read.read_graph`), for coverage."""
    out = GraphData()
    for ident, a in g.nodes(data=True):
        out.nodes[str(ident)] = Node(str(ident), str(a.get("kind")),
                                     {k: v for k, v in a.items() if k not in ("kind", "country")})
    out.edges = [Edge(str(key), str(d.get("type")), str(u), str(v), {k: x for k, x in d.items() if k != "type"})
                 for u, v, key, d in g.edges(keys=True, data=True)]
    return out


def read_coverage_graph(store: Store) -> GraphData:
    """The part of the store coverage needs, as the neutral model, in three queries (``coverage-units``,
    ``coverage-ties``, ``coverage-cooperation``): Ukrainian units with their codes and centres, and every tie of a
    Ukrainian actor with the other side's country. Reading the whole store of the national load takes ~15 s."""
    from queries.library import run_named

    graph = GraphData()

    def no_entities(text: str) -> str:
        return text

    for r in run_named(store, "coverage-units", resolve=no_entities).records():
        props = {k: r[k] for k in ("name_en", "name_uk", "katottg", "aliases", "community_type",
                                                             "population", "region_type") if r[k] is not None}
        graph.nodes[r["id"]] = Node(r["id"], r["kind"], props)
        if r["centre_city"]:
            graph.edges.append(Edge(f"{r['id']}>HAS_CENTRE", "HAS_CENTRE", r["id"], r["centre_city"]))
        for up in r["located_in"] or []:
            graph.edges.append(Edge(f"{r['id']}>LOCATED_IN>{up}", "LOCATED_IN", r["id"], up))
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
                                  ("signed", r["signed"]), ("renewed", r["renewed"]), ("expected", r["expected"]))
                     if v is not None}))
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
        elif is_hromada(n):
            units[n.id] = _unit(n, code)
            actors[n.id] = n.id
    for e in graph.edges:
        if e.type == "HAS_CENTRE" and e.source in units:
            actors[e.target] = e.source
    return oblasts, units, actors


def _unit(n: Node, code: str) -> Unit:
    ctype = n.props.get("community_type")
    if n.kind == "City" and code_level(code) == "hromada":
        ctype = FOLDED_CITY_TYPE
    population = n.props.get("population")
    occupied = n.props.get("occupied_2014") is True or code[2:4] in OCCUPIED_2014
    return Unit(n.id, n.display_name, code, code[2:4], ctype if isinstance(ctype, str) else None,
                population if isinstance(population, int) and not isinstance(population, bool) else None,
                "occupied since 2014" if occupied else None)


def sort_gaps(gaps: list[Unit], by: str, oblast_names: dict[str, str] | None = None) -> list[Unit]:
    """The gap list in the order a user asks for (one of :data:`GAP_SORTS`): ``oblast`` (then type, name),
    ``type`` (urban, settlement, rural, unknown; then oblast, name), ``population`` (largest centre first,
    unknown last) or ``name``.

    >>> a = Unit("a", "Alpha", "UA07", "07", "rural", 900)
    >>> b = Unit("b", "Beta", "UA05", "05", "urban", None)
    >>> c = Unit("c", "Gamma", "UA05", "05", "settlement", 12000)
    >>> [[u.id for u in sort_gaps([a, b, c], by)] for by in GAP_SORTS]
    [['b', 'c', 'a'], ['b', 'c', 'a'], ['c', 'a', 'b'], ['a', 'b', 'c']]
    """
    if by not in GAP_SORTS:
        raise BadInputError(f"cannot sort the gap list by {by!r} — use one of: {', '.join(GAP_SORTS)}")
    names = oblast_names or {}

    def oblast(u: Unit) -> str:
        return names.get(u.oblast, u.oblast)

    def ctype(u: Unit) -> int:
        return TYPE_ORDER.index(u.community_type) if u.community_type in TYPE_ORDER else len(TYPE_ORDER)

    keys = {
        "oblast": lambda u: (oblast(u), ctype(u), u.name, u.id),
        "type": lambda u: (ctype(u), oblast(u), u.name, u.id),
        "population": lambda u: (u.population is None, -(u.population or 0), u.name, u.id),
        "name": lambda u: (u.name, oblast(u), u.id),
    }
    return sorted(gaps, key=keys[by])


def _ties(graph: GraphData, actors: set[str], countries: dict[str, str],
          acting: dict[str, str] | None = None) -> dict[str, list[Tie]]:
    """Every foreign tie of each of ``actors``: agreements it is party to with a party abroad, and stated
    cooperation with a partner abroad — its own and those of the bodies that act for it (``acting``: body -> place,
    :func:`analysis.actors.acts_for_model`), each tie once per actor and partner."""
    owner = acting or {}
    out: dict[str, list[Tie]] = defaultdict(list)
    seen: set[tuple[str, str, str]] = set()

    def add(t: Tie) -> None:
        if (t.unit, t.tie_id, t.partner) not in seen:
            seen.add((t.unit, t.tie_id, t.partner))
            out[t.unit].append(t)

    parties: dict[str, list[str]] = defaultdict(list)
    for e in graph.edges:
        if e.type == "PARTY_TO":
            parties[e.target].append(e.source)
    for aid, members in parties.items():
        agr = graph.nodes.get(aid)
        if agr is None:
            continue
        kind = "twinning" if agr.props.get("agreement_kind") == "twinning" else "agreement"
        year, began = _year(latest_date_of(agr.props)), _year(date_of(agr.props))
        status = agr.props.get("status")
        for a in members:
            actor = owner.get(a, a)
            if actor not in actors:
                continue
            for b in members:
                cc = countries.get(b, "")
                if b != a and cc and cc != "ua":
                    add(Tie(actor, b, cc, kind, aid, year, status if isinstance(status, str) else None, began))
    for e in graph.edges:
        if e.type != "COOPERATES_WITH":
            continue
        for a, b in ((e.source, e.target), (e.target, e.source)):
            cc, actor = countries.get(b, ""), owner.get(a, a)
            if actor in actors and cc and cc != "ua":
                status = e.props.get("status")
                add(Tie(actor, b, cc, "cooperation", e.id, _year(latest_date_of(e.props)),
                        status if isinstance(status, str) else None, _year(date_of(e.props))))
    return out


def _oblast_of(graph: GraphData) -> dict[str, str]:
    """Ukrainian place id -> id of the oblast-level unit it lies in (itself, or up to three LOCATED_IN steps up:
    a Region of type oblast or republic, or Kyiv/Sevastopol); the first by id when several (as ``ties-per-year``)."""
    up: dict[str, list[str]] = defaultdict(list)
    for e in graph.edges:
        if e.type == "LOCATED_IN":
            up[e.source].append(e.target)

    oblast_types = vocabulary().values("oblast_region_types")

    def is_oblast(ident: str) -> bool:
        n = graph.nodes.get(ident)
        if n is None:
            return False
        code = katottg_code(n)
        return (n.kind == "Region" and n.props.get("region_type") in oblast_types) or (
            n.kind == "City" and code is not None and code_level(code) == "oblast")

    out: dict[str, str] = {}
    for ident in _ukrainian_places(graph):
        level, found = {ident}, set()
        for _ in range(4):
            found |= {i for i in level if is_oblast(i)}
            level = {p for i in level for p in up.get(i, [])}
        if found:
            out[ident] = min(found)
    return out


def _ukrainian_places(graph: GraphData) -> list[str]:
    """The places whose foreign ties make Ukraine's growth (as ``ties-per-year``): cities, communities, regions."""
    places = load_schema().acts_for.places  # the kinds of place an actor is (graph/schema.yaml acts_for)
    return [n.id for n in graph.nodes.values() if n.kind in places and n.id.startswith("ua-")]


def _name(graph: GraphData, ident: str | None) -> str | None:
    return graph.nodes[ident].display_name if ident in graph.nodes else None


def _counts(t: Tie, include_excluded: bool) -> bool:
    return include_excluded or (t.status != "ended" and t.partner_country not in EXCLUDED_COUNTRIES)


def coverage(graph: GraphData, oblast: str | None = None, stale_before: int | None = None,
             include_excluded: bool = False, sort_by: str = "oblast") -> Coverage:
    """Per-oblast coverage, the gap list, stale ties and growth per year (:func:`analysis.growth.ties_per_year`
    over the ties counted, the same as the named query ``ties-per-year``).

    For a partnership officer: ``share`` is the part of an oblast's communities with at least one partner
    abroad that our sources know of; a community in the gap list has none we know of — a lead to check, not
    proof of absence. ``stale`` lists ties whose latest date (signed, renewed or since) is before
    ``stale_before``; undated ties are never stale (their age is unknown). ``sort_by`` orders the gap list
    (:func:`sort_gaps`).
    """
    from analysis.actors import acts_for_model

    names, units, actors = oblast_units(graph)
    places = _ukrainian_places(graph)
    # one actor: a council's or an administration's ties count for the place it acts for
    ties_of = _ties(graph, set(places) | set(actors), _countries(graph), acts_for_model(graph))
    for actor, unit in actors.items():
        units[unit].ties += [replace(t, unit=unit) for t in ties_of.get(actor, [])]
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
        in_count = code not in NOT_IN_MINISTRY_COUNT
        if in_count:
            nat_units += len(members)
            nat_with += with_foreign
            nat_agr += len(agreements)
        if wanted in (None, code):
            rows.append(OblastCoverage(code, names.get(code, code), len(members), with_foreign,
                                       {k: kinds[k] for k in KINDS}, len(agreements), in_count))
    gaps = sort_gaps(gaps, sort_by, names)
    stale.sort(key=lambda t: (t.year or 0, t.unit, t.partner, t.tie_id))
    oblast_of = _oblast_of(graph)
    growth = ties_per_year((_name(graph, oblast_of.get(p)), t.tie_id, t.began) for p in sorted(places)
                           for t in ties_of.get(p, []) if _counts(t, include_excluded))
    if wanted is not None:
        keep = {NATIONAL, *(_name(graph, o) for o in set(oblast_of.values())
                            if (c := katottg_code(graph.nodes[o])) and c[2:4] == wanted)}
        growth = Growth({a: y for a, y in growth.years.items() if a in keep},
                        {a: n for a, n in growth.undated.items() if a in keep},
                        {a: t for a, t in growth.ties.items() if a in keep})
    return Coverage(rows, nat_units, nat_with, nat_agr, gaps, stale, growth, dict(names))
