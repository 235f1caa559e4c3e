"""The styles of the browser views, ``partners viz`` (:func:`write_view`), and the dossier's embedded network view.

:func:`write_view` is what ``partners viz`` calls: it selects from the store and writes the explorer page of
``partners serve`` with the selection inside (:mod:`viz.offline`) — one front-end for both. The kind and line
styles here (``KIND_STYLE``, ``TIE_COLOURS``, ``RELATION_COLOURS``, ``FLAG_BADGE``) are what the explorer draws
(``/api/styles``).

:func:`view_data` and :func:`network_html` (with ``assets/view.html``, ``view.js``, ``view.css``) are the older
single-page view, kept only for the network section of an HTML dossier (``reports/entity.py``); they turn a graph
into nodes coloured and shaped by kind, sized by how many partners they have, placed by
:func:`viz.layout.spring_positions`, and edges coloured by agreement kind or relation type, dashed while planned.

Why the page is built this way:

* **Offline.** pyvis builds the vis-network node and edge records and ships vis-network itself, but its page
  template links Bootstrap and tom-select from a CDN even in ``in_line`` mode. We use pyvis's bundled
  vis-network (JS and CSS, inlined) with our own template (``viz/assets/``), and a Content-Security-Policy
  that forbids every request (``default-src 'none'``), so nothing can leave the page.
* **Escaped.** Names and quotes come from documents and are never trusted as markup. The data travel as JSON in a
  ``<script type="application/json">`` block with ``<``, ``>`` and ``&`` written as ``\\u003c``…, so ``</script>``
  in a name cannot end the block; the page's script puts every text into the DOM with ``textContent``
  (tooltips, search results, details). vis-network draws labels on the canvas, as text. The CSP allows only
  the page's own two scripts (by hash), so even injected markup could not run an ``onerror=`` handler.
* **Instant.** Positions are computed here, physics is off, and the page sets ``window.__partnersReady``
  (and fires the ``partners:ready`` event) after the first frame is drawn.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.errors import BadInputError
from graph.output import check_folder
from graph.vocabulary import date_fields, display_name, vocabulary, year_of

if TYPE_CHECKING:
    import networkx as nx

    from analysis.select import Filters
    from graph.stores.base import Store

ASSETS = Path(__file__).resolve().parent / "assets"
VIS_VERSION = "vis-9.1.2"  # the vis-network that pyvis 0.3.2 bundles (pyvis/templates/lib/)

# Colour and shape of each kind of entity: graph/schema.yaml's vocabulary.kind_styles.
KIND_STYLE: dict[str, tuple[str, str]] = {k: (st.colour, st.shape) for k, st in vocabulary().kind_styles.items()
                                          if k != "other"}
OTHER_KIND = (vocabulary().style("other").colour, vocabulary().style("other").shape)

# Partnership ties: agreements by kind, and cooperation stated without an agreement.
TIE_COLOURS: dict[str, str] = {
    "twinning": "#D62728",
    "partnership agreement": "#9467BD",
    "cooperation agreement": "#1F77B4",
    "memorandum": "#2CA02C",
    "solidarity partnership": "#E377C2",
    "declaration": "#BCBD22",
    "letter of intent": "#17BECF",
    "contract": "#8C564B",
    "other": "#7F7F7F",
    "cooperation": "#FF7F0E",
}
# When one pair of partners has several ties, the edge takes the colour of the most formal one.
TIE_ORDER = list(TIE_COLOURS)
# The other relations of the stored graph: pale, so the partnership ties stand out.
RELATION_COLOURS: dict[str, str] = {
    "LOCATED_IN": "#C7C7C7",
    "PART_OF": "#BDBDBD",
    "DESCRIBES": "#DDDDDD",
    "GOVERNS": "#AEC7E8",
    "MANAGES": "#C5B0D5",
    "FUNDS": "#98DF8A",
    "PARTICIPATES_IN": "#FFBB78",
    "MEMBER_OF": "#F7B6D2",
    "SUPPORTS": "#FF9896",
    "ORGANISED": "#C49C94",
    "HELD_IN": "#DBDB8D",
    "SIGNED_AT": "#9EDAE5",
}
OTHER_RELATION = "#CCCCCC"
NOT_YET = vocabulary().pending_statuses  # drawn dashed
PLANNED_DASHES = [8, 6]
UNCERTAIN_DASHES = [2, 4]

# The dates a tooltip lists: the schema's date precedence first, then every other date field it declares.
YEAR_FIELDS = vocabulary().date_precedence  # which year filters use
DATE_FIELDS = date_fields()
LABEL_MAX = 40
FLAG_BADGE = "\u26a0"  # ⚠ before a flagged agreement's name and on a flagged tie's line (graph/flags.py)
QUOTE_MAX = 500
MIN_SIZE, MAX_SIZE = 8.0, 38.0


@dataclass(frozen=True)
class ViewSummary:
    """What ``partners viz`` wrote."""

    path: Path
    nodes: int
    edges: int
    size_bytes: int


def _year(value: Any) -> int | None:
    return year_of(value)


def _first_year(attrs: dict[str, Any]) -> int | None:
    for key in YEAR_FIELDS:
        year = _year(attrs.get(key))
        if year is not None:
            return year
    return None


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _CiteTable:
    """Each distinct (source id, quote) once; nodes and edges refer to them by number (big data sets repeat
    the same few citations thousands of times)."""

    def __init__(self) -> None:
        self.rows: list[list[str]] = []
        self._index: dict[tuple[str, str], int] = {}

    def ids(self, source_ids: Any, quotes: Any) -> list[int]:
        """Numbers of the citations in the parallel lists ``source_ids`` and ``quotes`` every record carries."""
        from graph.model import paired_citations

        out: list[int] = []
        for c in paired_citations(source_ids, quotes):  # each source with its own words
            key = (c.source, _short(c.quote, QUOTE_MAX))
            i = self._index.get(key)
            if i is None:
                i = self._index[key] = len(self.rows)
                self.rows.append(list(key))
            if i not in out:
                out.append(i)
        return out


def _dates(attrs: dict[str, Any]) -> list[list[str]]:
    return [[key, str(attrs[key])] for key in DATE_FIELDS if attrs.get(key) not in (None, "")]


def node_sizes(g: nx.Graph) -> dict[Any, float]:
    """Marker size in px from degree centrality: the more distinct partners and links, the bigger.

    Degree centrality is the share of the other nodes an entity is linked to directly — for a partnership
    officer, how many counterparts it already deals with. The square root keeps hubs from dwarfing the rest.

    >>> import networkx as nx
    >>> sizes = node_sizes(nx.star_graph(4))   # a hub with four partners
    >>> sizes[0], sizes[1]
    (38.0, 23.0)
    """
    import networkx as nx

    if g.number_of_nodes() < 2:
        return dict.fromkeys(g.nodes, MIN_SIZE)
    simple = nx.Graph(g)  # parallel ties and directions do not make a second partner
    simple.remove_edges_from(list(nx.selfloop_edges(simple)))
    centrality = nx.degree_centrality(simple)
    top = max(centrality.values()) or 1.0
    return {n: round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(c / top), 1) for n, c in centrality.items()}


def edge_style(ties: Sequence[dict[str, Any]], relation: str | None = None,
               uncertain: bool = False) -> dict[str, Any]:
    """Colour, dashes and legend key of an edge made of ``ties`` (dicts with ``kind`` and ``status``).

    A partnership edge takes the colour of its most formal tie; it is dashed while every tie is only planned,
    dotted when the source is vague. Other relations of the stored graph (``relation``) are pale.

    >>> edge_style([{"kind": "memorandum", "status": "signed"}, {"kind": "twinning", "status": "planned"}])
    {'key': 'twinning', 'color': '#D62728', 'dashes': False}
    >>> edge_style([{"kind": "cooperation", "status": "planned"}])["dashes"]
    [8, 6]
    >>> edge_style([], relation="LOCATED_IN")
    {'key': 'LOCATED_IN', 'color': '#C7C7C7', 'dashes': False}
    """
    if not ties:
        key = relation or "relation"
        return {"key": key, "color": RELATION_COLOURS.get(key, OTHER_RELATION),
                "dashes": UNCERTAIN_DASHES if uncertain else False}
    kinds = [str(t["kind"]) if t.get("kind") in TIE_COLOURS else "other" for t in ties]
    key = min(kinds, key=TIE_ORDER.index)
    dashes: Any = False
    if uncertain:
        dashes = UNCERTAIN_DASHES
    elif all(t.get("status") in NOT_YET for t in ties):
        dashes = PLANNED_DASHES
    return {"key": key, "color": TIE_COLOURS[key], "dashes": dashes}


def _edge_ties(g: nx.Graph, u: Any, v: Any, attrs: dict[str, Any]) -> list[dict[str, Any]]:
    """The partnership ties an edge stands for (empty for structural relations such as LOCATED_IN)."""
    if "ties" in attrs:  # the projection: already folded
        return list(attrs["ties"])
    rtype = attrs.get("type")
    if rtype == "COOPERATES_WITH":
        return [{"kind": "cooperation", "status": attrs.get("status"), "date": attrs.get("since"),
                 "flags": list(attrs.get("flags") or [])}]
    if rtype == "PARTY_TO":
        agreement = g.nodes[v]
        date = agreement.get("signed") or agreement.get("renewed") or agreement.get("expected")
        return [{"kind": agreement.get("agreement_kind", "other"), "status": agreement.get("status"),
                 "date": date, "via": v, "flags": list(agreement.get("flags") or [])}]
    return []


def view_data(g: nx.Graph, title: str = "Partnership Graph", seed: int = 42) -> dict[str, Any]:
    """Everything the page draws, as JSON-ready data: vis-network nodes and edges (built with pyvis), legend,
    and the text for tooltips, search and details.

    ``g`` is the stored graph (edges carry ``type``) or the partnership projection (edges carry ``ties``).

    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_node("a", kind="City", name_en="Dolyna", name_uk="Долина", country="ua")
    >>> g.add_node("b", kind="City", name_en="Šiauliai", country="lt")
    >>> g.add_edge("a", "b", weight=1, ties=[{"kind": "cooperation agreement", "status": "signed",
    ...     "date": "2022-07-12", "source_ids": ["src-001"], "quotes": ["підписано договір"]}])
    >>> d = view_data(g)
    >>> [(n["id"], n["label"], n["kind"], n["color"]) for n in d["nodes"]]
    [('a', 'Dolyna', 'City', '#0072B2'), ('b', 'Šiauliai', 'City', '#0072B2')]
    >>> e = d["edges"][0]
    >>> e["from"], e["to"], e["key"], e["years"], [d["cites"][i] for i in e["cites"]]
    ('a', 'b', 'cooperation agreement', [2022], [['src-001', 'підписано договір']])
    """
    from pyvis.edge import Edge
    from pyvis.network import Network

    from graph.flags import flag_specs
    from viz.layout import spring_positions

    directed = g.is_directed()
    n_nodes, n_edges = g.number_of_nodes(), g.number_of_edges()
    big = _is_big(n_nodes, n_edges)
    cites = _CiteTable()
    positions = spring_positions(g, seed=seed, spacing=160.0 if n_nodes <= 100 else 90.0 if n_nodes <= 300 else 60.0)
    sizes = node_sizes(g)
    net = Network(directed=directed, cdn_resources="in_line", heading=title)
    kinds: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    flagged: Counter[str] = Counter()  # ties (edges, agreements) per flag, for the flag filter
    for n, a in g.nodes(data=True):
        ident = str(n)
        kind = str(a.get("kind") or "Entity")
        colour, shape = KIND_STYLE.get(kind, OTHER_KIND)
        name = display_name(a, ident)
        country = a.get("country") or a.get("country_name")
        kinds[kind] += 1
        if country:
            countries[str(country)] += 1
        x, y = positions[n]
        node_flags = [str(f) for f in a.get("flags") or []]
        flagged.update(node_flags)
        badge = f"{FLAG_BADGE} " if node_flags else ""
        net.add_node(
            ident, label=badge + _short(name, LABEL_MAX), shape=shape, size=sizes[n], x=round(x, 1), y=round(y, 1),
            # bigger nodes get bigger labels, so the hubs are named even when the whole graph is in view
            font={"size": round(10 + sizes[n] * 0.45)}, color=colour,
            # what the page shows in tooltips, search and details (vis-network ignores these fields)
            kind=kind, country=str(country) if country else None, en=a.get("name_en"), uk=a.get("name_uk"),
            aliases=[str(s) for s in a.get("aliases") or []], status=a.get("status"), dates=_dates(a),
            year=_first_year(a), note=_short(str(a["note"]), QUOTE_MAX) if a.get("note") else None,
            uncertain=bool(a.get("uncertain")), cites=cites.ids(a.get("source_ids"), a.get("quotes")),
            flags=node_flags,
        )
    keys: Counter[str] = Counter()
    dashed = {"planned": False, "uncertain": False}
    edge_items = g.edges(keys=True, data=True) if g.is_multigraph() else \
        ((u, v, None, a) for u, v, a in g.edges(data=True))
    for i, (u, v, _key, a) in enumerate(edge_items):
        ties = _edge_ties(g, u, v, a)
        style = edge_style(ties, relation=a.get("type"), uncertain=bool(a.get("uncertain")))
        keys[style["key"]] += 1
        if style["dashes"] == PLANNED_DASHES:
            dashed["planned"] = True
        elif style["dashes"]:
            dashed["uncertain"] = True
        cited = cites.ids(a.get("source_ids"), a.get("quotes"))
        for t in ties:
            cited += [c for c in cites.ids(t.get("source_ids"), t.get("quotes")) if c not in cited]
        weight = int(a.get("weight") or len(ties) or 1)
        edge_flags = list(dict.fromkeys(str(f) for t in ties for f in t.get("flags") or []))
        if a.get("type") != "PARTY_TO":  # an agreement's flags are counted once, on its node
            flagged.update(edge_flags)
        arrow = directed and a.get("type") != "COOPERATES_WITH"  # cooperation is undirected in meaning
        # a cooperation's kind, status and date are the edge's own; agreements and folded ties are listed
        listed = "ties" in a or a.get("type") == "PARTY_TO"
        edge = Edge(str(u), str(v), arrow, arrows={"to": {"enabled": True, "scaleFactor": 0.5}} if arrow else None,
                    id=f"e{i}", color=style["color"], dashes=style["dashes"],
                    width=((1.0 + min(weight, 5)) if ties else 1.0) * (0.5 if big else 1.0),
                    key=style["key"], relation=a.get("type"), status=a.get("status"), dates=_dates(a),
                    ties=[{"kind": t.get("kind"), "status": t.get("status"), "date": t.get("date"),
                           "via": t.get("via") or None, "flags": list(t.get("flags") or []) or None}
                          for t in ties] if listed else None,
                    flags=edge_flags, label=FLAG_BADGE if edge_flags else None,
                    years=sorted({y for y in [_year(t.get("date")) for t in ties] + [_first_year(a)] if y}),
                    note=_short(str(a["note"]), QUOTE_MAX) if a.get("note") else None,
                    uncertain=bool(a.get("uncertain")), cites=cited)
        # pyvis's add_edge re-scans every edge and node for each new edge (quadratic); the records are the same
        net.edges.append(edge.options)
    nodes, edges, heading, _height, _width, _options = net.get_network_data()
    nodes = [_compact(n) for n in nodes]
    edges = [_compact(e) for e in edges]
    years = sorted({y for item in [*nodes, *edges] for y in ([item["year"]] if "year" in item else
                                                            item.get("years", [])) if y})
    return {
        "title": heading,
        "directed": directed,
        "nodes": nodes,
        "edges": edges,
        "cites": cites.rows,
        "options": _vis_options(n_nodes, n_edges),
        "legend": {
            "kinds": [{"kind": k, "color": KIND_STYLE.get(k, OTHER_KIND)[0], "shape": KIND_STYLE.get(k, OTHER_KIND)[1],
                       "count": kinds[k]} for k in sorted(kinds, key=lambda k: (-kinds[k], k))],
            "edges": [{"key": k, "label": k.replace("_", " ").lower() if k.isupper() else k,
                       "color": TIE_COLOURS.get(k) or RELATION_COLOURS.get(k, OTHER_RELATION), "count": keys[k],
                       "tie": k in TIE_COLOURS}
                      for k in sorted(keys, key=lambda k: (k not in TIE_COLOURS, -keys[k], k))],
            "dashed": [name for name, present in dashed.items() if present],
            "size": "size: degree centrality (how many others it is linked to)",
            "flags": [{"flag": f, "label": spec.doc, "count": flagged[f]}
                      for f, spec in flag_specs().items() if flagged[f]],
        },
        "countries": [[c, countries[c]] for c in sorted(countries, key=lambda c: (-countries[c], c))],
        "years": [years[0], years[-1]] if years else None,
    }


def _compact(item: dict[str, Any]) -> dict[str, Any]:
    """Leave out empty fields: smaller pages for big graphs (the page treats a missing field as empty)."""
    return {k: v for k, v in item.items() if v not in (None, [], "", False) or k in ("x", "y")}


def _is_big(n_nodes: int, n_edges: int) -> bool:
    return n_edges > 1500 or n_nodes > 1000


def _vis_options(n_nodes: int, n_edges: int) -> dict[str, Any]:
    """vis-network options: no physics (positions are final), cheaper drawing for big graphs."""
    big = _is_big(n_nodes, n_edges)
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": big, "hideEdgesOnZoom": big,
                        "multiselect": False, "navigationButtons": False, "keyboard": False},
        "nodes": {"borderWidth": 1, "font": {"size": 14, "color": "#222222", "strokeWidth": 3,
                                             "strokeColor": "#ffffff"},
                  "scaling": {"label": {"drawThreshold": 9 if n_nodes > 300 else 5}}},
        "edges": {"smooth": False if big else {"type": "continuous", "roundness": 0.2},
                  "color": {"opacity": 0.45 if big else 0.9},
                  "arrowStrikethrough": False,
                  "selectionWidth": 2, "hoverWidth": 0.5},
    }


def _json_for_html(data: Any) -> str:
    """JSON safe inside an HTML ``<script>`` block: no ``<``, ``>`` or ``&`` (so no ``</script>``), no line
    separators that old parsers read as line ends.

    >>> _json_for_html({"name": "</script><img src=x onerror=alert(1)>"})
    '{"name":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x onerror=alert(1)\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                          ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escaped)
    return text


