"""Who to partner with next: link prediction over the partnership network, explained in words.

A candidate is any place or organisation in the partnership projection ``p`` that is not already a partner of
the node, not the node itself, not a country, not related to it directly in the stored graph ``g`` (a network
it is a member of, a city it supports, its oblast, …) and not one of its own: the places located in it, its
departments, the body that governs it, and theirs in turn. Candidates are scored by

=========================  ======================================================================  ========
signal                     what counts                                                             weight
=========================  ======================================================================  ========
shared partners            Adamic–Adar: each partner both have counts 1 / ln(its number of          1 each
                           partners), so a shared partner with few partners counts more than a
                           hub that partners with everyone (two shared partners with 2 partners
                           each give 2.89)
shared networks            networks, programmes and projects both belong to or take part in          1.0
                           (``MEMBER_OF`` / ``PARTICIPATES_IN`` targets in ``g``)
shared events              events both took part in or organised                                     0.5
introductions              shared partners in the candidate's own country, who can introduce it      0.5
shared sectors             overlap of the areas (energy, reconstruction…) of the agreements,         0.5
                           projects, programmes and events of each: shared areas / all their areas
=========================  ======================================================================  ========

and the reasons for each are returned in words. A candidate with no signal at all is never returned.

One actor, whatever body speaks for it (:mod:`analysis.actors`): the memberships, projects, events and areas of
the bodies that act for a place (its council, administration, their offices) count as the place's, and a body
is never recommended apart from its place. Cooperation with a country as a whole is no partnership tie (it is not
in the projection), and a country is never a candidate.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from analysis.actors import members
from analysis.metrics import name_of, require_actor
from graph.errors import BadInputError
from graph.flags import place_flags
from graph.vocabulary import vocabulary

if TYPE_CHECKING:
    import networkx as nx

WEIGHT_NETWORK = 1.0
WEIGHT_EVENT = 0.5
WEIGHT_INTRODUCTION = 0.5
WEIGHT_SECTOR = 0.5
NOT_CANDIDATES = frozenset({"Country"})  # a country is not a partner one picks; its regions and cities are
GROUP_TYPES = frozenset(vocabulary().relations("group"))
SECTOR_TYPES = frozenset({"PARTY_TO", "MEMBER_OF", "PARTICIPATES_IN", "ORGANISED"})
# (direction, type) of the relations that lead from an actor to what is its own: places located in it, its
# departments and branches, the body that governs it and the places it governs.
OWN = frozenset({("in", "LOCATED_IN"), ("in", "PART_OF"), ("in", "GOVERNS"), ("out", "GOVERNS")})
SHOWN = 3  # names listed in a reason before "…"


@dataclass(frozen=True)
class Recommendation:
    """A suggested next partner: ``score`` (higher is a better lead) and the ``reasons`` in words."""

    candidate: Any
    name: str
    score: float
    reasons: list[str] = field(default_factory=list)
    # the same reasons as data, for renderers that word them in another language: "partners" (shared partners),
    # "networks", "events", "introducers" (ids), "country" (ISO code), "areas" and "n_areas"
    evidence: dict[str, Any] = field(default_factory=dict)


def common_partners(p: nx.Graph, a: Any, b: Any) -> list[Any]:
    """Partners that ``a`` and ``b`` both have in ``p``, sorted by id.

    >>> import networkx as nx
    >>> p = nx.Graph([("a", "x"), ("b", "x"), ("a", "y"), ("b", "y"), ("a", "z")])
    >>> common_partners(p, "a", "b")
    ['x', 'y']
    """
    return sorted(set(p[a]) & set(p[b]), key=str)


def adamic_adar(p: nx.Graph, a: Any, b: Any) -> float:
    """Adamic–Adar index of ``a`` and ``b``: the sum of 1 / ln(degree) over their shared partners.

    For a partnership officer: how strongly the two are already linked through shared partners — a shared
    partner that works with only a few places says more than a hub that works with everyone.

    >>> import networkx as nx
    >>> p = nx.Graph([("a", "x"), ("b", "x"), ("a", "y"), ("b", "y"), ("y", "z")])
    >>> round(adamic_adar(p, "a", "b"), 4)      # x has 2 partners, y has 3: 1/ln 2 + 1/ln 3
    2.3529
    """
    return sum(1 / math.log(p.degree(w)) for w in common_partners(p, a, b))


def _listing(names: Iterable[str]) -> str:
    names = list(names)
    return ", ".join(names[:SHOWN]) + (", …" if len(names) > SHOWN else "")


def _groups_and_sectors(g: nx.MultiDiGraph, amap: dict[Any, Any] | None = None
                        ) -> tuple[dict[Any, set[Any]], dict[Any, set[str]]]:
    """For every actor: the networks/programmes/projects/events it is in, and the areas of its activities (a
    body's count for the place it acts for, ``amap`` as :func:`analysis.actors.acts_for` gives it)."""
    groups: dict[Any, set[Any]] = defaultdict(set)
    sectors: dict[Any, set[str]] = defaultdict(set)
    amap = amap or {}
    for body, v, d in g.edges(data=True):
        u = amap.get(body, body)
        kind = g.nodes[v].get("kind")
        rtype = d.get("type")
        if rtype in GROUP_TYPES and kind in ("Organisation", "Programme", "Project", "Event"):
            if rtype != "ORGANISED" or kind == "Event":
                groups[u].add(v)
        if rtype in SECTOR_TYPES:
            sectors[u].update(str(a) for a in g.nodes[v].get("areas") or [])
    return groups, sectors


def own_bodies(g: nx.MultiDiGraph, node: Any) -> set[Any]:
    """Places and bodies that belong to ``node`` (located in it, part of it, governing it or governed by it,
    and so on down), not counting ``node`` itself.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("ua-zhytomyr", "ua-zhytomyr-oblast", type="LOCATED_IN")
    >>> _ = g.add_edge("oma", "ua-zhytomyr-oblast", type="GOVERNS")
    >>> _ = g.add_edge("office", "oma", type="PART_OF")
    >>> sorted(own_bodies(g, "ua-zhytomyr-oblast")), sorted(own_bodies(g, "ua-zhytomyr"))
    (['office', 'oma', 'ua-zhytomyr'], [])
    """
    if node not in g:
        return set()
    seen, todo = {node}, [node]
    while todo:
        n = todo.pop()
        found = [u for u, _, d in g.in_edges(n, data=True) if ("in", d.get("type")) in OWN]
        found += [v for _, v, d in g.out_edges(n, data=True) if ("out", d.get("type")) in OWN]
        for m in found:
            if m not in seen:
                seen.add(m)
                todo.append(m)
    return seen - {node}


def recommend_partners(g: nx.MultiDiGraph, p: nx.Graph, node: Any, top: int = 5,
                       include_flagged: bool = False) -> list[Recommendation]:
    """The ``top`` best next partners for ``node``, best first (score, then id), each with its reasons.

    ``g`` is the stored graph (for memberships, projects and sectors), ``p`` its partnership projection
    (for partners); the module docstring gives the scoring. For a partnership officer: leads to follow up,
    each with the argument for it — "shares 2 partners with Kassel (Dortmund, Germany)", "both in
    Entrepreneurship+ Academy".

    >>> import networkx as nx
    >>> from analysis.projection import partnership_graph
    >>> g = nx.MultiDiGraph()
    >>> for n, name, kind, country in [("z", "Zhytomyr", "City", "ua"), ("k", "Kassel", "City", "de"),
    ...         ("d", "Dortmund", "City", "de"), ("l", "Lublin", "City", "pl"), ("u", "URBACT", "Programme", None)]:
    ...     g.add_node(n, name_en=name, kind=kind, country=country)
    >>> for a, b, t in [("z", "k", "COOPERATES_WITH"), ("k", "d", "COOPERATES_WITH"),
    ...                 ("z", "u", "PARTICIPATES_IN"), ("l", "u", "PARTICIPATES_IN")]:
    ...     _ = g.add_edge(a, b, type=t)
    >>> for r in recommend_partners(g, partnership_graph(g), "z"):
    ...     print(r.name, round(r.score, 2), "; ".join(r.reasons))
    Dortmund 1.94 shares 1 partner with Dortmund (Kassel); partner of your partner Kassel, in the same country (de)
    Lublin 1.0 both in URBACT
    """
    require_actor(p, node)
    if top < 0:
        raise BadInputError(f"top must be 0 or more, got {top}")
    amap: dict[Any, Any] = p.graph.get("acts_for", {})
    groups, sectors = _groups_and_sectors(g, amap)
    partners = set(p[node])
    related: set[Any] = set()
    for who in members(amap, node):
        if who in g:
            related |= set(g.successors(who)) | set(g.predecessors(who)) | own_bodies(g, who)
    related |= {amap.get(r, r) for r in related}

    candidates: set[Any] = set()
    for w in partners:
        candidates.update(p[w])
    for group in groups.get(node, ()):
        candidates.update(amap.get(u, u) for u, _, d in g.in_edges(group, data=True) if d.get("type") in GROUP_TYPES)
    if sectors.get(node):
        candidates.update(n for n, s in sectors.items() if s & sectors[node])
    candidates = {c for c in candidates
                  if c in p and c != node and c not in partners and c not in related
                  and p.nodes[c].get("kind") not in NOT_CANDIDATES
                  and (include_flagged or not place_flags(p.nodes[c]))}  # not a place in Russia, not occupied

    out = []
    for c in candidates:
        score, reasons = 0.0, []
        evidence: dict[str, Any] = {}
        shared = common_partners(p, node, c)
        if shared:
            score += sum(1 / math.log(p.degree(w)) for w in shared)
            evidence["partners"] = list(shared)
            reasons.append(f"shares {len(shared)} partner{'s' if len(shared) != 1 else ''} with {name_of(p, c)} "
                           f"({_listing(name_of(p, w) for w in shared)})")
        both = groups.get(node, set()) & groups.get(c, set())
        nets = sorted((x for x in both if g.nodes[x].get("kind") != "Event"), key=str)
        events = sorted((x for x in both if g.nodes[x].get("kind") == "Event"), key=str)
        if nets:
            score += WEIGHT_NETWORK * len(nets)
            evidence["networks"] = nets
            reasons.append(f"both in {_listing(name_of(g, x) for x in nets)}")
        if events:
            score += WEIGHT_EVENT * len(events)
            evidence["events"] = events
            reasons.append(f"both at {_listing(name_of(g, x) for x in events)}")
        country = p.nodes[c].get("country")
        introducers = [w for w in shared if country and p.nodes[w].get("country") == country]
        if introducers:
            score += WEIGHT_INTRODUCTION * len(introducers)
            evidence.update(introducers=introducers, country=country)
            who = _listing(name_of(p, w) for w in introducers)
            reasons.append(f"partner of your partner{'s' if len(introducers) != 1 else ''} {who}, "
                           f"in the same country ({country})")
        mine, theirs = sectors.get(node, set()), sectors.get(c, set())
        areas = sorted(mine & theirs)
        if areas:
            score += WEIGHT_SECTOR * len(areas) / len(mine | theirs)
            evidence.update(areas=areas, n_areas=len(mine | theirs))
            reasons.append(f"both work on {_listing(areas)} "
                           f"({len(areas)} of the {len(mine | theirs)} areas of the two)")
        if score > 0:
            out.append(Recommendation(c, name_of(p, c), round(score, 6), reasons, evidence))
    out.sort(key=lambda r: (-r.score, str(r.candidate)))
    return out[:top]
