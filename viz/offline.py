"""The explorer's page as one self-contained offline file: the page of `partners serve` with its answers inside.

"Save as file" in the explorer writes it (one front-end for both): the same ``explorer.html``, ``explorer.js`` and
``explorer.css``, with vis-network, the styles and the script inline, and a snapshot of what the server would
answer for the saved selection — every entity's inspector, every neighbourhood (partner view and full graph),
the map, the countries, the filters' flags and years, the words of both languages — in a
``<script type="application/json">`` block (escaped as :func:`viz.network._json_for_html` does). ``explorer.js``
sees the block and answers its own questions from it: no server, no request of any kind (the page's CSP allows
only its two scripts, by hash, and nothing to connect to). The view itself (focus, depth, filters, time range,
tab) travels as the explorer's URL query, so the file opens on the view that was saved.
"""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    import networkx as nx

    from graph.names import StoreNames
    from graph.stores.base import Store

EVERY = 10 ** 9  # a neighbourhood in the snapshot is whole; the page pages it as the server does ("N more")


def snapshot(g: nx.MultiDiGraph, query: str, whole: bool = False, seed: int = 42) -> dict[str, Any]:
    """What the page asks the server, answered for the stored-graph selection ``g``; ``query`` is the view.

    ``whole``: the page opens on every actor and tie of ``g`` at once (``partners viz`` without a focus), placed by
    :func:`viz.layout.spring_positions` for the view the query opens on (partner view, or ``view=full``)."""
    from analysis.projection import partnership_graph
    from viz.network import ASSETS
    from viz.server import Explorer, page_styles, page_words, place_geonames

    place_geonames(g)
    # no store and no name table: the snapshot never runs Cypher, and the page searches its own names
    ex = Explorer(cast("Store", None), g, partnership_graph(g), cast("StoreNames", None))
    nodes = {str(n): ex._node(str(n)) for n in g.nodes}
    for n, a in g.nodes(data=True):
        nodes[str(n)]["aliases"] = [str(x) for x in a.get("aliases") or []]

    def hood(ident: str, full: bool) -> dict[str, Any] | None:
        h = ex.neighbourhood(ident, full, 0, EVERY)
        if not h["edges"]:
            return None
        return {"center": h["center"]["id"], "edges": h["edges"]}

    hoods: dict[str, dict[str, Any]] = {"partners": {}, "full": {}}
    for n in nodes:
        for view, full in (("partners", False), ("full", True)):
            h = hood(n, full)
            if h is not None:
                hoods[view][n] = h
    from viz.server import NEIGHBOUR_CAP

    positions: dict[str, dict[str, list[float]]] = {}
    if whole:
        from viz.layout import spring_positions

        full = "view=full" in query.split("&")
        drawn = g if full else ex.partners.subgraph([n for n in ex.partners if ex.partners.degree(n)])
        spacing = 160.0 if len(drawn) <= 100 else 90.0 if len(drawn) <= 300 else 60.0
        placed = spring_positions(drawn, seed=seed, spacing=spacing)
        positions["full" if full else "partners"] = {str(n): [round(x, 1), round(y, 1)] for n, (x, y) in placed.items()}
    return {"query": query, "cap": NEIGHBOUR_CAP, "all": whole, "positions": positions, "nodes": nodes,
            "entity": {n: _slim(ex.entity(n)) for n in nodes},
            "neighbourhood": hoods, "styles": page_styles(), "words": {lang: page_words(lang) for lang in ("uk", "en")},
            "countries": ex.countries(), "meta": ex.meta(), "map": ex.map_data(),
            "basemap": json.loads((ASSETS / "basemap.json").read_text(encoding="utf-8"))}


def _slim(entity: dict[str, Any]) -> dict[str, Any]:
    """An inspector's answer with its partners, bodies and linked entities as ids (each is in the snapshot's
    ``nodes`` once; ``explorer.js`` puts the records back): a big file is mostly these repeats otherwise."""
    def ref(node: dict[str, Any] | None) -> str | None:
        return None if node is None else str(node["id"])

    return entity | {"ties": [t | {"partner": ref(t["partner"]), "body": ref(t.get("body"))} for t in entity["ties"]],
                     "linked": {k: [[str(x["id"]), x.get("relation")] for x in v] for k, v in entity["linked"].items()}}


def explorer_file(g: nx.MultiDiGraph, query: str, title: str, whole: bool = False, seed: int = 42) -> str:
    """The explorer page for the selection ``g`` opened on the view ``query`` (the explorer's URL query); with
    ``whole``, on all of ``g`` (:func:`snapshot`)."""
    import re

    from viz.network import ASSETS, _json_for_html, _sha256, _vis_lib

    vis_js, vis_css = _vis_lib()
    app_js = (ASSETS / "explorer.js").read_text(encoding="utf-8")
    app_css = (ASSETS / "explorer.css").read_text(encoding="utf-8")
    if "</script" in app_js.lower() or "</style" in app_css.lower():
        raise RuntimeError("explorer.js or explorer.css cannot be inlined: it contains a closing tag")
    csp = (f"default-src 'none'; script-src {_sha256(vis_js)} {_sha256(app_js)}; style-src 'unsafe-inline'; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    page = (ASSETS / "explorer.html").read_text(encoding="utf-8")
    lang = "en" if "lang=en" in query else "uk"
    data = _json_for_html(snapshot(g, query, whole, seed))
    head = (f'<meta http-equiv="Content-Security-Policy" content="{html.escape(csp)}">\n'
            '<meta name="referrer" content="no-referrer">\n'
            f"<style>{vis_css}</style>\n<style>{app_css}</style>\n")
    parts = {
        '<link rel="stylesheet" href="/vendor/vis-network.css">\n': head,
        '<link rel="stylesheet" href="/static/explorer.css">\n': "",
        "<title>Partnership Graph — explorer</title>": f"<title>{html.escape(title)}</title>",
        '<html lang="en">': f'<html lang="{lang}">',
        '<script src="/vendor/vis-network.min.js"></script>\n':
            f'<script id="partners-snapshot" type="application/json">{data}</script>\n'
            f"<script>{vis_js}</script>\n",
        '<script src="/static/explorer.js"></script>': f"<script>{app_js}</script>",
    }
    missing = [k for k in parts if k not in page]
    if missing:
        raise RuntimeError(f"viz/assets/explorer.html no longer has {missing[0]!r}: update viz/offline.py")
    # one pass, so a text inside the data or the libraries that looks like a placeholder is never replaced
    return re.sub("|".join(re.escape(k) for k in parts), lambda m: parts[m.group(0)], page)
