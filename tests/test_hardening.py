"""Issue 13: the review's reproductions through the real CLI, on both stores where they apply.

Each case asserts a one-line `Error: … — …` (or the right value) and that no traceback and no credential
reaches the user.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli import main
from tests.conftest import neo4j_env as _neo4j_env

ROOT = Path(__file__).resolve().parent.parent
Q = "Долинська міська рада співпрацює з муніципалітетами низки іноземних країн"
SECRET = "S3cr3t-PW"




@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def cli(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    """`partners …` on one backend; the embedded one in a fresh PARTNERS_HOME."""
    monkeypatch.chdir(ROOT)
    neo4j_env = _neo4j_env() if request.param == "neo4j" else {}
    for var in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE", "PARTNERS_DEBUG"):
        monkeypatch.delenv(var, raising=False)
    env = {"PARTNERS_HOME": str(tmp_path / "home")}
    backend = request.param
    env |= neo4j_env

    def invoke(*args: str, **extra_env: str) -> Any:
        return CliRunner().invoke(main, [*args], env=env | extra_env, catch_exceptions=False)

    invoke.backend = backend  # type: ignore[attr-defined]
    return invoke


def one_error(result: Any, code: int = 2) -> str:
    """The run failed with ``code`` and printed one `Error: what — how` line, no traceback."""
    out = result.output
    assert result.exit_code == code, out
    assert "Traceback" not in out
    lines = [ln for ln in out.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: ") and " — " in lines[0], out
    return lines[0]


# --- D4: read-only means read-only ---------------------------------------------------------------------

@pytest.mark.parametrize("statement", [
    "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l LIMIT 3",
    "load  csv with headers from 'https://example.org/x.csv' AS l RETURN l",
    "CALL apoc.load.json('file:///etc/passwd')",
    "CALL dbms.listConfig()",
])
def test_read_only_cypher_cannot_reach_outside_the_graph(cli: Callable[..., Any], statement: str) -> None:
    line = one_error(cli("cypher", statement))
    assert "--write" in line and "root:" not in line


@pytest.mark.neo4j
def test_bundled_neo4j_refuses_file_urls_even_with_write() -> None:
    env = _neo4j_env()
    result = CliRunner().invoke(main, ["cypher", "--write", "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l"],
                                env=env, catch_exceptions=False)
    assert result.exit_code == 2 and "root:" not in result.output, result.output


# --- D5 / D9 / D14: secrets and connections ---------------------------------------------------------------

@pytest.mark.neo4j
def test_wrong_connections_are_one_line_and_never_show_the_password() -> None:
    uri = _neo4j_env()["NEO4J_URI"]
    host = uri.split("://", 1)[1]
    cases = [
        {"NEO4J_URI": f"bolt://neo4j:{SECRET}@127.0.0.1:7799", "NEO4J_PASSWORD": SECRET},
        {"NEO4J_URI": f"bolt://neo4j:{SECRET}@{host}", "NEO4J_PASSWORD": SECRET},
        {"NEO4J_URI": f"http://{host}", "NEO4J_PASSWORD": SECRET},
        {"NEO4J_URI": "bolt://127.0.0.1:7799", "NEO4J_PASSWORD": SECRET},
        {"NEO4J_URI": f"neo4j+s://neo4j:{SECRET}@127.0.0.1:7799", "NEO4J_PASSWORD": SECRET},
    ] + [{"NEO4J_URI": uri, "NEO4J_PASSWORD": SECRET}] * 4  # four wrong logins trigger the rate limit
    outputs = []
    for env in cases:
        for args in (["stats"], ["--debug", "stats"], ["load", "--backend", "neo4j", "seeds"]):
            result = CliRunner().invoke(main, args, env={"NEO4J_USER": "neo4j", **env}, catch_exceptions=False)
            outputs.append(result.output)
            assert result.exit_code == 1, result.output
            if "--debug" not in args:
                one_error(result, 1)
    assert all(SECRET not in out for out in outputs)
    assert sum("Traceback" in out for out in outputs) == len(cases)  # only under --debug, redacted
    # the server's login rate limit lasts a few seconds; the right password then works again
    import time

    deadline = time.monotonic() + 30
    while True:
        ok = CliRunner().invoke(main, ["stats"], env=_neo4j_env(), catch_exceptions=False)
        if ok.exit_code == 0 or time.monotonic() > deadline:
            break
        one_error(ok, 1)
        time.sleep(0.5)
    assert ok.exit_code == 0, ok.output


# --- D9: -p values --------------------------------------------------------------------------------------

@pytest.mark.parametrize("param", [
    "a`b=1", 'x={"a`b": 1}', 'x={"": 1}', "x=" + "[" * 5000 + "]" * 5000, "x=123456789012345678901234567890",
    'x="a\\u0000b"',
])
def test_bad_parameters_are_refused(cli: Callable[..., Any], param: str) -> None:
    one_error(cli("cypher", "RETURN $x AS x", "-p", param))


def test_nan_parameter_stays_text(cli: Callable[..., Any]) -> None:
    result = cli("cypher", "RETURN $x AS x", "-p", "x=NaN", "--format", "csv")
    assert result.exit_code == 0 and result.output.splitlines() == ["x", "NaN"], result.output


# --- D13: terminal escapes ------------------------------------------------------------------------------

def test_escape_sequences_in_data_do_not_reach_the_terminal(cli: Callable[..., Any]) -> None:
    for fmt in ("table", "csv", "json"):
        result = cli("cypher", "RETURN $x AS x", "-p", "x=\x1b]0;pwned\x07\x1b[31mRED\u202e", "--format", fmt)
        assert result.exit_code == 0, result.output
        assert "\x1b" not in result.output and "\x07" not in result.output and "\u202e" not in result.output
        assert "\\u001b[31mRED" in result.output


def test_markup_in_data_is_shown_as_written(cli: Callable[..., Any]) -> None:
    """Table cells, column names and the footer are literal text: rich read ``[bold]`` as a style and ``[/x]``
    as a closing tag that failed the whole command."""
    value = "[/x] [bold]b[/bold] :smile: [link=https://x.example]l[/link]"
    result = cli("cypher", "RETURN $v AS `[/col]`", "-p", f"v={value}", "--format", "table")
    assert result.exit_code == 0, result.output
    assert value in result.output and "[/col]" in result.output


# --- D1/D10: what validates is stored exactly, or refused at validation --------------------------------------

def test_values_that_stores_cannot_hold_are_refused_before_the_load(cli: Callable[..., Any], tmp_path: Path) -> None:
    seed = tmp_path / "values.yaml"
    seed.write_text(
        "source: src-001-dolyna\nentities:\n"
        "  - {id: proj-repro-huge, kind: Project, name: {en: Huge}, budget: 100000000000000000000000, "
        f"quote: \"{Q}\"}}\n"
        f"  - {{id: ua-repro-nan, kind: City, name: {{en: N}}, lat: .nan, lon: .inf, quote: \"{Q}\"}}\n"
        f"  - {{id: fig-ua-dolyna-x-2022, kind: City, name: {{en: Not a figure}}, quote: \"{Q}\"}}\n"
        "relations:\n"
        "  - {type: COOPERATES_WITH, from: ua-dolyna, to: dk-guldborgsund, uncertain: \"no\", note: [one, two], "
        f"quote: \"{Q}\"}}\n", encoding="utf-8")
    result = cli("load", "seeds", str(seed))
    assert result.exit_code == 2 and "Traceback" not in result.output
    errors = [ln for ln in result.output.splitlines() if ln.startswith("Error: ")]
    assert len(errors) == 8, result.output  # 7 problems, each file:line, and the summary
    assert "nothing was written" in errors[-1]


# --- the top-level handler ------------------------------------------------------------------------------

def test_unexpected_error_is_one_line_and_debug_shows_the_traceback(cli: Callable[..., Any],
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import graph.stores.base as base

    def broken(self: Any) -> dict[str, int]:
        raise RuntimeError(f"boom at bolt://neo4j:{SECRET}@host")

    monkeypatch.setattr(base.Store, "stats", broken)
    line = one_error(cli("stats"), 1)
    assert line.startswith("Error: unexpected RuntimeError: boom") and "--debug" in line and SECRET not in line
    debug = cli("--debug", "stats")
    assert debug.exit_code == 1 and "Traceback" in debug.output and SECRET not in debug.output


# --- D7: every query has a time-out ----------------------------------------------------------------------

def test_runaway_query_is_stopped_by_the_timeout(cli: Callable[..., Any]) -> None:
    line = one_error(cli("cypher", "--timeout", "1",
                         "UNWIND range(1, 100000) AS a UNWIND range(1, 100000) AS b RETURN count(*) AS n"))
    assert "longer than 1 s" in line and "--timeout" in line


# --- D2: an id that changes kind ---------------------------------------------------------------------------

def test_an_id_cannot_change_kind_silently(cli: Callable[..., Any], tmp_path: Path) -> None:
    as_city, as_org = tmp_path / "as-city.yaml", tmp_path / "as-org.yaml"
    as_city.write_text(f"source: src-001-dolyna\nentities:\n  - {{id: ua-repro-kind, kind: City, name: {{en: K}}, "
                       f"quote: \"{Q}\"}}\n", encoding="utf-8")
    as_org.write_text(f"source: src-001-dolyna\nentities:\n  - {{id: ua-repro-kind, kind: Organisation, "
                      f"org_type: other, name: {{en: K}}, quote: \"{Q}\"}}\n", encoding="utf-8")
    assert cli("load", "--reset", "seeds", str(as_city)).exit_code == 0
    line = one_error(cli("load", "seeds", str(as_org)))
    assert "ua-repro-kind is stored as City" in line and "the seeds make it Organisation" in line
    assert "--reset" in line
    kinds = "MATCH (n:Entity {id: 'ua-repro-kind'}) RETURN n.kind AS kind"
    assert cli("cypher", kinds, "--format", "csv").output.split() == ["kind", "City"]
    result = cli("load", "--reset", "seeds", str(as_org))
    assert result.exit_code == 0, result.output
    assert cli("cypher", kinds, "--format", "csv").output.split() == ["kind", "Organisation"]
    assert cli("cypher", "MATCH (n:City {id: 'ua-repro-kind'}) RETURN count(n) AS n", "--format",
               "csv").output.split() == ["n", "0"]


# --- D9 / D12: bad tables --------------------------------------------------------------------------------

TABLE = Path(os.environ.get("PARTNERS_TABLE", ROOT.parent / "shared" / "data" / "ukraine_partnerships_provenance.tsv"))
if not TABLE.exists():
    TABLE = ROOT.parent.parent / "shared" / "data" / "ukraine_partnerships_provenance.tsv"


def _table_lines() -> list[str]:
    if not TABLE.exists():
        pytest.skip(f"the provenance table is not at {TABLE}")
    return TABLE.read_text(encoding="utf-8").split("\n")


def _with(cells: list[str], **changes: str) -> str:
    cols = _table_lines()[0].split("\t")
    for name, value in changes.items():
        cells[cols.index(name)] = value
    return "\t".join(cells)


@pytest.mark.parametrize(("case", "expected"), [
    ("bad_utf8", ":4: not UTF-8 text"),
    ("short", ":2: the row has 3 cells where"),
    ("huge", ":2: cannot read the row"),
    ("country", ":2: unknown country 'Atlantis'"),
    ("year", ":2: since_year 'abc' is not a year"),
    ("nul", ":2: a cell contains the control character U+0000"),
])
def test_bad_tables_are_refused_by_row(cli: Callable[..., Any], tmp_path: Path, case: str, expected: str) -> None:
    lines = _table_lines()
    header, row = lines[0], lines[1].split("\t")
    body = {
        "bad_utf8": None,
        "short": "Alushta\tCrimea\tSozopol",
        "huge": _with(list(row), all_source_urls="E" * 200000),
        "country": _with(list(row), partner_country="Atlantis", partner_place="Poseidonia"),
        "year": _with(list(row), since_year="abc", partner_place="Yearless"),
        "nul": _with(list(row), partner_place="Nul\x00Town"),
    }[case]
    path = tmp_path / f"{case}.tsv"
    if body is None:
        path.write_bytes(("\n".join(lines[:3]) + "\n").encode() + b"B\xffd\n")
    else:
        path.write_text(header + "\n" + body + "\n", encoding="utf-8")
    line = one_error(cli("load", "--data", str(path)))
    assert expected in line, line


def test_table_with_bom_and_crlf_is_accepted(cli: Callable[..., Any], tmp_path: Path) -> None:
    path = tmp_path / "bom.tsv"
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(_table_lines()[:3]).encode() + b"\r\n")
    result = cli("load", "--data", str(path))
    assert result.exit_code == 0, result.output


# --- D14: the smaller findings ------------------------------------------------------------------------------

def test_refused_write_registers_no_property_name(cli: Callable[..., Any]) -> None:
    """FalkorDB registered the property name of a refused `CREATE (:X {a: 1})`; the CLI now refuses it first."""
    assert cli("load", "--reset").exit_code == 0
    keys = "CALL db.propertyKeys() YIELD propertyKey RETURN collect(propertyKey) AS k"
    before = cli("cypher", keys, "--format", "json").output
    line = one_error(cli("cypher", "CREATE (:X {zz_never_stored: 1})"))
    assert "writes (CREATE)" in line and "--write" in line
    assert "zz_never_stored" not in cli("cypher", keys, "--format", "json").output
    assert cli("cypher", keys, "--format", "json").output == before
    ok = cli("cypher", "MATCH (n:Entity {id: 'ua-dolyna'}) RETURN n.id AS id, n.set AS s, 'CREATE' AS x",
             "--format", "csv")
    assert ok.exit_code == 0 and "ua-dolyna,,CREATE" in ok.output  # words in strings and names are not clauses


def test_yaml_merge_keys_override_without_a_duplicate_error(cli: Callable[..., Any], tmp_path: Path) -> None:
    seed = tmp_path / "merge.yaml"
    seed.write_text(f"""source: src-001-dolyna
