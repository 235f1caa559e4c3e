"""The review's 53 Cypher and parameter injection cases (issue 13, item 7), each on both stores.

A case is an *injection* when it changes the stored graph (``stats`` or the JSON export differ from what the
input should give), changes a value on its way in or out, or ends in a traceback. The expected outcome of every
case is one of: refused with one `Error:` line and exit 2, or run with the hostile text kept as plain data.

Groups (counts): writes through read-only ``partners cypher`` (18), administration of the ``system`` database
(4), ``-p`` values (12), ``-p`` keys (4), named-query parameters (8), seed values (4), table cells (3).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli import main
from tests.conftest import neo4j_env as _neo4j_env

ROOT = Path(__file__).resolve().parent.parent
Q = "Долинська міська рада співпрацює з муніципалітетами низки іноземних країн"
EVIL = "Dolyna'}) MATCH (n) DETACH DELETE n //"

WRITES = [
    "CREATE (:X {a: 1})",
    "create (:X)",
    "MERGE (n:Entity {id: 'ua-injected'})",
    "MATCH (n:Entity {id: 'ua-dolyna'}) SET n.name_en = 'pwned'",
    "MATCH (n:Entity {id: 'ua-dolyna'}) SET n:Pwned",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n:Entity {id: 'ua-dolyna'}) REMOVE n.name_en",
    "FOREACH (x IN [1] | CREATE (:X))",
    "CALL { CREATE (:X) } RETURN 1",
    "UNWIND [1] AS x CALL { WITH x CREATE (:X) } IN TRANSACTIONS RETURN 1",
    "CALL db.createLabel('X')",
    "RETURN 1; CREATE (:X)",
    "CREATE INDEX pwned FOR (n:X) ON (n.a)",
    "CREATE CONSTRAINT pwned FOR (n:X) REQUIRE n.a IS UNIQUE",
    "DROP INDEX entity_id IF EXISTS",
    "CALL apoc.create.node(['X'], {})",
    "LOAD CSV FROM 'file:///etc/passwd' AS l CREATE (:X {l: l})",
    "MERGE (n:Entity {id: 'ua-dolyna'}) ON MATCH SET n.name_en = 'pwned'",
]
SYSTEM = [
    "CREATE DATABASE pwned",
    "CREATE USER pwned SET PASSWORD 'pwned-pw' CHANGE NOT REQUIRED",
    "DROP DATABASE neo4j",
    "ALTER USER neo4j SET PASSWORD 'pwned-pw'",
]
VALUES = [
    EVIL,
    "' OR 1=1 //",
    '"; CREATE (:X) //',
    "\\'; MATCH (n) DELETE n; //",
    "$x",
    "*/ CREATE (:X) /*",
    "`) CREATE (:X) //",
    "line one\nMATCH (n) DETACH DELETE n",
    "}) RETURN 1 UNION MATCH (n) DETACH DELETE n //",
    "CYPHER 5 CREATE (:X)",
    "Довжина ' \" ` \\ {x}",
    "a" * 10_000,
]
KEYS = ["a`b", "", "x}) CREATE (:X) //", "x y"]
NAMED = [
    ("partners-of", "name", EVIL),
    ("partners-of", "name", "ua-dolyna' OR 1=1 //"),
    ("since", "date", "2025' OR 1=1 //"),
    ("region-partners-by-country", "region", EVIL),
    ("top-foreign-partners", "country", "pl' OR 1=1 //"),
    ("top-foreign-partners", "country", "pl}) MATCH (n) DETACH DELETE n //"),
    ("ties-per-year", "exclude", "ru') MATCH (n) DETACH DELETE n //"),
    ("figures-of", "name", "`ua-dolyna`"),
]
SEED_VALUES = [
    ("name", EVIL),
    ("alias", "x'}) CREATE (:Pwned) //"),
    ("note", '"; MATCH (n) DETACH DELETE n //'),
    ("name", "$name {a: 1} `b` \\n"),
]
TABLE_CELLS = [
    ("ua_place", "Kovel'}) MATCH (n) DETACH DELETE n //"),
    ("partner_place", "Chełm\"}) CREATE (:Pwned) //"),
    ("evidence", "'; CALL dbms.killQueries() //"),
]




@pytest.fixture(scope="module", params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def cli(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Any]]:
    """`partners …` on one backend holding exactly the seeds."""
    env = {"PARTNERS_HOME": str(tmp_path_factory.mktemp("inject-home")), "NEO4J_URI": None, "NEO4J_DATABASE": None,
           "PARTNERS_DEBUG": None}
    if request.param == "neo4j":
        env |= _neo4j_env()
    old = os.getcwd()
    os.chdir(ROOT)

    def invoke(*args: str) -> Any:
        return CliRunner().invoke(main, [*args], env=env, catch_exceptions=False)

    assert invoke("load", "--reset").exit_code == 0
    yield invoke
    invoke("load", "--reset")
    os.chdir(old)


def snapshot(cli: Callable[..., Any], tmp_path: Path) -> tuple[str, bytes]:
    out = tmp_path / f"export-{len(list(tmp_path.iterdir()))}.json"
    assert cli("export", "--format", "json", "-o", str(out)).exit_code == 0
    return cli("stats", "--json").output, out.read_bytes()


def entities(stats: dict[str, int]) -> int:
    """Entities in ``partners stats --json`` (kinds are capitalised, relation types upper case)."""
    return sum(n for k, n in stats.items() if not k.isupper())


def refused(result: Any) -> str:
    assert result.exit_code == 2, result.output
    lines = [ln for ln in result.output.splitlines() if ln.strip()]
    assert "Traceback" not in result.output and len(lines) == 1 and lines[0].startswith("Error: "), result.output
    return lines[0]


@pytest.mark.parametrize("statement", WRITES + SYSTEM)
def test_read_only_cypher_changes_nothing(cli: Callable[..., Any], tmp_path: Path, statement: str) -> None:
    before = snapshot(cli, tmp_path)
    refused(cli("cypher", statement))  # by the CLI (write clauses, LOAD CSV, apoc) or the store
    assert snapshot(cli, tmp_path) == before


@pytest.mark.parametrize("value", VALUES, ids=[f"v{i}" for i in range(len(VALUES))])
def test_parameter_values_are_data(cli: Callable[..., Any], tmp_path: Path, value: str) -> None:
    before = snapshot(cli, tmp_path)
    result = cli("cypher", "WITH $x AS x OPTIONAL MATCH (n:Entity) WHERE n.name_en = x RETURN x, count(n) AS n",
                 "-p", f"x={value}",
                 "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == [{"x": value, "n": 0}]  # the value came back as it went in
    assert snapshot(cli, tmp_path) == before


@pytest.mark.parametrize("key", KEYS)
def test_parameter_keys_cannot_inject(cli: Callable[..., Any], tmp_path: Path, key: str) -> None:
    before = snapshot(cli, tmp_path)
    refused(cli("cypher", "RETURN 1 AS one", "-p", f"{key}=1"))
    assert snapshot(cli, tmp_path) == before


@pytest.mark.parametrize(("query", "param", "value"), NAMED)
def test_named_query_parameters_are_data(cli: Callable[..., Any], tmp_path: Path, query: str, param: str,
                                         value: str) -> None:
    before = snapshot(cli, tmp_path)
    result = cli("query", query, "-p", f"{param}={value}", "--format", "json")
    if result.exit_code == 0:
        assert json.loads(result.output) == [] or query == "ties-per-year"  # nothing matches such a value
    else:
        refused(result)  # not a name, not a date: refused before the database
    assert snapshot(cli, tmp_path) == before


@pytest.mark.parametrize(("field", "value"), SEED_VALUES, ids=[f"seed-{i}" for i in range(len(SEED_VALUES))])
def test_seed_values_are_stored_as_written(cli: Callable[..., Any], tmp_path: Path, field: str, value: str) -> None:
    seeds_only = cli("stats", "--json").output
    entity = {"id": "ua-injected", "kind": "City", "name": {"en": "Injected"}, "quote": Q}
    if field == "name":
        entity["name"] = {"en": value}
    elif field == "alias":
        entity["aliases"] = [value]
    else:
        entity["note"] = value
    seed = tmp_path / "hostile.yaml"
    seed.write_text(json.dumps({"source": "src-001-dolyna", "entities": [entity]}, ensure_ascii=False),
                    encoding="utf-8")  # JSON is YAML: the value travels exactly
    try:
        assert cli("load", "--reset", "seeds", str(seed)).exit_code == 0
        stats = json.loads(cli("stats", "--json").output)
        assert entities(stats) == entities(json.loads(seeds_only)) + 1
        assert "Pwned" not in stats and "X" not in stats
        got = json.loads(cli("cypher", "MATCH (n:Entity {id: 'ua-injected'}) RETURN n.name_en AS name, "
                                       "n.aliases AS aliases, n.note AS note", "--format", "json").output)
        stored = {"name": got[0]["name"], "alias": (got[0]["aliases"] or [None])[0], "note": got[0]["note"]}
        assert stored[field] == value
    finally:
        assert cli("load", "--reset").exit_code == 0
    assert cli("stats", "--json").output == seeds_only


HEADER = ("ua_place\tua_oblast\tpartner_place\tpartner_country\tkind\tsince_year\tsource_url\tn_sources\tsource_ids\t"
          "all_source_urls\tkinds_stated\tyears_stated\tua_names_in_sources\tpartner_names_in_sources\toblast_method\t"
          "country_method\tflags\tevidence\n")


@pytest.mark.parametrize(("column", "value"), TABLE_CELLS, ids=[c for c, _ in TABLE_CELLS])
def test_table_cells_are_stored_as_written(cli: Callable[..., Any], tmp_path: Path, column: str, value: str) -> None:
    seeds_only = cli("stats", "--json").output
    row = dict(zip(HEADER.rstrip("\n").split("\t"), ["Kovel", "Volyn Oblast", "Chełm", "Poland", "twinning", "2005",
                                                     "u", "1", "D:page", "https://x.example/a", "twinning", "2005",
                                                     "Kovel", "Chełm", "m", "stated", "", "Kovel and Chełm"],
                   strict=True))
    row[column] = value
    table = tmp_path / "hostile.tsv"
    table.write_text(HEADER + "\t".join(row.values()) + "\n", encoding="utf-8")
    try:
        loaded = cli("load", "--reset", "--data", str(table))
        assert loaded.exit_code == 0, loaded.output
        stats = json.loads(cli("stats", "--json").output)
        assert "Pwned" not in stats and entities(stats) > entities(json.loads(seeds_only))
        if column == "evidence":
            found = cli("cypher", "MATCH (a:Agreement) WHERE $v IN a.quotes RETURN count(a) AS n", "-p",
                        f"v={value}", "--format", "json")
        else:
            found = cli("cypher", "MATCH (n:Entity) WHERE n.name_en = $v RETURN count(n) AS n", "-p", f"v={value}",
                        "--format", "json")
        assert json.loads(found.output) == [{"n": 1}], found.output
    finally:
        assert cli("load", "--reset").exit_code == 0
    assert cli("stats", "--json").output == seeds_only


def test_the_review_count_is_53() -> None:
    assert len(WRITES) + len(SYSTEM) + len(VALUES) + len(KEYS) + len(NAMED) + len(SEED_VALUES) + len(TABLE_CELLS) == 53
