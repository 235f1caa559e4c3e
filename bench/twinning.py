"""Adapter: the world twin-town table (``world_twinning.tsv``) as a :class:`GraphData`, for the load benchmark.

Each distinct (country, city name) becomes a ``City`` node, each row a ``COOPERATES_WITH`` relation, and the
data set itself one ``Source`` node that every node and relation cites. This is benchmark input, not curated
data: no names are merged across rows (a city listed once with and once without its country is two nodes).

Ids are ASCII slugs ``<country>-<city>``: the country part is the ISO code from ``seeds/reference/countries.yaml``
when the English name is listed there (``de-dortmund``), else the slug of the country name
(``algarve-portugal-faro``), else ``xx`` when the row has no country (``xx-kitchener``). Names that slug to the
same id get ``-2``, ``-3``… in order of first appearance, so ids are unique and stable for a given file.
Relation ids are ``<a>>COOPERATES_WITH><b>``; a pair that appears again (another source) gets ``~2``, ``~3``…
"""

from __future__ import annotations

import csv
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as `python bench/load.py` from anywhere
    sys.path.insert(0, str(ROOT))

from graph.model import Citation, Edge, GraphData, Node, PropValue  # noqa: E402

DATA = Path("/work/shared/data/world_twinning.tsv")
COUNTRIES_YAML = ROOT / "seeds" / "reference" / "countries.yaml"
SOURCE_ID = "src-world-twinning"
SOURCE_TITLE = "World twin towns and sister cities (Wikipedia lists 2026, Wikidata P190 2016/2017, sistercity.info)"
REL_TYPE = "COOPERATES_WITH"
COLUMNS = ["city_a", "country_a", "city_b", "country_b", "wikidata_a", "wikidata_b", "source", "source_url",
           "involves_ukraine"]

_NON_SLUG = re.compile(r"[^a-z0-9]+")
# letters that NFKD does not decompose into ASCII + accents
_FOLD = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "Ae",
                       "œ": "oe", "Œ": "Oe", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th"})


def ascii_slug(text: str) -> str:
    """Lower-case ASCII slug: accents folded (``Dubăsari`` -> ``dubasari``), every other run of chars -> ``-``."""
    folded = unicodedata.normalize("NFKD", text.translate(_FOLD)).encode("ascii", "ignore").decode("ascii")
    return _NON_SLUG.sub("-", folded.lower()).strip("-")


def country_codes(path: Path = COUNTRIES_YAML) -> dict[str, str]:
    """English country name -> lower-case ISO code, from the project's reference seeds (empty if absent)."""
    if not path.is_file():
        return {}
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: dict[str, str] = {}
    for e in data.get("entities") or []:
        name = (e.get("name") or {}).get("en")
        if name and e.get("id"):
            out[str(name)] = str(e["id"])
    return out


def read_twinning(path: Path = DATA, limit: int | None = None) -> GraphData:
    """The first ``limit`` rows of ``path`` (all by default) as a graph of City nodes and COOPERATES_WITH links."""
    codes = country_codes()
    graph = GraphData()
    nodes = graph.nodes
    source_node = Node(SOURCE_ID, "Source", {"name_en": SOURCE_TITLE, "file": path.name},
                       [Citation(SOURCE_ID, SOURCE_TITLE)])
    nodes[SOURCE_ID] = source_node

    city_ids: dict[tuple[str, str], str] = {}   # (country, name) -> node id
    cited: dict[str, set[str]] = {}            # node id -> source fields already cited
    taken: set[str] = {SOURCE_ID}
    prefix_of: dict[str, str] = {"": "xx"}
    pair_count: dict[str, int] = {}
    citations: dict[str, Citation] = {}        # one Citation object per distinct source field

    def city(name: str, country: str, wikidata: str, cite: Citation) -> str:
        key = (country, name)
        ident = city_ids.get(key)
        if ident is None:
            prefix = prefix_of.get(country)
            if prefix is None:
                prefix = prefix_of[country] = codes.get(country) or ascii_slug(country) or "xx"
            base = f"{prefix}-{ascii_slug(name) or 'unnamed'}"
            ident, n = base, 1
            while ident in taken:
                n += 1
                ident = f"{base}-{n}"
            taken.add(ident)
            city_ids[key] = ident
            props: dict[str, PropValue] = {"name_en": name}
            if country:
                props["country_name"] = country
            if wikidata:
                props["wikidata"] = wikidata
            nodes[ident] = Node(ident, "City", props, [cite])
            cited[ident] = {cite.quote}
        elif cite.quote not in cited[ident]:
            cited[ident].add(cite.quote)
            nodes[ident].citations.append(cite)
            if wikidata and "wikidata" not in nodes[ident].props:
                nodes[ident].props["wikidata"] = wikidata
        return ident

    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        if header != COLUMNS:
            raise ValueError(f"{path}: unexpected header {header}, expected {COLUMNS}")
        for i, row in enumerate(reader):
            if limit is not None and i >= limit:
                break
            city_a, country_a, city_b, country_b, wd_a, wd_b, source, source_url, _ukraine = row
            cite = citations.get(source)
            if cite is None:
                cite = citations[source] = Citation(SOURCE_ID, source)
            a = city(city_a, country_a, wd_a, cite)
            b = city(city_b, country_b, wd_b, cite)
            eid = f"{a}>{REL_TYPE}>{b}"
            seen = pair_count.get(eid, 0) + 1
            pair_count[eid] = seen
            if seen > 1:
                eid = f"{eid}~{seen}"
            graph.edges.append(Edge(eid, REL_TYPE, a, b, {"source": source, "source_url": source_url}, [cite]))
    return graph


if __name__ == "__main__":
    import time

    t = time.perf_counter()
    g = read_twinning()
    print(f"{len(g.nodes)} nodes, {len(g.edges)} relations in {time.perf_counter() - t:.2f}s: {g.counts()}")
