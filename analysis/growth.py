"""How the partnership book grew: agreements and cooperations counted by year and kind, and the foreign ties of
Ukraine's communities by year, nationally and per oblast (``partners coverage``, the overview report and the named
query ``ties-per-year`` count the same)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from graph.errors import BadInputError
from graph.vocabulary import year_of

if TYPE_CHECKING:
    import networkx as nx

    from analysis.results import GrowthRow

def _year(*dates: Any) -> int | None:
    for date in dates:
        year = year_of(date) if date else None
        if year is not None:
            return year
    return None


def agreements_by_year(g: nx.MultiDiGraph, node: Any | None = None) -> list[GrowthRow]:
    """New agreements and cooperations per year and kind, in the stored graph ``g`` (or of one ``node``).

    For a partnership officer: how fast the partnership book grows, and with what — twinnings, memoranda,
    solidarity partnerships, or cooperation without an agreement (kind ``cooperation``, a
    ``COOPERATES_WITH`` relation). An agreement counts in the year it was signed, else renewed, else (when
    planned) expected — planned agreements therefore appear in future years, filter by status to leave them
    out; a cooperation counts in its ``since`` year. Anything without a date is not counted. With ``node``,
    only the agreements it is party to and the cooperations it is in, together with the bodies that act for the
    same place (:mod:`analysis.actors`). Rows are ``{year, kind, count}``,
    sorted by year, then kind.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a1", kind="Agreement", agreement_kind="twinning", signed="2008-05")
    >>> g.add_node("a2", kind="Agreement", agreement_kind="memorandum", signed="2022")
    >>> g.add_node("a3", kind="Agreement", agreement_kind="twinning", expected="2027", status="planned")
    >>> g.add_node("a4", kind="Agreement", agreement_kind="memorandum")      # no date: not counted
    >>> for a in ("a1", "a2", "a3"):
    ...     _ = g.add_edge("dolyna", a, type="PARTY_TO")
    >>> _ = g.add_edge("dolyna", "kalush", type="COOPERATES_WITH", since="2022-02")
    >>> agreements_by_year(g, "dolyna")  # doctest: +NORMALIZE_WHITESPACE
    [{'year': 2008, 'kind': 'twinning', 'count': 1}, {'year': 2022, 'kind': 'cooperation', 'count': 1},
     {'year': 2022, 'kind': 'memorandum', 'count': 1}, {'year': 2027, 'kind': 'twinning', 'count': 1}]
    """
    if node is not None and node not in g:
        raise BadInputError(f"{node!r} is not in the selected graph — check the name, or widen --depth and the filters")
    counts: Counter[tuple[int, str]] = Counter()
    if node is None:
        agreements = [n for n, a in g.nodes(data=True) if a.get("kind") == "Agreement"]
        cooperations = [d for _, _, d in g.edges(data=True) if d.get("type") == "COOPERATES_WITH"]
    else:
        from analysis.actors import actor_of, acts_for, members

        amap = acts_for(g)   # one actor: the place with the bodies that act for it (its council, administration)
        ours = members(amap, actor_of(amap, node))
        agreements = sorted({v for who in ours for _, v, d in g.out_edges(who, data=True)
                             if d.get("type") == "PARTY_TO" and g.nodes[v].get("kind") == "Agreement"}, key=str)
        seen = {e for who in ours for e in [*g.out_edges(who, keys=True, data="type"),
                                            *g.in_edges(who, keys=True, data="type")] if e[3] == "COOPERATES_WITH"}
        cooperations = [g.edges[u, v, k] for u, v, k, _ in sorted(seen, key=str)
                        if actor_of(amap, u) != actor_of(amap, v)]
    for n in agreements:
        a = g.nodes[n]
        year = _year(a.get("signed"), a.get("renewed"), a.get("expected"))
        if year is not None:
            counts[(year, str(a.get("agreement_kind") or "agreement"))] += 1
    for d in cooperations:
        year = _year(d.get("since"))
        if year is not None:
            counts[(year, "cooperation")] += 1
    return [{"year": y, "kind": k, "count": n} for (y, k), n in sorted(counts.items())]


FIRST_YEAR = 1991  # the growth of Ukraine's own partnerships is counted from independence
NATIONAL = "Ukraine"


@dataclass
class Growth:
    """Foreign ties by year, for Ukraine and each oblast: ``years[area][year]`` ties, ``undated[area]`` ties whose
    sources give no year. A tie counts once per area (a tie of two communities of one oblast once there, a tie of
    communities in two oblasts once in each and once for Ukraine)."""

    years: dict[str, dict[int, int]] = field(default_factory=dict)
    undated: dict[str, int] = field(default_factory=dict)
    ties: dict[str, set[str]] = field(default_factory=dict)  # area -> the ids of the ties counted (for citations)

    def areas(self) -> list[str]:
        """Ukraine first, then the oblasts by name."""
        found = set(self.years) | set(self.undated)
        return [NATIONAL] * (NATIONAL in found) + sorted(found - {NATIONAL})

    def dated(self, area: str = NATIONAL) -> int:
        return sum(self.years.get(area, {}).values())

    def undated_share(self, area: str = NATIONAL) -> float:
        """The part of the area's ties with no year (0.0 when it has no ties)."""
        total = self.dated(area) + self.undated.get(area, 0)
        return self.undated.get(area, 0) / total if total else 0.0

    def before(self, area: str = NATIONAL, year: int = FIRST_YEAR) -> int:
        """Dated ties older than ``year`` (Soviet-era twinnings: before 1991)."""
        return sum(n for y, n in self.years.get(area, {}).items() if y < year)

    def since(self, area: str = NATIONAL, year: int = FIRST_YEAR) -> list[tuple[int, int]]:
        """(year, ties) for every year from ``year`` to the area's last dated year, years without ties as 0."""
        counts = self.years.get(area, {})
        last = max(counts, default=year - 1)
        return [(y, counts.get(y, 0)) for y in range(year, last + 1)]