def _vis_lib() -> tuple[str, str]:
    """vis-network's JS and CSS as pyvis ships them."""
    import pyvis

    lib = Path(pyvis.__file__).resolve().parent / "templates" / "lib" / VIS_VERSION
    js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
    css = (lib / "vis-network.css").read_text(encoding="utf-8")
    if "</script" in js.lower() or "</style" in css.lower():  # would end the inline block early
        raise RuntimeError(f"{lib} cannot be inlined: it contains a closing tag")
    return js, css


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def network_html(g: nx.Graph, title: str = "Partnership Graph", seed: int = 42, lang: str = "en") -> str:
    """The whole page for ``g``: one HTML document with vis-network, the data and the page script inline; its
    words in ``lang`` (``uk`` or ``en``, from the report catalogues: :mod:`viz.words`)."""
    from viz.words import view_words

    data = view_data(g, title, seed)
    words = view_words(lang)
    data["words"] = words  # additive: the page falls back to English without it
    vis_js, vis_css = _vis_lib()
    app_js = (ASSETS / "view.js").read_text(encoding="utf-8")
    app_css = (ASSETS / "view.css").read_text(encoding="utf-8")
    # Only these two scripts may run; no request of any kind may leave the page.
    csp = ("default-src 'none'; " f"script-src {_sha256(vis_js)} {_sha256(app_js)}; "
           "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'")
    parts = {"TITLE": html.escape(title), "CSP": html.escape(csp), "VIS_CSS": vis_css, "APP_CSS": app_css,
             "VIS_JS": vis_js, "APP_JS": app_js, "DATA": _json_for_html(data), "LANG": html.escape(lang),
             **{"W_" + key.upper(): html.escape(text) for key, text in words.items()}}
    template = (ASSETS / "view.html").read_text(encoding="utf-8")
    # one pass, so a placeholder-like text inside the data or the libraries is never replaced
    return re.sub(r"\{\{([A-Z_]+)\}\}", lambda m: parts[m.group(1)], template)


