"""Node positions for the browser view, computed once in Python so the page shows a finished picture at once.

The project ships without NumPy, so ``nx.spring_layout`` is not available; :func:`spring_positions` is a
pure-Python force-directed layout (Fruchterman–Reingold) that stays fast on thousands of nodes because each
node is only pushed away by the nodes in the neighbouring cells of a grid (the long-range push of the full
algorithm adds little to a picture that is then zoomed and panned). Connected components are laid out
separately and packed side by side, the largest first, so an isolated pair never floats far from the rest.
A fixed ``seed`` gives the same picture for the same graph every time.
"""

from __future__ import annotations

import math
import random
from collections.abc import Hashable, Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import networkx as nx

Position = tuple[float, float]
CUTOFF = 2.0  # nodes further apart than this many ideal edge lengths do not push each other


def spring_positions(g: nx.Graph, seed: int = 42, spacing: float = 80.0,
                     iterations: int | None = None) -> dict[Hashable, Position]:
    """Pixel positions for every node of ``g``: linked nodes close, unlinked ones apart, about ``spacing`` px.

    Directions and parallel edges are ignored. ``iterations`` defaults to fewer rounds for bigger graphs,
    so 5,000 nodes take a few seconds.

    >>> import networkx as nx
    >>> pos = spring_positions(nx.path_graph(3), spacing=100)
    >>> sorted(pos)
    [0, 1, 2]
    >>> d01 = math.dist(pos[0], pos[1]); d02 = math.dist(pos[0], pos[2])
    >>> 50 < d01 < 200 and d02 > d01   # neighbours about one spacing apart, the ends further
    True
    >>> spring_positions(nx.path_graph(3), spacing=100) == pos   # same seed, same picture
    True
    """
    # sorted, so the picture depends on the graph only, not on the order a store returned it
    neighbours: dict[Hashable, set[Hashable]] = {n: set() for n in g.nodes}
    for u, v in g.edges():
        if u != v:
            neighbours[u].add(v)
            neighbours[v].add(u)
    adjacency = {n: sorted(neighbours[n], key=str) for n in sorted(neighbours, key=str)}
    rng = random.Random(seed)  # noqa: S311 -- a reproducible picture, not a secret
    n_total = len(adjacency)
    if iterations is None:
        iterations = 120 if n_total <= 500 else 50 if n_total <= 2000 else 25
    pieces = [_component_layout(c, adjacency, rng, iterations) for c in _components(adjacency)]
    placed = _pack(pieces)
    return {n: (x * spacing, y * spacing) for n, (x, y) in placed.items()}


def _components(adjacency: Mapping[Hashable, list[Hashable]]) -> list[list[Hashable]]:
    """Connected components, largest first (ties in the graph's node order, for a stable picture)."""
    seen: set[Hashable] = set()
    out: list[list[Hashable]] = []
    for start in adjacency:
        if start in seen:
            continue
        seen.add(start)
        comp, frontier = [start], [start]
        while frontier:
            nxt = []
            for u in frontier:
                for v in adjacency[u]:
                    if v not in seen:
                        seen.add(v)
                        comp.append(v)
                        nxt.append(v)
            frontier = nxt
        out.append(comp)
    out.sort(key=len, reverse=True)
    return out


