"""The same cases on both stores: load, idempotent reload, all-or-nothing, read-only queries, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.errors import QueryError, StoreError
from graph.export import export_graph
from graph.model import Citation, GraphData, Node
from graph.reader import read_graph
from graph.stores import Statement, Store
from graph.writer import statements_for, write_graph


def test_load_gives_the_seed_counts(store: Store, seed_graph: GraphData) -> None:
    write_graph(store, seed_graph)
    assert store.stats() == seed_graph.counts()


def test_loading_twice_changes_nothing(store: Store, seed_graph: GraphData) -> None:
    write_graph(store, seed_graph)
    first = read_graph(store)
    write_graph(store, seed_graph, batch_size=37)  # other batch boundaries, same result
    second = read_graph(store)
    assert store.stats() == seed_graph.counts()
    assert {k: n.record() for k, n in first.nodes.items()} == {k: n.record() for k, n in second.nodes.items()}
    assert sorted(e.id for e in first.edges) == sorted(e.id for e in second.edges)


def test_round_trip_keeps_every_property(loaded_store: Store, seed_graph: GraphData) -> None:
    from graph.flags import derive_flags

    back = read_graph(loaded_store)
    seed_graph = derive_flags(seed_graph)  # what is written: the seeds plus the flags the graph implies
    for ident, node in seed_graph.nodes.items():
        assert back.nodes[ident].record() == node.record(), ident
    by_id = {e.id: e for e in back.edges}
    for edge in seed_graph.edges:
        got = by_id[edge.id]
        assert (got.type, got.source, got.target, got.record()) == (edge.type, edge.source, edge.target,
                                                                      edge.record())


def _one_node(ident: str, **props: object) -> GraphData:
    g = GraphData()
    g.nodes[ident] = Node(ident, "City", {"name_en": ident, **props}, [Citation("src-x", "q")])  # type: ignore[dict-item]
    return g


def test_failing_batch_leaves_the_store_as_it_was(loaded_store: Store, seed_graph: GraphData) -> None:
    before = loaded_store.stats()
    good = statements_for(_one_node("ua-new-town"))
    # A nested map is not a valid property value in either database: the second batch fails mid-load.
    bad = statements_for(_one_node("ua-broken-town", nested={"a": 1}))  # type: ignore[arg-type]
    with pytest.raises(StoreError):
        loaded_store.write(good + bad)
    assert loaded_store.stats() == before
    ids = loaded_store.query("MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id", {"ids": ["ua-new-town"]}).rows
    assert ids == []


def test_failing_reset_load_keeps_the_old_graph(loaded_store: Store) -> None:
    before = loaded_store.stats()
    with pytest.raises(StoreError):
        loaded_store.write([Statement("THIS IS NOT CYPHER")], reset=True)
    assert loaded_store.stats() == before


def test_reset_removes_what_the_seeds_no_longer_hold(loaded_store: Store) -> None:
    write_graph(loaded_store, _one_node("ua-only-town"), reset=True)
    assert loaded_store.stats() == {"City": 1}


def test_reads_are_read_only(loaded_store: Store) -> None:
    before = loaded_store.stats()
    with pytest.raises(QueryError, match="read-only"):
        loaded_store.query("CREATE (n:Entity {id: 'x', kind: 'City'})")
    with pytest.raises(QueryError, match="read-only"):
        loaded_store.query("MATCH (n:Entity {id: 'ua-zhytomyr'}) SET n.name_en = 'hacked'")
    assert loaded_store.stats() == before
    assert loaded_store.query("MATCH (n:Entity {id: 'ua-zhytomyr'}) RETURN n.name_en").rows == [["Zhytomyr"]]


def test_write_flag_allows_changes(store: Store) -> None:
    store.query("CREATE (n:Entity:City {id: 'ua-x', kind: 'City'})", write=True)
    assert store.stats() == {"City": 1}


def test_parameters_are_values_never_cypher(loaded_store: Store) -> None:
    hostile = "x'}) MATCH (n) DETACH DELETE n //"
    rows = loaded_store.query("MATCH (n:Entity {id: $id}) RETURN n.id", {"id": hostile}).rows
    assert rows == []
    assert loaded_store.stats()["City"] > 0


def test_export_json_is_node_link_with_every_property(loaded_store: Store, seed_graph: GraphData,
                                                      tmp_path: Path) -> None:
    out = tmp_path / "g.json"
    export_graph(read_graph(loaded_store), "json", out)
    data = json.loads(out.read_text(encoding="utf-8"))
    nodes = {n["id"]: n for n in data["nodes"]}
    assert len(nodes) == len(seed_graph.nodes) and len(data["links"]) == len(seed_graph.edges)
    zh = nodes["ua-zhytomyr"]
    assert zh["name_uk"] == "Житомир" and zh["kind"] == "City" and "src-004-zhytomyr-city-2025" in zh["source_ids"]
    assert len(zh["quotes"]) == len(zh["source_ids"])


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_export_graphml_and_gexf_read_back(loaded_store: Store, seed_graph: GraphData, tmp_path: Path,
                                           fmt: str) -> None:
    import networkx as nx

    out = tmp_path / f"g.{fmt}"
    export_graph(read_graph(loaded_store), fmt, out)
    g = nx.read_graphml(out) if fmt == "graphml" else nx.read_gexf(out)
    assert g.number_of_nodes() == len(seed_graph.nodes)
    assert g.number_of_edges() == len(seed_graph.edges)
    assert json.loads(g.nodes["ua-zhytomyr"]["source_ids"])  # lists are JSON text in these formats


def test_fetch_limits_what_is_fetched(loaded_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 13: ``--limit`` bounds what the database sends, not only what is printed (both stores)."""
    import time

    cypher = ("MATCH (n:Entity) WHERE n.kind = 'City' RETURN n.name_en AS name, n.id AS id, n.kind AS kind "
              "ORDER BY id")
    full = loaded_store.query(cypher)
    assert len(full.rows) > 3
    if loaded_store.backend == "embedded":  # the rows the server sent, before any cut on our side
        sent: list[int] = []
        redis = loaded_store._redis  # type: ignore[attr-defined]
        original = redis.execute_command

        def spy(*args: object, **kwargs: object) -> object:
            response = original(*args, **kwargs)
            sent.append(len(response[1]) if len(response) > 2 else 0)
            return response

        monkeypatch.setattr(redis, "execute_command", spy)
    limited = loaded_store.query(cypher, fetch=3)
    assert limited.columns == full.columns == ["name", "id", "kind"]  # the written order, not RETURN *'s
    assert limited.rows == full.rows[:3]
    if loaded_store.backend == "embedded":
        assert sent == [3]
        monkeypatch.undo()
    # ten million rows would take far longer than this to send: only the first few are produced
    t = time.perf_counter()
    huge = loaded_store.query("UNWIND range(1, 10000000) AS x RETURN x * 2 AS twice, x", fetch=2)
    assert huge.rows == [[2, 1], [4, 2]] and huge.columns == ["twice", "x"]
    assert time.perf_counter() - t < 5
    # a statement a subquery cannot hold is still answered, cut after the fetch
    assert len(loaded_store.query("MATCH (n:Entity) RETURN count(n) AS c", fetch=1).rows) == 1