def view_title(focus: str | None, depth: int, projection: bool, names: Iterable[str] = ()) -> str:
    """The page heading: what is drawn, around whom.

    >>> view_title("ua-dolyna", 2, True, ["Dolyna"])
    'Partnership Graph — partnerships around Dolyna (2 steps)'
    """
    what = "partnerships" if projection else "graph"
    label = next(iter(names), None) or focus
    if focus is None:
        return f"Partnership Graph — whole {what}"
    return f"Partnership Graph — {what} around {label} ({depth} step{'s' if depth != 1 else ''})"


def write_view(store: Store, output: Path, focus: str | None = None, depth: int = 2,
               filters: Filters | None = None, projection: bool = False, seed: int = 42,
               lang: str = "en") -> ViewSummary:
    """Select from ``store`` (all, or ``depth`` partner steps around the entity id ``focus``), write ``output``:
    the explorer page of ``partners serve`` with the selection inside (:mod:`viz.offline`), opened on the same
    view — focus and depth, the partner view with ``projection`` (else the full stored graph), the language.

    --depth counts partner steps (1-3); a partner is two stored relations away (its agreement), three through the
    body that acts for a place, and the file keeps one step more to expand."""
    import networkx as nx

    from analysis.select import Filters, select_graph

    filters = filters or Filters()
    check_folder(output)
    around = select_graph(store, filters=filters)
    if focus is not None and focus in around:
        ego = nx.ego_graph(around.to_undirected(as_view=True), focus, radius=2 * (min(depth, 3) + 1) + 1)
        around = around.subgraph(ego.nodes).copy()
    return _write_explorer(around, output, focus, depth, projection, seed, lang)


def _write_explorer(g: nx.MultiDiGraph, output: Path, focus: str | None, depth: int, projection: bool, seed: int,
                    lang: str) -> ViewSummary:
    from urllib.parse import urlencode

    from viz.offline import explorer_file

    if g.number_of_nodes() == 0:
        raise BadInputError("nothing to draw: the store is empty or the filters exclude everything — "
                            "load seeds with `partners load`, or loosen --kind/--country/--status/--since/--until")
    query = {"lang": lang, **({"focus": focus, "depth": str(min(depth, 3))} if focus else {}),
             **({} if projection else {"view": "full"})}
    names = [display_name(g.nodes[focus], focus)] if focus is not None and focus in g else []
    page = explorer_file(g, urlencode(query), view_title(focus, depth, projection, names), whole=focus is None,
                         seed=seed)
    output.write_text(page, encoding="utf-8")
    return ViewSummary(output, g.number_of_nodes(), g.number_of_edges(), len(page.encode("utf-8")))
