"""Import the sourced Ukrainian partnership pairs (``shared/data/ukraine_partnerships_provenance.tsv``).

Each row is a Ukrainian place, its oblast, a foreign partner place and country, a kind (twinning, partnership,
cooperation), sometimes a year, and the sources that list the pair (A: English Wikipedia lists, B:
sistercity.info, C: Wikidata P190, D: council and news pages read one by one) with their evidence.

How rows become the model:
- places are matched to entities already in the seeds by name (any alias, KMU-2010 transliteration), within
  the same country; unmatched ones become new ``City`` nodes (``ua-<name>``, ``<iso>-<name>``);
- ``twinning`` becomes an ``Agreement`` (kind twinning) between the two places — status ``unknown``, since the
  sources list the tie but not whether it is still in force (many ties with Russia/Belarus were ended),
  ``planned`` where a source says announced-but-unsigned; ``partnership`` and ``cooperation`` become a
  ``COOPERATES_WITH`` relation;
- the row's ``flags`` text becomes the tie's ``flags`` (the vocabulary of ``graph/schema.yaml``, see
  :mod:`graph.flags`) and stays, as written, in the note;
- every node and relation cites each of the row's sources with that source's own evidence: the row lists one
  URL per piece of evidence (``all_source_urls`` and ``evidence`` run in step), and the URL says which source
  (A, B, C or D) the piece belongs to — so Lviv–Kutaisi cites Wikipedia with both Wikipedia lines,
  sistercity.info with its line and the council page with "listed among Lviv's 29 twin cities".

The seeds win: an imported row never changes what the seeds say about an entity; it adds citations.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from graph.errors import BadInputError
from graph.flags import data_flags
from graph.model import Citation, Edge, GraphData, Node, clean_props
from graph.names import name_key
from loaders.seeds import _BAD_CHARS, slug
from loaders.ua_places import UkrainianPlaces

COLUMNS = {"ua_place", "ua_oblast", "partner_place", "partner_country", "kind", "since_year", "source_ids",
           "evidence", "flags", "all_source_urls"}
SOURCES = {
    "A": ("src-data-wikipedia-twin-lists", "English Wikipedia: lists of twin towns and sister cities (2026)",
          "https://en.wikipedia.org/wiki/Lists_of_twin_towns_and_sister_cities"),
    "B": ("src-data-sistercity-info", "sistercity.info (scraped, pre-2016 names)", "http://en.sistercity.info/"),
    "C": ("src-data-wikidata-p190", "Wikidata P190 twinned administrative body (2017 extracts)",
          "https://www.wikidata.org/wiki/Property:P190"),
    "D": ("src-data-council-pages", "Ukrainian council, hromada and European municipal pages (read one by one)", ""),
}
DATASET = "ukraine_partnerships_provenance.tsv"


class _Importer:
    """Turns rows into nodes and edges, reusing ``base``'s entities and never changing their fields."""

    def __init__(self, base: GraphData, report: Counter[str] | None = None):
        self.base = base
        self.ua = UkrainianPlaces(base)
        self.report: Counter[str] = Counter() if report is None else report
        self.extra = GraphData()
        self.edges: dict[str, Edge] = {}
        self.countries = {name_key(str(v)): n.id for n in base.nodes.values() if n.kind == "Country"
                          for v in [n.props.get("name_en"), *_aliases(n)] if v}
        self.places = _name_index(base, ("City", "Community"))
        self.regions = _name_index(base, ("Region",))
        for sid, title, url in SOURCES.values():
            self.node(sid, "Source", {"name_en": title, "url": url or None}, [Citation(sid, title)])

    def node(self, ident: str, kind: str, props: dict[str, object], cites: list[Citation]) -> str:
        """Add the node, or only the citations when it exists (in the seeds or from an earlier row)."""
        existing = self.base.nodes.get(ident) or self.extra.nodes.get(ident)
        if existing is None:
            self.extra.nodes[ident] = Node(ident, kind, clean_props(props), list(cites))
        else:
            target = self.extra.nodes.setdefault(ident, Node(ident, existing.kind, {}, []))
            target.citations.extend(c for c in cites if c not in target.citations)
        return ident

    def edge(self, rtype: str, src: str, dst: str, props: dict[str, object], cites: list[Citation]) -> None:
        ident = f"{src}>{rtype}>{dst}"
        if ident in self.edges:
            self.edges[ident].citations.extend(c for c in cites if c not in self.edges[ident].citations)
            return
        if any(e.id == ident for e in self.base.edges):
            return  # the seeds state it already
        edge = Edge(ident, rtype, src, dst, clean_props(props), list(cites))
        self.edges[ident] = edge
        self.extra.edges.append(edge)

    def place(self, name: str, cc: str | None, oblast: str, cites: list[Citation], method: str = "") -> str:
        """The id of the place called ``name`` in country ``cc``: an existing entity, or a new City."""
        if cc == "ua":  # the codifier's entities first: by code, then by name within the oblast
            found_id, how = self.ua.resolve(name, oblast, method)
            self.report[f"ukrainian: {how}"] += 1
            if found_id is not None:
                return self.node(found_id, "City", {}, cites)
        key = name_key(name)
        found = self.places.get((cc or "", key), set())
        if len(found) == 1:
            return self.node(next(iter(found)), "City", {}, cites)
        ident = f"{cc or 'xx'}-{slug(name) or 'unnamed'}"
        if ident not in self.extra.nodes and ident not in self.base.nodes:
            self.places.setdefault((cc or "", key), set()).add(ident)
            if cc == "ua" and oblast:
                self.edge("LOCATED_IN", ident, self.region(oblast, cites), {}, cites)
            if cc:
                self.edge("LOCATED_IN", ident, cc, {}, cites)
        return self.node(ident, "City", {"name_en": name}, cites)

    def region(self, oblast: str, cites: list[Citation]) -> str:
        known = self.regions.get(("ua", name_key(oblast)), set())
        if len(known) == 1:
            return next(iter(known))
        is_oblast = oblast.endswith(" Oblast")
        ident = f"ua-{slug(oblast.removesuffix(' Oblast'))}-oblast" if is_oblast else f"ua-{slug(oblast)}"
        self.node(ident, "Region", {"name_en": oblast, "region_type": "oblast" if is_oblast else "other"}, cites)
        self.edge("LOCATED_IN", ident, "ua", {}, cites)
        return ident

    def row(self, path: Path, lineno: int, row: dict[str, str]) -> None:
        ua, partner, kind = row["ua_place"].strip(), row["partner_place"].strip(), row["kind"].strip()
        if not ua or not partner or kind not in ("twinning", "partnership", "cooperation"):
            raise BadInputError(f"{path}:{lineno}: a row needs ua_place, partner_place and a kind of twinning, "
                                f"partnership or cooperation — got {ua!r}, {partner!r}, {kind!r}")
        letters = [s.split(":", 1)[0] for s in row["source_ids"].split("|") if s]
        urls = [u.strip() for u in row["all_source_urls"].split("|") if u.strip()]
        cites = _citations(letters, urls, [e.strip() for e in row["evidence"].split("||")])
        if not cites:
            raise BadInputError(f"{path}:{lineno}: no known source in {row['source_ids']!r} — "
                                "expected ids starting A:, B:, C: or D:")
        ua_id = self.place(ua, "ua", row["ua_oblast"].strip(), cites, row.get("oblast_method") or "")
        cc = self.countries.get(name_key(row["partner_country"])) if row["partner_country"].strip() else None
        if row["partner_country"].strip() and cc is None:
            raise BadInputError(f"{path}:{lineno}: unknown country {row['partner_country'].strip()[:80]!r} — use the "
                                "English name of a country in seeds/reference/countries.yaml, or add it there")
        partner_id = self.place(partner, cc, "", cites)
        flags = row["flags"].strip() or None
        tie_flags = data_flags(flags)
        year = row["since_year"].strip() or None
        if year is not None and not (len(year) == 4 and year.isascii() and year.isdigit()):
            raise BadInputError(f"{path}:{lineno}: since_year {year[:40]!r} is not a year — write four digits "
                                "(2021) or leave it empty")
        if kind == "twinning":
            aid = f"agr-data-{ua_id}-{partner_id}"
            planned = "announced" in tie_flags
            self.node(aid, "Agreement", {"name_en": f"{ua} – {partner} twinning", "agreement_kind": "twinning",
                                         "status": "planned" if planned else "unknown",
                                         "signed": None if planned else year, "note": flags,
                                         "flags": tie_flags}, cites)
            for party in (ua_id, partner_id):
                self.edge("PARTY_TO", party, aid, {}, cites)
        else:
            self.edge("COOPERATES_WITH", ua_id, partner_id,
                      {"since": year, "status": "unknown", "note": flags, "source_urls": urls, "flags": tie_flags},
                      cites)


