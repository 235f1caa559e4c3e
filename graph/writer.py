"""Write a :class:`GraphData` to a store: batched ``UNWIND $rows … MERGE``, all-or-nothing, idempotent.

Nodes go first, one statement per kind and batch; then relations, one per type and batch. The store runs
the whole list as one unit (FalkorDB's staging graph and swap; on Neo4j one transaction, or with ``reset`` each
statement's staged form in a transaction of its own, then a swap — see ``graph/stores/neo4j_store.py``).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from typing import Any

from graph.cypher import for_label, for_type, statement
from graph.errors import BadInputError
from graph.model import GraphData
from graph.schema import Schema, load_schema
from graph.stores.base import Progress, Statement, Store

DEFAULT_BATCH = 5000


def _batches(rows: Sequence[dict[str, Any]], size: int) -> Iterator[Sequence[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i:i + size]


def statements_for(graph: GraphData, batch_size: int = DEFAULT_BATCH, schema: Schema | None = None,
                   reset: bool = False) -> list[Statement]:
    """The writer's statements for ``graph``, in the order they must run.

    With ``reset``, entities whose id now has another kind are removed first (issue 13, D2)."""
    from graph.flags import derive_flags

    schema = schema or load_schema()
    graph = derive_flags(graph, schema)  # what the graph says of a tie (a partner in Russia, a planned status…)
    out: list[Statement] = []
    if reset:
        rows = [{"id": n.id, "kind": n.kind} for n in graph.nodes.values()]
        out.append(Statement(statement("delete_kind_changed"), {"rows": rows}, 0, staged=""))
    # Hundreds of thousands of small dicts and no cycles: the cyclic GC would only rescan them (1.0 s -> 0.3 s
    # for 152k rows, bench/results/load-findings.md).
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        _add_statements(out, graph, batch_size, schema)
    finally:
        if gc_was_on:
            gc.enable()
    import uuid

    # last, in the same unit: what commands keep between runs (the name table) is valid until the next load
    # A staged load (Neo4j --reset) writes it in its own transaction just before the swap: if the swap then
    # fails, the old graph stays under a new stamp and the name table is only rebuilt — never kept for a new graph.
    stamp = statement("load_stamp")
    out.append(Statement(stamp, {"stamp": uuid.uuid4().hex}, 0, staged=stamp))
    return out


def _add_statements(out: list[Statement], graph: GraphData, batch_size: int, schema: Schema) -> None:
    node_text, edge_text = statement("merge_nodes"), statement("merge_edges")
    staged_nodes, staged_edges = statement("stage_nodes"), statement("stage_edges")
    for kind, nodes in sorted(graph.nodes_by_kind().items()):
        cypher = for_label(node_text, kind, schema)
        rows = [{"id": n.id, "props": n.record()} for n in nodes]
        out += [Statement(cypher, {"rows": list(b)}, len(b), staged_nodes) for b in _batches(rows, batch_size)]
    for rtype, edges in sorted(graph.edges_by_type().items()):
        cypher, staged = for_type(edge_text, rtype, schema), for_type(staged_edges, rtype, schema)
        rows = [{"id": e.id, "source": e.source, "target": e.target, "props": e.record()} for e in edges]
        out += [Statement(cypher, {"rows": list(b)}, len(b), staged) for b in _batches(rows, batch_size)]


def check_kinds(store: Store, graph: GraphData) -> None:
    """Refuse a load (without reset) that would give a stored id another kind, naming both."""
    found = store.query(statement("kinds_of"), {"ids": list(graph.nodes)}).rows
    changed = sorted((str(i), str(k)) for i, k in found if i in graph.nodes and graph.nodes[i].kind != k)
    if changed:
        ident, old = changed[0]
        more = f" (and {len(changed) - 1} more)" if len(changed) > 1 else ""
        raise BadInputError(f"{ident} is stored as {old} in {store.location}, but the seeds make it "
                            f"{graph.nodes[ident].kind}{more} — load with --reset to replace it, or keep its kind "
                            "in the seeds")


def write_graph(store: Store, graph: GraphData, reset: bool = False, batch_size: int = DEFAULT_BATCH,
                progress: Progress | None = None) -> None:
    """Write ``graph`` to ``store``; on any failure the store is left as it was."""
    if not reset:
        check_kinds(store, graph)
    store.write(statements_for(graph, batch_size, reset=reset), reset=reset, progress=progress)
