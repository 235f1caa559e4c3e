"""The `partners` CLI: exact output lines and exit codes, on the embedded store in a temporary home."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    home = tmp_path / "home"

    def invoke(*args: str) -> object:
        return CliRunner().invoke(main, [*args], env={"PARTNERS_HOME": str(home)}, catch_exceptions=False)

    return invoke


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
