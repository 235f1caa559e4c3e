"""README is tested: its set-up commands are what CI runs, and every `partners …` line under "Use" works."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _block_after(heading: str) -> str:
    section = README.split(heading, 1)[1]
    return re.search(r"```sh\n(.*?)```", section, re.S).group(1)  # type: ignore[union-attr]


def test_setup_commands_are_what_ci_runs() -> None:
    setup = _block_after("## Set up")
    commands = [line.split("#")[0].strip() for line in setup.splitlines() if line.strip()]
    assert commands == ["make run", "make test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"^make test$", ci, re.M)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^run: ", makefile, re.M) and re.search(r"^test: ", makefile, re.M)


USE_LINES = [line.split("  #")[0].strip() for line in _block_after("## Use").splitlines()
             if line.startswith("partners ")]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("readme")


@pytest.mark.parametrize("line", USE_LINES)
def test_readme_use_line_runs(line: str, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("NEO4J_URI", raising=False)
    args = shlex.split(line)[1:]
    for a in args:
        if a.startswith("../shared/") and not (ROOT / a).exists():
            pytest.skip(f"{a} is not beside this checkout")
    # files the examples write go to a temporary folder
    outputs = (".json", ".graphml", ".gexf", ".html", ".md", ".docx")
    args = [str(workdir / a) if a.endswith(outputs) else a for a in args]
    env = {"PARTNERS_HOME": str(workdir / "home")}
    runner = CliRunner()
    if args[0] not in ("validate", "load", "query") or args[:1] == ["query"] and len(args) > 1:
        assert runner.invoke(main, ["load"], env=env).exit_code == 0
    result = runner.invoke(main, args, env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.output.strip()
