"""The world twin-town table under bad rows (issue 11/13): every bad row is one `file:line` error with exit 2, no
traceback, and nothing is written — the store holds exactly what it held before, however many good rows came
first. A byte-order mark and Windows line ends are accepted. Both stores."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, neo4j_env

pytestmark = pytest.mark.faults

HEADER = "city_a\tcountry_a\tcity_b\tcountry_b\twikidata_a\twikidata_b\tsource\tsource_url\tinvolves_ukraine\n"
SRC = "wikipedia-en-lists-2026(Hekman/twincities)\thttps://x.example/w"
GOOD = [f"Lyon\tFrance\tTown {i}\tItaly\t\t\t{SRC}\t0" for i in range(300)]
GOOD += [f"Kovel\tUkraine\tChełm\tPoland\t\t\t{SRC}\t1"]

BAD: dict[str, tuple[bytes, str]] = {
    "short row": (b"Lyon\tFrance\tBirmingham\n", "cells where 9 are expected"),
    "empty city": (f"\tFrance\tBirmingham\tUnited Kingdom\t\t\t{SRC}\t0\n".encode(), "needs city_a and city_b"),
    "not UTF-8": (b"Ly\xffon\tFrance\tBirmingham\tUnited Kingdom\t\t\t" + SRC.encode() + b"\t0\n", "not UTF-8"),
    "huge cell": (f"Lyon\tFrance\t{'B' * 200_000}\tUnited Kingdom\t\t\t{SRC}\t0\n".encode(), "cannot read the row"),
    "control character": (f"Ly\x1b[31mon\tFrance\tBirmingham\tUnited Kingdom\t\t\t{SRC}\t0\n".encode(),
                          "control character U+001B"),
    "extra cells": (f"Lyon\tFrance\tBirmingham\tUnited Kingdom\t\t\t{SRC}\t0\textra\n".encode(),
                    "cells where 9 are expected"),
}


@pytest.fixture(params=["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def loaded(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Any]:
    """`partners …` on one backend holding the curated seeds; the embedded one in a fresh PARTNERS_HOME."""
    from click.testing import CliRunner

    from cli import main

    monkeypatch.chdir(ROOT)
    neo4j = neo4j_env() if request.param == "neo4j" else {}
    for var in ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE", "PARTNERS_DEBUG"):
        monkeypatch.delenv(var, raising=False)
    env = {"PARTNERS_HOME": str(tmp_path / "home")} | neo4j

    def invoke(*args: str) -> Any:
        return CliRunner().invoke(main, [*args], env=env, catch_exceptions=False)

    assert invoke("load", "--reset", "seeds").exit_code == 0
    return invoke


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_world_row_is_refused_and_nothing_is_written(loaded: Callable[..., Any], tmp_path: Path,
                                                        case: str) -> None:
    before = loaded("stats", "--json").output
    exported = tmp_path / "before.json"
    assert loaded("export", "--format", "json", "-o", str(exported)).exit_code == 0
    body, message = BAD[case]
    table = tmp_path / "world.tsv"
    table.write_bytes(HEADER.encode() + "\n".join(GOOD).encode() + b"\n" + body)
    line = 1 + len(GOOD) + 1
    result = loaded("load", "--data", str(table))
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    errors = [x for x in result.output.splitlines() if x.startswith("Error:")]
    assert len(errors) == 1 and f"{table}:{line}:" in errors[0] and message in errors[0], result.output
    assert len(errors[0]) < 400  # a 200,000-character cell is not echoed
    assert loaded("stats", "--json").output == before  # all or nothing: not one of the 301 good rows landed
    after = tmp_path / "after.json"
    assert loaded("export", "--format", "json", "-o", str(after)).exit_code == 0
    assert after.read_bytes() == exported.read_bytes()


def test_bom_and_crlf_are_accepted(loaded: Callable[..., Any], tmp_path: Path) -> None:
    table = tmp_path / "world.tsv"
    table.write_bytes(b"\xef\xbb\xbf" + (HEADER + "\n".join(GOOD[-3:]) + "\n").replace("\n", "\r\n").encode())
    result = loaded("load", "--data", str(table))
    assert result.exit_code == 0, result.output
    assert loaded("show", "it-town-299", "--format", "json").exit_code == 0