def _source_letter(url: str) -> str | None:
    """Which of the data set's sources a URL of ``all_source_urls`` belongs to (None: a page read one by one)."""
    if "wikipedia.org" in url:
        return "A"
    if "sis-cities" in url or "sistercity.info" in url:
        return "B"
    if "wikidata.org" in url or "rogorido/sistercities" in url:
        return "C"
    return None


def _citations(letters: list[str], urls: list[str], evidence: list[str]) -> list[Citation]:
    """Each source of the row with its own evidence, in the row's order of sources.

    ``urls`` and ``evidence`` run in step (one URL per piece of evidence); a URL names its source, and a URL
    that names none of A, B, C is a page of D. When the two lists do not run in step, each source gets the
    piece at its own position (the last piece for any beyond it).

    >>> _citations(["A", "B", "D"], ["https://en.wikipedia.org/wiki/L_Georgia",
    ...            "https://en.wikipedia.org/wiki/L_Ukraine", "https://github.com/pnadelofficial/sis-cities/x.csv",
    ...            "https://golossokal.com.ua/brno"],
    ...            ["wp Georgia", "wp Ukraine", "sistercity", "listed among Lviv's 29 twin cities"])
    ... # doctest: +NORMALIZE_WHITESPACE
    [Citation(source='src-data-wikipedia-twin-lists', quote='wp Georgia'),
     Citation(source='src-data-wikipedia-twin-lists', quote='wp Ukraine'),
     Citation(source='src-data-sistercity-info', quote='sistercity'),
     Citation(source='src-data-council-pages', quote="listed among Lviv's 29 twin cities")]
    """
    known = [x for x in letters if x in SOURCES]
    if urls and len(urls) == len(evidence):
        pieces: dict[str, list[str]] = {}
        for url, piece in zip(urls, evidence, strict=True):
            letter = _source_letter(url) or "D"
            if letter not in known:  # a page of a source the row does not list: credit the row's only other one
                letter = next((x for x in known if x not in ("A", "B", "C")), letter)
            pieces.setdefault(letter, []).append(piece)
        if all(x in pieces for x in known) and set(pieces) <= set(known):
            return [Citation(SOURCES[x][0], p) for x in known for p in pieces[x] if p]
    return [Citation(SOURCES[x][0], evidence[min(i, len(evidence) - 1)]) for i, x in enumerate(known)]


