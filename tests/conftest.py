"""Fixtures shared by the suite: the seed graph, and a store parametrised over both backends.

The Neo4j backend is the server named by NEO4J_URI (README's test command starts the bundled one from
tools/neo4j/). Without it the Neo4j cases skip with the reason — except under CI=true, where a missing Neo4j
is a failure, so CI cannot go green without exercising the real server.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from graph.model import GraphData
from graph.stores import Store, open_store
from loaders.seeds import read_seeds

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
# Commands the tests run (in-process and as subprocesses, which inherit this) stop the embedded server as they end,
# so that no test leaves a server running in a folder pytest deletes; tests/test_keep_warm.py tests the keeper.
os.environ["PARTNERS_KEEP_WARM"] = "0"


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    """Invoke `partners …` in-process on the embedded store in a fresh PARTNERS_HOME, from the repo root."""
    from click.testing import CliRunner

    from cli import main

    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    home = tmp_path / "home"

    def invoke(*args: str) -> Any:
        return CliRunner().invoke(main, [*args], env={"PARTNERS_HOME": str(home)}, catch_exceptions=False)

    return invoke


@pytest.fixture(scope="session")
def seed_graph() -> GraphData:
    return read_seeds(SEEDS)


def neo4j_env() -> dict[str, str]:
    """The environment a `partners` subprocess needs to reach the test Neo4j (skips when NEO4J_URI is unset)."""
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        pytest.skip("NEO4J_URI is not set (start one with tools/neo4j/neo4j.sh start)")
    return {"NEO4J_URI": uri, "NEO4J_USER": os.environ.get("NEO4J_USER", "neo4j"),
            "NEO4J_PASSWORD": os.environ.get("NEO4J_PASSWORD", "")}


def _neo4j_or_skip() -> Store:
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        reason = "NEO4J_URI is not set (start one with tools/neo4j/neo4j.sh start)"
        if IN_CI:
            pytest.fail(f"CI=true but {reason}")
        pytest.skip(reason)
    from graph.errors import StoreUnavailableError

    try:
        return open_store("neo4j", uri=uri, user=os.environ.get("NEO4J_USER", "neo4j"),
                          password=os.environ.get("NEO4J_PASSWORD", ""), database=os.environ.get("NEO4J_DATABASE"))
    except StoreUnavailableError as e:
        if IN_CI:
            pytest.fail(f"CI=true but Neo4j is unavailable: {e}")
        pytest.skip(str(e))


@pytest.fixture(scope="session", params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def any_store(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """One store per backend for the whole session; tests that need a known state load what they need."""
    if request.param == "embedded":
        store = open_store("embedded", home=tmp_path_factory.mktemp("partners-home"))
    else:
        store = _neo4j_or_skip()
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def neo4j_store() -> Iterator[Store]:
    """A connection to the test Neo4j (skipped without one, failed under CI=true), for tests that need both
    stores at once."""
    store = _neo4j_or_skip()
    try:
        yield store
    finally:
        store.close()


@pytest.fixture
def store(any_store: Store) -> Store:
    """A store emptied before the test."""
    any_store.write([], reset=True)
    return any_store


@pytest.fixture
def loaded_store(any_store: Store, seed_graph: GraphData) -> Store:
    """A store holding exactly the seeds."""
    from graph.writer import write_graph

    write_graph(any_store, seed_graph, reset=True)
    return any_store
