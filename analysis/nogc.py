"""The cyclic garbage collector paused while the analysis builds and measures its graphs.

Reading the national graph makes millions of small dicts, lists and strings, and the projection and the measures
millions more; none of them form cycles that need the collector, which would only rescan them every few thousand
allocations. In ``partners analyse`` on the national graph that rescanning was 5 s of the read, 3 s of the
projection and 6-7 s of the measures (bench/results/latency.md "whole4"); graph/writer.py pauses it for the same
reason when a load builds its statements.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the body with the cyclic collector off, then restore it as it was (nested uses are fine).

    >>> import gc
    >>> with collector_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def release(*graphs: Any) -> None:
    """Empty NetworkX graphs that are no longer needed, so that what they hold is freed at once.

    A graph sits in a reference cycle as soon as one of its cached views (``g.edges``, ``g.degree``) is made, so
    dropping it leaves everything it holds to the cyclic collector, which walks all of it first: 1.85 s for the
    national graph and its projections when :func:`collector_paused` ends, against 0.54 s to empty them
    (bench/results/latency.md "whole4").

    >>> import networkx as nx
    >>> g = nx.path_graph(3); release(g); g.number_of_nodes()
    0
    """
    for g in graphs:
        g.clear()
