"""The styles of the browser views, ``partners viz`` (:func:`write_view`), and the dossier's embedded network view.

:func:`write_view` is what ``partners viz`` calls: it selects from the store and writes the explorer page of
``partners serve`` with the selection inside (:mod:`viz.offline`) — one front-end for both. The kind and line
styles here (``KIND_STYLE``, ``TIE_COLOURS``, ``RELATION_COLOURS``, ``FLAG_BADGE``) are what the explorer draws
(``/api/styles``).

The HTML dossier embeds the same page for its network section (``reports/entity.py``).

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
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.errors import BadInputError
from graph.output import check_folder
from graph.vocabulary import display_name, vocabulary

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

# The dates a tooltip lists: the schema's date precedence first, then every other date field it declares.
FLAG_BADGE = "\u26a0"  # ⚠ before a flagged agreement's name and on a flagged tie's line (graph/flags.py)


@dataclass(frozen=True)
class ViewSummary:
    """What ``partners viz`` wrote."""

    path: Path
    nodes: int
    edges: int
    size_bytes: int


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
