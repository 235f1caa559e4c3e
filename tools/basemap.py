"""Convert Natural Earth's country outlines (world-atlas TopoJSON) once into the explorer's offline basemap.

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python tools/basemap.py package/countries-110m.json    # writes viz/assets/basemap.json

Source: Natural Earth 1:110m Admin 0 country boundaries (version 4.1.0, public domain), as redistributed by the
npm package ``world-atlas`` 2.0.2 (ISC licence, Mike Bostock). The TopoJSON is decoded (quantized, delta-coded
arcs) into plain rings of longitude/latitude rounded to 0.01°, one entry per country with its ISO 3166 numeric
code and English name; the result (about 100 KB) is committed with its licence, so the page never loads a map
from the network and needs no tile server.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

ANTARCTICA = "010"
OUT = Path(__file__).resolve().parent.parent / "viz" / "assets" / "basemap.json"
NOTICE = ("Country outlines: Natural Earth 1:110m Admin 0 (v4.1.0, public domain, naturalearthdata.com), "
          "via world-atlas 2.0.2 (ISC, Copyright 2013-2019 Michael Bostock).")


def decode_arcs(topology: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Each arc as absolute (lon, lat): undo the delta coding and the quantization transform."""
    t = topology.get("transform")
    (sx, sy), (tx, ty) = (t["scale"], t["translate"]) if t else ((1, 1), (0, 0))
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = (x + dx, y + dy) if t else (dx, dy)
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[float]:
    """One ring from its arc indexes (a negative index ~i is arc i reversed), flattened to [lon, lat, …]."""
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc[1:] if points else arc)  # consecutive arcs share their joining point
    flat: list[float] = []
    for lon, lat in points:
        flat.extend((round(lon, 2), round(lat, 2)))
    return flat


def convert(topology: dict[str, Any]) -> dict[str, Any]:
    arcs = decode_arcs(topology)
    countries = []
    for geo in topology["objects"]["countries"]["geometries"]:
        if geo.get("id") == ANTARCTICA:  # no partner there; on a Mercator map it is a band across the bottom
            continue
        polygons = geo.get("arcs") or []
        if geo["type"] == "Polygon":
            polygons = [polygons]
        rings = [ring(arcs, r) for polygon in polygons for r in polygon]
        countries.append({"id": geo.get("id"), "name": geo.get("properties", {}).get("name"), "rings": rings})
    return {"notice": NOTICE, "countries": countries}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="countries-110m.json from the world-atlas package")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    data = convert(json.loads(args.topojson.read_text(encoding="utf-8")))
    args.out.write_text(json.dumps(data, separators=(",", ":"), ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{args.out}: {len(data['countries'])} countries, {args.out.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
