"""Risk and legitimacy flags of partnership ties: declared once (``flags:`` in ``graph/schema.yaml``), used everywhere.

A *tie* is an ``Agreement`` (its parties are the partners) or a ``COOPERATES_WITH`` relation. Its ``flags`` (a list
of flag names) come from three places, all read from the one declaration:

- the seeds (``flags: [ended]`` on an agreement or a cooperation, validated against the vocabulary);
- the imported table's ``flags`` text (:func:`data_flags`: each flag's ``data:`` phrases);
- the graph itself, when it is written (:func:`derive_flags`): a party in one of the flag's ``countries``, a
  party marked with its ``place_field`` (or lying in or centred on a place that is), or a status in ``statuses``.

A flagged tie is shown with a badge and left out of rankings and recommendations unless asked for
(``--include-flagged``): :func:`without_flagged` drops such ties from the partnership projection.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from graph.model import Edge, GraphData, Node
from graph.schema import Schema, load_schema

if TYPE_CHECKING:
    import networkx as nx

TIE_RELATION = "COOPERATES_WITH"
TIE_KIND = "Agreement"


@dataclass(frozen=True)
class FlagSpec:
    """One flag of the vocabulary and the rules that set it."""

    name: str
    doc: str
    countries: tuple[str, ...] = ()  # a party lying in one of these countries (ISO codes)
    place_field: str | None = None  # a party (or the place it lies in / is centred on) with this field true
    statuses: tuple[str, ...] = ()  # the tie's own status
    data: tuple[str, ...] = ()  # phrases of the imported table's `flags` column (case-insensitive substrings)


def flag_specs(schema: Schema | None = None) -> dict[str, FlagSpec]:
    """The flag vocabulary, in the order the schema declares it."""
    return (schema or load_schema()).flags


def flag_names(schema: Schema | None = None) -> tuple[str, ...]:
    return tuple(flag_specs(schema))


def data_flags(text: str | None, schema: Schema | None = None) -> list[str]:
    """The flags a row of the imported table states in its ``flags`` column.

    >>> data_flags("partner in Russia/Belarus: many such ties were suspended/terminated after 2014/2022; "
    ...            "Ukrainian place under Russian occupation since 2014")
    ['russia_belarus', 'occupied']
    >>> data_flags("multilateral agreement"), data_flags(None)
    ([], [])
    """
    low = (text or "").lower()
    return [f.name for f in flag_specs(schema).values() if any(p.lower() in low for p in f.data)]


def flags_of(*attrs: Mapping[str, Any]) -> list[str]:
    """The flags recorded on nodes or relations, in order, without repeats."""
    out: list[str] = []
    for a in attrs:
        for f in a.get("flags") or []:
            if str(f) not in out:
                out.append(str(f))
    return out


def is_flagged(attrs: Mapping[str, Any]) -> bool:
    return bool(attrs.get("flags"))


def beyond_status(flags: Iterable[str], status: Any, schema: Schema | None = None) -> list[str]:
    """The flags a reader learns nothing of from the tie's status (a planned tie need not say "announced" twice).

    >>> beyond_status(["russia_belarus", "announced"], "planned"), beyond_status(["announced"], "unknown")
    (['russia_belarus'], ['announced'])
    """
    specs = flag_specs(schema)
    return [f for f in flags if f not in specs or status not in specs[f].statuses]


class _Places:
    """Country and flag-field markers of every node, following LOCATED_IN and HAS_CENTRE (memoised)."""

    def __init__(self, graph: GraphData, fields: Iterable[str]):
        self.graph = graph
        self.fields = tuple(fields)
        self.up: dict[str, list[str]] = {}
        for e in graph.edges:
            if e.type == "LOCATED_IN":
                self.up.setdefault(e.source, []).append(e.target)
            elif e.type == "HAS_CENTRE":  # the hromada and its centre are one actor: the city shares its markers
                self.up.setdefault(e.target, []).append(e.source)
        self._memo: dict[str, tuple[frozenset[str], frozenset[str]]] = {}

    def of(self, ident: str) -> tuple[frozenset[str], frozenset[str]]:
        """(the country ids ``ident`` lies in, the marker fields that are true for it or a place above it)."""
        if ident in self._memo:
            return self._memo[ident]
        countries: set[str] = set()
        marks: set[str] = set()
        seen, todo = {ident}, [(ident, 0)]
        while todo:
            n, depth = todo.pop()
            node = self.graph.nodes.get(n)
            if node is None:
                continue
            if node.kind == "Country":
                countries.add(n)
            marks.update(f for f in self.fields if node.props.get(f) is True)
            if depth < 4:
                for m in self.up.get(n, ()):
                    if m not in seen:
                        seen.add(m)
                        todo.append((m, depth + 1))
        self._memo[ident] = (frozenset(countries), frozenset(marks))
        return self._memo[ident]


def _derived(specs: Mapping[str, FlagSpec], places: _Places, parties: Iterable[str], status: Any,
             own: Iterable[str]) -> list[str]:
    found = list(dict.fromkeys(str(f) for f in own))
    where = [places.of(p) for p in parties]
    for spec in specs.values():
        hit = (status in spec.statuses
               or any(set(spec.countries) & c for c, _ in where)
               or (spec.place_field is not None and any(spec.place_field in m for _, m in where)))
        if hit and spec.name not in found:
            found.append(spec.name)
    order = list(specs)
    return sorted(found, key=lambda f: order.index(f) if f in order else len(order))


def derive_flags(graph: GraphData, schema: Schema | None = None) -> GraphData:
    """``graph`` with every tie's ``flags`` completed from what the graph states (a copy where they change).

    >>> from graph.model import Edge, GraphData, Node
    >>> g = GraphData({"ua-lviv": Node("ua-lviv", "City"), "ru": Node("ru", "Country"),
    ...                "ru-grozny": Node("ru-grozny", "City"),
    ...                "agr": Node("agr", "Agreement", {"status": "unknown"})},
    ...               [Edge("e1", "LOCATED_IN", "ru-grozny", "ru"), Edge("e2", "PARTY_TO", "ua-lviv", "agr"),
    ...                Edge("e3", "PARTY_TO", "ru-grozny", "agr")])
    >>> derive_flags(g).nodes["agr"].props["flags"]
    ['russia_belarus']
    """
    specs = flag_specs(schema)
    places = _Places(graph, [s.place_field for s in specs.values() if s.place_field])
    parties: dict[str, list[str]] = {}
    for e in graph.edges:
        if e.type == "PARTY_TO":
            parties.setdefault(e.target, []).append(e.source)
    nodes = dict(graph.nodes)
    for ident, n in graph.nodes.items():
        if n.kind != TIE_KIND:
            continue
        flags = _derived(specs, places, parties.get(ident, ()), n.props.get("status"), flags_of(n.props))
        if flags != flags_of(n.props):
            nodes[ident] = Node(n.id, n.kind, {**n.props, "flags": flags}, n.citations)
    edges = []
    for e in graph.edges:
        if e.type == TIE_RELATION:
            flags = _derived(specs, places, (e.source, e.target), e.props.get("status"), flags_of(e.props))
            if flags != flags_of(e.props):
                e = Edge(e.id, e.type, e.source, e.target, {**e.props, "flags": flags}, e.citations)
        edges.append(e)
    return GraphData(nodes, edges)


def place_flags(attrs: Mapping[str, Any], schema: Schema | None = None) -> list[str]:
    """The flags a place carries by itself (its country, its marker): a candidate partner to leave out.

    >>> place_flags({"kind": "City", "country": "ru"}), place_flags({"occupied_2014": True}), place_flags({})
    (['russia_belarus'], ['occupied'], [])
    """
    out = []
    for spec in flag_specs(schema).values():
        if (attrs.get("country") in spec.countries or (attrs.get("kind") == "Country" and attrs.get("iso", "").lower()
                                                       in spec.countries)
                or (spec.place_field is not None and attrs.get(spec.place_field) is True)):
            out.append(spec.name)
    return out


def without_flagged(p: nx.Graph) -> nx.Graph:
    """The partnership projection ``p`` without its flagged ties (an edge with none left is dropped).

    >>> import networkx as nx
    >>> p = nx.Graph()
    >>> p.add_edge("a", "b", ties=[{"kind": "twinning", "flags": ["russia_belarus"]}], weight=1)
    >>> p.add_edge("a", "c", ties=[{"kind": "twinning"}, {"kind": "cooperation", "flags": ["ended"]}], weight=2)
    >>> q = without_flagged(p)
    >>> sorted(q.edges()), q["a"]["c"]["weight"], sorted(q.nodes())
    ([('a', 'c')], 1, ['a', 'b', 'c'])
    """
    q = p.copy()
    for u, v, d in list(q.edges(data=True)):
        kept = [t for t in d.get("ties", []) if not is_flagged(t)]
        if not kept:
            q.remove_edge(u, v)
        elif len(kept) != len(d.get("ties", [])):
            q[u][v]["ties"] = kept
            q[u][v]["weight"] = len(kept)
    return q