def ties_per_year(ties: Iterable[tuple[str | None, str, int | None]]) -> Growth:
    """Growth from ``(oblast, tie id, year or None)`` triples: ties per year for each oblast and for Ukraine (a
    place in no known oblast, ``None``, counts for Ukraine only).

    For a partnership officer: how fast an oblast's (and the country's) ties abroad grew, and how much of the
    picture has no date at all — the undated share says how far to trust the curve.

    >>> g = ties_per_year([("Volyn Oblast", "t1", 2005), ("Volyn Oblast", "t1", 2005),
    ...                    ("Lviv Oblast", "t1", 2005), ("Lviv Oblast", "t2", None), ("Lviv Oblast", "t3", 1989)])
    >>> g.areas(), g.years["Ukraine"], g.undated, g.dated("Lviv Oblast")
    (['Ukraine', 'Lviv Oblast', 'Volyn Oblast'], {1989: 1, 2005: 1}, {'Lviv Oblast': 1, 'Ukraine': 1}, 2)
    >>> round(g.undated_share(), 2), g.before(), g.since()[:2], g.since()[-1]
    (0.33, 1, [(1991, 0), (1992, 0)], (2005, 1))
    """
    seen: set[tuple[str, str]] = set()
    years: dict[str, Counter[int]] = {}
    undated: Counter[str] = Counter()
    ids: dict[str, set[str]] = {}
    for area, tie, year in ties:
        for scope in (area, NATIONAL) if area else (NATIONAL,):
            if (scope, tie) in seen:
                continue
            seen.add((scope, tie))
            ids.setdefault(scope, set()).add(tie)
            if year is None:
                undated[scope] += 1
            else:
                years.setdefault(scope, Counter())[year] += 1
    return Growth({a: dict(sorted(c.items())) for a, c in sorted(years.items())}, dict(sorted(undated.items())), ids)
