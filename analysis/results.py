"""The shape of ``partners analyse``'s result: typed records that the JSON output and the terminal text share.

:func:`analysis.report_data.build_report` returns an :class:`AnalysisReport`; ``partners analyse --format json``
prints it as it is and :mod:`terminal.analysis` renders it as text — neither reads a key this module does not
declare (mypy checks both).
"""

from __future__ import annotations

from typing import Any, TypedDict


class Who(TypedDict):
    id: Any
    name: str


class Ranked(Who):
    kind: str | None
    country: str | None
    value: float


class DegreeRow(TypedDict):
    id: Any
    name: str
    kind: str | None
    country: str | None
    degree: int
    weighted_degree: int


class GraphSize(TypedDict):
    entities: int
    relations: int
    actors: int
    actors_with_partners: int
    ties: int
    agreements_and_cooperations: int
    connected_groups: int


class Sample(TypedDict):
    k: int
    seed: int


class Top(TypedDict):
    weighted_degree: list[DegreeRow]
    pagerank: list[Ranked]
    betweenness: list[Ranked]
    betweenness_sample: Sample | None


class Community(TypedDict):
    index: int
    size: int
    members: list[Who]


class Communities(TypedDict):
    count: int
    with_partners: int
    largest: list[Community]


class Broker(Who):
    degree: int


class Bridge(TypedDict):
    between: list[Who]
    sole_partner: bool


class Brokers(TypedDict):
    articulation_points: list[Broker]
    bridges: list[Bridge]


class KCore(TypedDict):
    max_core: int
    members: list[Who]
    actors_by_core: dict[str, int]


class GrowthRow(TypedDict):
    year: int
    kind: str
    count: int


class Position(TypedDict):
    rank_degree: int
    rank_pagerank: int
    rank_betweenness: int
    n_nodes: int
    community: int
    community_size: int
    is_broker: bool
    core_number: int


# "in" says where the position is computed ("the whole graph (filters applied)"); a keyword, hence this form
Focus = TypedDict("Focus", {
    "id": Any, "name": str, "kind": "str | None", "in": str, "partners": "int | None", "ties": "int | None",
    "position": "Position | None",
    "recommendations": "list[dict[str, Any]]",  # analysis.recommend.Recommendation as a dict
    "growth": "list[GrowthRow]", "note": str,
    "actor": "Who",  # the place the focus acts for (a council answers as its oblast), else the focus itself
    "partner_ids": "list[Any]",
}, total=False)


class Selection(TypedDict):
    focus: Any
    depth: int | None
    filters: dict[str, Any]
    include_flagged: bool  # flagged ties (graph/flags.py) counted too


class AnalysisReport(TypedDict):
    selection: Selection
    graph: GraphSize
    top: Top
    communities: Communities
    brokers: Brokers
    k_core: KCore
    growth: list[GrowthRow]
    focus: Focus | None
