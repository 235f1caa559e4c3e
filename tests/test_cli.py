"""The `partners` CLI: exact output lines and exit codes, on the embedded store in a temporary home."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_validate_ok(run) -> None:  # type: ignore[no-untyped-def]
    result = run("validate")
    assert result.exit_code == 0
    assert result.output.startswith("seeds are valid: ")


def test_validate_bad_file_exit_2_with_file_line(run) -> None:  # type: ignore[no-untyped-def]
    result = run("validate", "seeds/reference", "seeds/sources.yaml", "tests/bad_seeds/duplicate_id.yaml")
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "Error: tests/bad_seeds/duplicate_id.yaml:12: duplicate id 'ua-testville', first defined at "
        "tests/bad_seeds/duplicate_id.yaml:6 — one node per real-world entity: use `extends:` to add to it, "
        "or choose another id",
        "Error: 1 problem in the seeds; nothing was written",
    ]


def test_load_twice_then_stats_unchanged(run, seed_graph) -> None:  # type: ignore[no-untyped-def]
    first = run("load")
    assert first.exit_code == 0, first.output
    assert f"loaded {len(seed_graph.nodes)} entities and {len(seed_graph.edges)} relations" in first.output
    stats1 = json.loads(run("stats", "--json").output)
    assert run("load").exit_code == 0
    stats2 = json.loads(run("stats", "--json").output)
    assert stats1 == stats2 == seed_graph.counts()


def test_bad_seeds_write_nothing(run) -> None:  # type: ignore[no-untyped-def]
    assert run("load").exit_code == 0
    before = run("stats", "--json").output
    result = run("load", "--reset", "seeds/reference", "seeds/sources.yaml", "tests/bad_seeds/bad_dates_and_enums.yaml")
    assert result.exit_code == 2
    assert "Error: tests/bad_seeds/bad_dates_and_enums.yaml:" in result.output
    assert run("stats", "--json").output == before


def test_export_formats(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    run("load")
    for fmt in ("json", "graphml", "gexf"):
        out = tmp_path / f"g.{fmt}"
        result = run("export", "--format", fmt, "-o", str(out))
        assert result.exit_code == 0 and out.stat().st_size > 1000
        assert not out.with_name(out.name + ".tmp").exists()


def test_neo4j_backend_without_uri_names_the_fix(run) -> None:  # type: ignore[no-untyped-def]
    result = run("stats", "--backend", "neo4j")
    assert result.exit_code == 2
    assert "set NEO4J_URI" in result.output


def test_dead_neo4j_says_how_to_start_one(run) -> None:  # type: ignore[no-untyped-def]
    result = run("stats", "--uri", "bolt://127.0.0.1:9", "--password", "x")
    assert result.exit_code == 1
    assert result.output.startswith("Error: no Neo4j answers at bolt://127.0.0.1:9")
    assert "tools/neo4j/neo4j.sh start" in result.output


def test_every_command_has_help(run) -> None:  # type: ignore[no-untyped-def]
    for name, cmd in main.commands.items():  # type: ignore[attr-defined]
        assert cmd.help, name
        assert run(name, "--help").exit_code == 0


def test_help_does_not_import_heavy_libraries() -> None:
    code = ("import sys, cli; from click.testing import CliRunner; CliRunner().invoke(cli.main, ['--help']); "
            "print(sorted(m for m in ('neo4j', 'networkx', 'pyvis', 'falkordb', 'redis') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _loaded(run) -> None:  # type: ignore[no-untyped-def]
    assert run("load").exit_code == 0


def test_show_resolves_ukrainian_english_and_id_to_the_same_entity(run) -> None:  # type: ignore[no-untyped-def]
    _loaded(run)
    outputs = [run("show", name, "--format", "json") for name in ("Житомир", "zhytomyr", "ua-zhytomyr")]
    assert all(o.exit_code == 0 for o in outputs)
    profiles = [json.loads(o.output) for o in outputs]
    assert profiles[0] == profiles[1] == profiles[2]
    assert profiles[0]["id"] == "ua-zhytomyr" and profiles[0]["properties"]["name_uk"] == "Житомир"
    text = run("show", "Житомир").output
    assert text.startswith("Zhytomyr — Житомир\n  kind: City\n")  # ids only with --ids (issue 12, item 5)
    assert run("show", "Житомир", "--ids").output.startswith("Zhytomyr — Житомир\n  kind: City   id: ua-zhytomyr\n")
    for section in ("Partners", "Sources"):
        assert f"\n{section}\n" in text


def test_query_partners_of_by_either_language(run) -> None:  # type: ignore[no-untyped-def]
    _loaded(run)
    en = run("query", "partners-of", "-p", "name=Dolyna", "--format", "json")
    uk = run("query", "partners-of", "-p", "name=Долина", "--format", "json")
    assert en.exit_code == uk.exit_code == 0 and en.output == uk.output
    rows = json.loads(en.output)
    assert {"partner": "lt-siauliai-district", "kind": "cooperation agreement", "status": "signed",
            "date": "2022-07-12"}.items() <= next(r for r in rows if r["date"] == "2022-07-12").items()


def test_query_lists_named_queries(run) -> None:  # type: ignore[no-untyped-def]
    result = run("query")
    assert result.exit_code == 0
    assert "partners-of" in result.output and "region-partners-by-country" in result.output


def test_query_csv_and_limit(run) -> None:  # type: ignore[no-untyped-def]
    _loaded(run)
    result = run("query", "partners-of", "-p", "name=Dolyna", "--format", "csv", "--limit", "2")
    lines = result.output.splitlines()
    assert lines[0] == "partner,name,partner_kind,country,kind,status,date,flags,via,body,partner_body,sources"
    assert len(lines) == 3
    import csv

    rows = list(csv.DictReader(lines))
    assert all(row["sources"] and not row["sources"].startswith("[") for row in rows)   # plain values, no JSON


def test_ambiguous_name_exits_2_with_candidates(run) -> None:  # type: ignore[no-untyped-def]
    _loaded(run)
    result = run("show", "Poltava Obl")
    assert result.exit_code == 2
    assert result.output.startswith("Error: no entity named 'Poltava Obl' — did you mean one of these?")
    assert "id ua-poltava-oblast" in result.output and "id org-poltava-oblast-council" in result.output


def test_unknown_query_and_missing_parameter(run) -> None:  # type: ignore[no-untyped-def]
    _loaded(run)
    assert run("query", "nope").output == "Error: no named query 'nope' — `partners query` lists them\n"
    result = run("query", "partners-of")
    assert result.exit_code == 2
    assert "needs the parameter 'name'" in result.output


def test_cypher_is_read_only_unless_write(run) -> None:  # type: ignore[no-untyped-def]
    _loaded(run)
    before = run("stats", "--json").output
    refused = run("cypher", "CREATE (n:Entity {id: 'x', kind: 'City'}) RETURN n")
    assert refused.exit_code == 2 and "read-only — add --write" in refused.output
    assert run("stats", "--json").output == before
    ok = run("cypher", "MATCH (n:Entity {id: $id}) RETURN n.name_uk AS uk", "-p", "id=ua-dolyna", "--format", "json")
    assert json.loads(ok.output) == [{"uk": "Долина"}]
    bad = run("cypher", "MATCH (n RETURN n")
    assert bad.exit_code == 2 and bad.output.startswith("Error: Cypher syntax error")
    written = run("cypher", "CREATE (n:Entity:City {id: 'ua-x', kind: 'City'})", "--write")
    assert written.exit_code == 0
    assert json.loads(run("stats", "--json").output)["City"] == json.loads(before)["City"] + 1