entities:
  - &base {{id: ua-merge-a, kind: City, name: {{en: Merge A}}, region: ua-ivano-frankivsk-oblast, quote: "{Q}"}}
  - <<: *base
    id: ua-merge-b
    name: {{en: Merge B}}
""", encoding="utf-8")
    assert cli("load", "--reset", "seeds", str(seed)).exit_code == 0
    rows = cli("cypher", "MATCH (n:Entity) WHERE n.id STARTS WITH 'ua-merge-' RETURN n.id, n.name_en ORDER BY n.id",
               "--format", "csv").output.splitlines()
    assert rows[1:] == ["ua-merge-a,Merge A", "ua-merge-b,Merge B"]
    seed.write_text(seed.read_text(encoding="utf-8") + "    name: {en: Twice}\n", encoding="utf-8")
    out = cli("validate", "seeds", str(seed)).output
    assert f"{seed}:7: key 'name' appears twice in the same mapping — keep one" in out


def test_every_validation_error_says_how_to_fix(tmp_path: Path) -> None:
    """The refusals the review found without a hint (a scalar or list file, bad `source:`, bad items…) name a fix."""
    from graph.errors import SeedError
    from loaders.seeds import read_seeds

    bodies = {
        "scalar": '"just text"\n', "list": "- a\n", "source": "source: 5\nentities: []\n",
        "entities": "source: src-001-dolyna\nentities: 5\n", "item": "source: src-001-dolyna\nentities: [5]\n",
        "name": f'source: src-001-dolyna\nentities:\n  - {{id: ua-h1, kind: City, name: x, quote: "{Q}"}}\n',
        "ref": f'source: src-001-dolyna\nentities:\n  - {{id: ua-h2, kind: City, name: {{en: H}}, region: ua-nope, '
               f'quote: "{Q}"}}\n',
    }
    for case, body in bodies.items():
        path = tmp_path / f"{case}.yaml"
        path.write_text(body, encoding="utf-8")
        with pytest.raises(SeedError) as err:
            read_seeds([ROOT / "seeds", path])
        for p in err.value.problems:
            assert p.hint, f"{case}: {p}"


def test_closed_pipe_is_quiet(tmp_path: Path) -> None:
    """`partners … | head`: when the reader has gone, the CLI stops quietly (exit 141, as a shell tool killed by
    the closed pipe) instead of printing "unexpected BrokenPipeError"."""
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")} | {"PARTNERS_HOME": str(tmp_path)}
    cmd = [sys.executable, "-c", "from cli import main; main()"]
    subprocess.run([*cmd, "load"], cwd=ROOT, env=env, capture_output=True, timeout=300, check=True)
    proc = subprocess.Popen([*cmd, "show", "Dolyna"], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()  # the reader goes away before the first line
    err = proc.stderr.read()
    assert proc.wait(timeout=300) in (141, 0) and err == "", err


# --- audit additions (D12, D13, D14 on both stores) -----------------------------------------------------------

def test_quoted_table_cell_is_stored_as_written(cli: Callable[..., Any], tmp_path: Path) -> None:
    """D12: a cell starting with `"` was read with CSV quoting (`"Quoted" Town` stored as `Quoted Town`, and an
    unbalanced quote would swallow the rows after it); tab-separated cells are taken as written."""
    lines = _table_lines()
    row = lines[1].split("\t")
    path = tmp_path / "quoted.tsv"
    path.write_text(lines[0] + "\n" + _with(list(row), partner_place='"Quoted" Town') + "\n"
                    + _with(list(row), partner_place='"Unbalanced Town') + "\n", encoding="utf-8")
    result = cli("load", "--data", str(path))
    assert result.exit_code == 0, result.output
    names = cli("cypher", "MATCH (n:Entity) WHERE n.name_en IN $names RETURN n.name_en AS name ORDER BY name",
                "-p", 'names=["\\"Quoted\\" Town", "\\"Unbalanced Town"]', "--format", "json")
    assert names.exit_code == 0, names.output
    assert [r["name"] for r in json.loads(names.output)] == ['"Quoted" Town', '"Unbalanced Town']


def test_escape_sequences_in_stored_data_do_not_reach_the_terminal(cli: Callable[..., Any]) -> None:
    """D13, as the review ran it: a name with OSC/CSI escapes, BEL and a bidi override, shown by `show` and a
    named query. (Seeds and tables refuse such text now; a --write query can still store it.)"""
    assert cli("load", "--reset").exit_code == 0
    hostile = "E\x1b]0;pwned\x07\x1b[31mRED\u202e"
    stored = cli("cypher", "--write", "MATCH (d:Entity {id: 'ua-dolyna'}) "
                 "CREATE (e:Entity:City {id: 'ua-repro-esc', kind: 'City', name_en: $n})-[:COOPERATES_WITH "
                 "{source: 'src-001-dolyna'}]->(d)", "-p", f"n={hostile}")
    assert stored.exit_code == 0, stored.output
    for args in (["show", "ua-repro-esc"], ["show", "ua-repro-esc", "--format", "json"],
                 ["query", "partners-of", "-p", "name=ua-dolyna"]):
        result = cli(*args)
        assert result.exit_code == 0, result.output
        assert not any(ch in result.output for ch in "\x1b\x07\u202e"), (args, result.output)
    assert "RED" in cli("show", "ua-repro-esc").output


def test_a_huge_parameter_is_not_echoed_whole(cli: Callable[..., Any]) -> None:
    """D14: `partners query partners-of -p name=<30,000 characters>` echoed the whole name in its error."""
    result = cli("query", "partners-of", "-p", "name=" + "x" * 30_000)
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output[:300]
    assert len(result.output) < 1_000


@pytest.mark.neo4j
def test_wrong_database_is_exit_2_with_the_fix_for_reads_and_loads() -> None:
    """D14: a wrong NEO4J_DATABASE exited 2 for reads but 1 for `load`, whose message gave no hint."""
    env = _neo4j_env() | {"NEO4J_DATABASE": "nosuchdb"}
    for args in (["stats"], ["show", "Dolyna"], ["load", "seeds"]):
        result = CliRunner().invoke(main, args, env=env, catch_exceptions=False)
        line = one_error(result, 2)
        assert "nosuchdb" in line and "NEO4J_DATABASE" in line, (args, line)