def _aliases(n: Node) -> list[str]:
    value = n.props.get("aliases")
    return [str(a) for a in value] if isinstance(value, list) else []


def _name_index(graph: GraphData, kinds: Iterable[str]) -> dict[tuple[str, str], set[str]]:
    """(country prefix of the id, name key) -> entity ids, over names and aliases of the given kinds."""
    out: dict[tuple[str, str], set[str]] = {}
    wanted = set(kinds)
    for n in graph.nodes.values():
        if n.kind not in wanted:
            continue
        cc = n.id.split("-", 1)[0]
        for name in (n.props.get("name_en"), n.props.get("name_uk"), *_aliases(n)):
            if isinstance(name, str) and name_key(name):
                out.setdefault((cc, name_key(name)), set()).add(n.id)
    return out


def read_partnerships_tsv(path: Path, base: GraphData, report: Counter[str] | None = None) -> GraphData:
    """The rows of ``path`` as a graph that refers to ``base``'s entities where the names match.

    ``report``, when given, counts how each Ukrainian place was matched (see :mod:`loaders.ua_places`).

    Raises :class:`BadInputError` naming the file and line of the first malformed row.
    """
    importer = _Importer(base, report)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark (Excel's "UTF-8 with BOM") is fine
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        raise BadInputError(f"{path}:{line}: not UTF-8 text — save the table as UTF-8 "
                            "(tab-separated)") from None
    # Tab-separated, no quoting: a cell starting with " is read as it stands, and an unbalanced " cannot
    # swallow the rows after it (issue 13, D12).
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE)
    try:
        missing = COLUMNS - set(reader.fieldnames or [])
        if missing:
            raise BadInputError(f"{path}:1: missing columns {sorted(missing)} — expected the provenance TSV "
                                f"({DATASET})")
        for row in reader:
            lineno = reader.line_num
            if None in row.values() or None in row:
                raise BadInputError(f"{path}:{lineno}: the row has {len([v for v in row.values() if v is not None])}"
                                    f" cells where {len(reader.fieldnames or [])} are expected — check the tabs")
            bad = next((v for v in row.values() if isinstance(v, str) and _BAD_CHARS.search(v)), None)
            if bad is not None:
                char = _BAD_CHARS.search(bad).group()  # type: ignore[union-attr]
                raise BadInputError(f"{path}:{lineno}: a cell contains the control character U+{ord(char):04X} — "
                                    "remove it")
            importer.row(path, lineno, row)
    except csv.Error as e:
        raise BadInputError(f"{path}:{reader.line_num + 1}: cannot read the row ({e}) — a cell may be far too long; "
                            "check the row") from None
    return importer.extra
