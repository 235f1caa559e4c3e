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

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from graph.errors import BadInputError, PartnersError

if TYPE_CHECKING:
    import networkx as nx
    from starlette.applications import Starlette
    from starlette.requests import Request

    from graph.names import NameIndex
    from graph.stores.base import Store

ASSETS = Path(__file__).resolve().parent / "assets"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; "
       "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
NEIGHBOUR_CAP = 50  # neighbours sent per expand; the rest are counted ("N more") and fetched on request
CYPHER_ROW_LIMIT = 1000


@dataclass
class Explorer:
    """What the server answers from: the store (for queries) and the graph read from it once."""

    store: Store
    graph: nx.MultiDiGraph  # the stored graph
    partners: nx.Graph  # the partner–partner projection
    names: NameIndex

    @classmethod
    def from_store(cls, store: Store) -> Explorer:
        from analysis.projection import partnership_graph
        from analysis.select import select_graph
        from graph.names import NameIndex

        g = select_graph(store)
        return cls(store, g, partnership_graph(g), NameIndex.from_store(store))

    # --- answers, as plain JSON-ready dicts -------------------------------------------------------------
    def _node(self, ident: str) -> dict[str, Any]:
        a = self.graph.nodes[ident] if ident in self.graph else {}
        return {"id": ident, "kind": a.get("kind"), "name_en": a.get("name_en"), "name_uk": a.get("name_uk"),
                "country": a.get("country"), "lat": a.get("lat"), "lon": a.get("lon")}

    def search(self, text: str) -> dict[str, Any]:
        """The CLI's resolver: one match, several candidates (ambiguous), or suggestions (unknown)."""
        found = self.names.candidates(text.strip())
        if found:
            return {"query": text, "status": "found" if len(found) == 1 else "ambiguous",
                    "results": [self._node(c.id) | {"label": c.label} for c in found[:20]]}
        try:
            self.names.resolve(text)
        except PartnersError as e:
            ids = list(getattr(e, "candidates", []) or [])
            return {"query": text, "status": "unknown", "message": str(e),
                    "results": [self._node(i) | {"label": self.names.entities[i].label} for i in ids]}
        return {"query": text, "status": "unknown", "results": []}

    def _require(self, ident: str) -> None:
        if ident not in self.graph:
            raise BadInputError(f"no entity with id {ident!r} — search for it by name first")

    def ties(self, ident: str) -> list[dict[str, Any]]:
        """Partnership ties of ``ident``: partner, kind, status, date, flags, agreement and quotes."""
        from analysis.select import date_of

        self._require(ident)
        ident = self._actor(ident)
        if ident not in self.partners:
            return []
        out = []
        for other in self.partners.neighbors(ident):
            for tie in self.partners[ident][other]["ties"]:
                via = tie.get("via") or ""
                agreement = self.graph.nodes[via] if via in self.graph else {}
                body = (tie.get("bodies") or {}).get(ident)
                out.append({"partner": self._node(other), "kind": tie["kind"], "status": tie.get("status"),
                            "body": self._node(body) if body and body != ident else None,
                            "date": tie.get("date") or date_of(agreement), "via": via or None,
                            "agreement": agreement.get("name_en") or agreement.get("name_uk"),
                            "flags": list(agreement.get("flags") or []),
                            "sources": self._sources(tie.get("source_ids") or [], tie.get("quotes") or [])})
        return sorted(out, key=lambda t: (str(t["partner"]["name_en"] or t["partner"]["id"]), str(t["date"])))

    def _actor(self, ident: str) -> str:
        """One actor, whatever body speaks for it: the place a council or administration acts for (analysis.actors)."""
        return str(self.partners.graph.get("acts_for", {}).get(ident, ident))

    def _sources(self, ids: list[str], quotes: list[str]) -> list[dict[str, Any]]:
        out = []
        for i, sid in enumerate(ids):
            s = self.graph.nodes[sid] if sid in self.graph else {}
            out.append({"id": sid, "title": s.get("name_en") or s.get("name_uk") or sid,
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
                edges.append({"from": ident, "to": o, "label": ", ".join(types)})
            else:
                ties = g[ident][o]["ties"]
                edges.append({"from": ident, "to": o, "label": ties[0]["kind"], "weight": len(ties),
                              "dates": [t.get("date") for t in ties]})
        return {"center": self._node(ident), "nodes": [self._node(o) for o in page], "edges": edges,
                "total": len(others), "more": max(0, len(others) - offset - len(page))}

    def named_queries(self) -> list[dict[str, Any]]:
        from queries.library import load_library

        return [{"name": q.name, "description": q.description,
                 "params": [{"name": p.name, "required": p.required} for p in q.params]}
                for q in load_library().values()]

    def run_query(self, name: str, params: dict[str, str]) -> dict[str, Any]:
        from queries.library import run_named

        result = run_named(self.store, name, params, self.names.resolve)
        return {"columns": result.columns, "rows": result.rows[:CYPHER_ROW_LIMIT],
                "truncated": len(result.rows) > CYPHER_ROW_LIMIT}

    def cypher(self, text: str, limit: int = CYPHER_ROW_LIMIT) -> dict[str, Any]:
        """Read-only Cypher: the store refuses writes (read access mode); at most ``limit`` rows are returned."""
        result = self.store.query(text, {}, write=False)
        return {"columns": result.columns, "rows": result.rows[:limit], "truncated": len(result.rows) > limit}


def create_app(explorer: Explorer) -> Starlette:
    """The ASGI app: the page, its static assets and the JSON endpoints under /api/."""
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

    async def guarded(fn: Any, *args: Any) -> Response:
        try:
            return jsonify(await run_in_threadpool(fn, *args))
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

    async def styles(request: Request) -> Response:  # the kind colours and shapes of `partners viz`, declared once
        from viz.network import KIND_STYLE, OTHER_KIND

        return jsonify({"kinds": {k: {"color": c, "shape": sh} for k, (c, sh) in KIND_STYLE.items()},
                        "other": {"color": OTHER_KIND[0], "shape": OTHER_KIND[1]}})

    async def search(request: Request) -> Response:
        return await guarded(explorer.search, request.query_params.get("q", ""))

    async def entity(request: Request) -> Response:
        return await guarded(explorer.entity, request.path_params["ident"])

    async def ties(request: Request) -> Response:
        return await guarded(explorer.ties, request.path_params["ident"])

    async def sources(request: Request) -> Response:
        return await guarded(lambda i: explorer.entity(i)["sources"], request.path_params["ident"])

    async def neighbourhood(request: Request) -> Response:
        q = request.query_params
        try:
            offset, limit = int(q.get("offset", 0)), min(int(q.get("limit", NEIGHBOUR_CAP)), 1000)
        except ValueError:
            return jsonify({"error": "offset and limit must be whole numbers — e.g. ?offset=50&limit=50"}, 400)
        return await guarded(explorer.neighbourhood, request.path_params["ident"], q.get("view") == "full",
                             max(offset, 0), max(limit, 1))

    async def queries(request: Request) -> Response:
        return await guarded(explorer.named_queries)

    async def run_query(request: Request) -> Response:
        return await guarded(explorer.run_query, request.path_params["name"], dict(request.query_params))

    async def cypher(request: Request) -> Response:
        body = await request.json() if request.method == "POST" else {}
        text = str(body.get("cypher") or "")
        if not text.strip():
            return jsonify({"error": "no statement — POST {\"cypher\": \"MATCH … RETURN …\"}"}, 400)
        return await guarded(explorer.cypher, text)

    class Headers(BaseHTTPMiddleware):
        async def dispatch(self, request: Request, call_next: Any) -> Response:
            response: Response = await call_next(request)
            response.headers["Content-Security-Policy"] = CSP
            response.headers["X-Content-Type-Options"] = "nosniff"
            response.headers["Referrer-Policy"] = "no-referrer"
            return response

    routes = [
        Route("/", index),
        Route("/favicon.ico", favicon),
        Route("/vendor/vis-network.min.js", vis_js),
        Route("/vendor/vis-network.css", vis_css),
        Route("/api/styles", styles),
        Route("/api/search", search),
        Route("/api/entity/{ident:path}", entity),
        Route("/api/ties/{ident:path}", ties),
        Route("/api/sources/{ident:path}", sources),
        Route("/api/neighbourhood/{ident:path}", neighbourhood),
        Route("/api/queries", queries),
        Route("/api/query/{name}", run_query),
        Route("/api/cypher", cypher, methods=["POST"]),
        Mount("/static", StaticFiles(directory=ASSETS), name="static"),
    ]
    return Starlette(routes=routes, middleware=[Middleware(Headers)])


def serve(store: Store, host: str = "127.0.0.1", port: int = 8765, open_browser: bool = False) -> None:
    """Read the store, then serve the explorer until interrupted."""
    import uvicorn

    app = create_app(Explorer.from_store(store))
    url = f"http://{host}:{port}/"
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(0.5, webbrowser.open, [url]).start()
    uvicorn.run(app, host=host, port=port, log_level="warning")