def _component_layout(nodes: list[Hashable], adjacency: Mapping[Hashable, list[Hashable]], rng: random.Random,
                      iterations: int) -> dict[Hashable, Position]:
    """Fruchterman–Reingold with ideal edge length 1 and the push cut off at distance ``CUTOFF``.

    Nodes start next to their breadth-first parent (``nodes`` is in BFS order), so linked nodes begin close
    and a few dozen rounds untangle the picture instead of the hundreds a random start needs.
    """
    n = len(nodes)
    if n == 1:
        return {nodes[0]: (0.0, 0.0)}
    index = {v: i for i, v in enumerate(nodes)}
    edges = [(index[u], index[v]) for u in nodes for v in adjacency[u] if index[u] < index[v]]
    degree = [len(adjacency[v]) for v in nodes]
    xs = [0.0] * n
    ys = [0.0] * n
    placed = [False] * n
    placed[0] = True
    for i, v in enumerate(nodes):  # BFS order: every node but the first has a placed neighbour before it
        for w in adjacency[v]:
            j = index[w]
            if not placed[j]:
                placed[j] = True
                angle = rng.uniform(0, 2 * math.pi)
                reach = 1.0 + math.sqrt(degree[i]) / 2  # a hub's neighbours start on a wider ring
                xs[j] = xs[i] + reach * math.cos(angle)
                ys[j] = ys[i] + reach * math.sin(angle)
    cell = CUTOFF
    cut2 = CUTOFF * CUTOFF
    temperature = max(1.0, math.sqrt(n) / 6)
    cooling = (temperature - 0.05) / iterations
    forward = ((1, -1), (1, 0), (1, 1), (0, 1))  # each pair of neighbouring cells is visited once
    for _ in range(iterations):
        dx = [0.0] * n
        dy = [0.0] * n
        grid: dict[tuple[int, int], list[int]] = {}
        for i in range(n):
            grid.setdefault((int(xs[i] // cell), int(ys[i] // cell)), []).append(i)
        for (cx, cy), members in grid.items():
            others: list[int] = []
            for ox, oy in forward:
                others.extend(grid.get((cx + ox, cy + oy), ()))
            for a, i in enumerate(members):
                xi, yi, wi = xs[i], ys[i], degree[i]
                fx = fy = 0.0
                for j in members[a + 1:] + others:
                    ddx = xi - xs[j]
                    ddy = yi - ys[j]
                    d2 = ddx * ddx + ddy * ddy
                    if d2 >= cut2:
                        continue
                    if d2 < 1e-6:
                        ddx, ddy, d2 = rng.uniform(-0.01, 0.01), rng.uniform(-0.01, 0.01), 1e-4
                    # k² / d along the line (k = 1); busier nodes push harder, so hubs get room
                    f = (1.0 + 0.05 * (wi + degree[j])) / d2
                    ddx *= f
                    ddy *= f
                    fx += ddx
                    fy += ddy
                    dx[j] -= ddx
                    dy[j] -= ddy
                dx[i] += fx
                dy[i] += fy
        for i, j in edges:  # d² / k along the line
            ddx = xs[i] - xs[j]
            ddy = ys[i] - ys[j]
            d = math.sqrt(ddx * ddx + ddy * ddy)
            ddx *= d
            ddy *= d
            dx[i] -= ddx
            dy[i] -= ddy
            dx[j] += ddx
            dy[j] += ddy
        mx = sum(xs) / n
        my = sum(ys) / n
        # The push of far-away nodes, which the cut-off leaves out, as one outward force: for a round
        # cloud, the nodes within radius r push a node at r outwards like one node at the centre with
        # their combined weight (Gauss's law for a 1/d force) — without it, dense graphs collapse.
        radius = [math.hypot(xs[i] - mx, ys[i] - my) or 1e-3 for i in range(n)]
        for rank, i in enumerate(sorted(range(n), key=radius.__getitem__)):
            push = rank / (radius[i] * radius[i])
            dx[i] += push * (xs[i] - mx)
            dy[i] += push * (ys[i] - my)
        for i in range(n):
            # a weak pull to the centre keeps chains and loosely linked parts from stretching out
            fx = dx[i] - 0.02 * (xs[i] - mx)
            fy = dy[i] - 0.02 * (ys[i] - my)
            length = math.sqrt(fx * fx + fy * fy)
            if length > temperature:
                fx *= temperature / length
                fy *= temperature / length
            xs[i] += fx
            ys[i] += fy
        temperature -= cooling
    return _landscape(nodes, xs, ys)


def _landscape(nodes: list[Hashable], xs: list[float], ys: list[float]) -> dict[Hashable, Position]:
    """Centre the layout and turn its long axis horizontal, to fill a wide screen."""
    n = len(nodes)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    angle = 0.5 * math.atan2(2 * sxy, sxx - syy)  # direction of the largest spread
    c, s = math.cos(-angle), math.sin(-angle)
    return {v: ((xs[i] - mx) * c - (ys[i] - my) * s, (xs[i] - mx) * s + (ys[i] - my) * c)
            for i, v in enumerate(nodes)}


def _bounds(pos: Mapping[Hashable, Position]) -> tuple[float, float, float, float]:
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    return min(xs), min(ys), max(xs), max(ys)


def _pack(pieces: Iterable[dict[Hashable, Position]]) -> dict[Hashable, Position]:
    """Shelf-pack component layouts (largest first) in rows about as wide as the whole picture is tall."""
    boxes = []
    for pos in pieces:
        x0, y0, x1, y1 = _bounds(pos)
        boxes.append((pos, x0, y0, x1 - x0 + 1.5, y1 - y0 + 1.5))  # 1.5: a gap between components
    if not boxes:
        return {}
    row_width = max(max(b[3] for b in boxes), math.sqrt(sum(b[3] * b[4] for b in boxes)) * 1.2)
    out: dict[Hashable, Position] = {}
    x = y = row_height = 0.0
    for pos, x0, y0, w, h in boxes:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for v, (px, py) in pos.items():
            out[v] = (px - x0 + x, py - y0 + y)
        x += w
        row_height = max(row_height, h)
    return out