def test_failing_reset_batch_keeps_the_old_graph(loaded_store: Store, seed_graph: GraphData) -> None:
    """Issue 14 item 4: a --reset load that fails mid-way (Neo4j: after some staged batches committed) leaves the
    previous graph as it was, and no staging behind."""
    before = loaded_store.stats()
    good = statements_for(_one_node("ua-new-town"), reset=True)
    bad = statements_for(_one_node("ua-broken-town", nested={"a": 1}), reset=True)  # type: ignore[arg-type]
    assert all(st.staged is not None for st in good + bad)  # the staged path on Neo4j, not one transaction
    with pytest.raises(StoreError):
        loaded_store.write(good + bad, reset=True)
    assert loaded_store.stats() == before
    assert loaded_store.query("MATCH (n:EntityStaging) RETURN count(n)").rows == [[0]]
    assert loaded_store.query("MATCH (n:Entity {id: 'ua-zhytomyr'}) RETURN n.name_en").rows == [["Zhytomyr"]]


def test_a_reset_load_replaces_the_graph_and_clears_what_a_crash_left(loaded_store: Store,
                                                                       seed_graph: GraphData) -> None:
    # what a load killed before its swap (or before deleting the old graph) leaves on Neo4j
    loaded_store.query("CREATE (:EntityStaging {id: 'ua-half-loaded', kind: 'City'})-[:LOCATED_IN]->"
                       "(:EntityOld:City {id: 'ua-replaced', kind: 'City'})", write=True)
    write_graph(loaded_store, seed_graph, reset=True)
    assert loaded_store.stats() == seed_graph.counts()
    assert loaded_store.query("MATCH (n) WHERE n:EntityStaging OR n:EntityOld RETURN count(n)").rows == [[0]] \
        or loaded_store.backend == "embedded"  # the embedded store never uses these labels; they stay as written
    assert read_graph(loaded_store).counts() == seed_graph.counts()
