"""Neo4j beyond localhost: routing URIs (neo4j://, as for clusters and Aura) and named databases."""

from __future__ import annotations

import os

import pytest

from graph.errors import QueryError, StoreUnavailableError
from graph.stores import open_store
from tests.conftest import _neo4j_or_skip

pytestmark = pytest.mark.neo4j


@pytest.fixture
def neo4j_env() -> tuple[str, str, str]:
    _neo4j_or_skip().close()  # skips (or, under CI=true, fails) without a reachable Neo4j
    return os.environ["NEO4J_URI"], os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", "")


def _routing(uri: str) -> str:
    return "neo4j://" + uri.split("://", 1)[1]


def test_routing_scheme_reads_and_writes(neo4j_env) -> None:  # type: ignore[no-untyped-def]
    uri, user, password = neo4j_env
    with open_store("neo4j", uri=_routing(uri), user=user, password=password) as s:
        s.write([], reset=False)  # a write transaction through the routing driver
        assert s.query("RETURN 1 AS one").rows == [[1]]  # a read routed to a reader


def test_named_database(neo4j_env) -> None:  # type: ignore[no-untyped-def]
    uri, user, password = neo4j_env
    with open_store("neo4j", uri=uri, user=user, password=password, database="neo4j") as s:
        assert s.location.endswith("(database neo4j)")
        assert s.query("RETURN 1 AS one").rows == [[1]]
    with open_store("neo4j", uri=uri, user=user, password=password, database="nosuchdb") as s:
        with pytest.raises(QueryError, match="nosuchdb — the database does not exist.*check NEO4J_DATABASE"):
            s.query("RETURN 1")


def test_wrong_password_names_the_fix(neo4j_env) -> None:  # type: ignore[no-untyped-def]
    uri, user, _ = neo4j_env
    with pytest.raises(StoreUnavailableError, match="check NEO4J_USER and NEO4J_PASSWORD"):
        open_store("neo4j", uri=uri, user=user, password="wrong-password")
