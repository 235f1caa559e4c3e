"""The validator on a corpus of bad seed files: each file names, in `# expect:` lines, exactly the
problems it must produce. Plus the rules that a corpus cannot show (quotes checked against documents)."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.errors import SeedError
from loaders.seeds import normalise_quote, read_seeds

ROOT = Path(__file__).resolve().parent.parent
BAD = sorted((ROOT / "tests" / "bad_seeds").glob("*.yaml"))
REFERENCE = [ROOT / "seeds" / "reference", ROOT / "seeds" / "sources.yaml"]


def expected_lines(path: Path) -> list[str]:
    return [line.removeprefix("# expect: ").rstrip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("# expect: ")]


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_seed_file_reports_exact_lines(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    with pytest.raises(SeedError) as err:
        read_seeds([*REFERENCE, path.relative_to(ROOT)])
    assert sorted(str(p) for p in err.value.problems) == sorted(expected_lines(path))


def test_corpus_covers_every_kind_of_problem() -> None:
    text = "\n".join("\n".join(expected_lines(p)) for p in BAD)
    for needle in ("unknown kind", "unknown field", "duplicate id", "no entity with id", "is not a date",
                   "is not allowed", "has no citation", "YAML syntax error", "is not a Source"):
        assert needle in text, needle


def test_seeds_are_valid(seed_graph) -> None:  # type: ignore[no-untyped-def]
    assert len(seed_graph.nodes) > 300
    assert all(n.citations for n in seed_graph.nodes.values())
    assert all(e.citations for e in seed_graph.edges)


def test_quote_must_occur_in_its_document(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "d.txt").write_text("Місто   Долина співпрацює з Бая-Спріє з 2021 року.", encoding="utf-8")
    seed = tmp_path / "s.yaml"
    seed.write_text(
        "source: src-d\n"
        "entities:\n"
        "  - {id: src-d, kind: Source, name: {en: D}, file: d.txt}\n"
        "  - {id: ua-a, kind: City, name: {en: A}, quote: \"Долина співпрацює з Бая-Спріє\"}\n"
        "  - {id: ua-b, kind: City, name: {en: B}, quote: \"Долина уклала угоду\"}\n", encoding="utf-8")
    with pytest.raises(SeedError) as err:
        read_seeds(seed, documents_dir=docs)
    assert [p.message for p in err.value.problems] == ["quote not found in d.txt: 'Долина уклала угоду'"]
    assert err.value.problems[0].line == 5


def test_normalise_quote_folds_copy_paste_differences() -> None:
    assert normalise_quote("«U-LEAD  з\nЄвропою» – м’яко") == normalise_quote('"U-LEAD з Європою" - м\'яко')


def test_error_names_the_file_when_no_seeds(tmp_path: Path) -> None:
    with pytest.raises(SeedError) as err:
        read_seeds(tmp_path)
    assert "no seed files found" in str(err.value.problems[0])


@pytest.mark.parametrize(("file_field", "message"), [
    ("../../../../../../../../etc/passwd",
     "src-p: file '../../../../../../../../etc/passwd' is outside the documents folder"),
    ("/etc/passwd", "src-p: file '/etc/passwd' is outside the documents folder"),
    ("binary.bin", "src-p: document 'binary.bin' cannot be read as UTF-8 text (UnicodeDecodeError)"),
    ("missing.txt", "src-p: document 'missing.txt' not found in {docs}"),
])
def test_source_file_stays_inside_the_documents_folder(tmp_path: Path, file_field: str, message: str) -> None:
    """Issue 13, D6: the validator read any file on the machine (and crashed on a binary one)."""
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "binary.bin").write_bytes(b"\x7fELF\xff\xfe\x00")
    seed = tmp_path / "s.yaml"
    seed.write_text(
        "source: src-p\n"
        "entities:\n"
        f"  - {{id: src-p, kind: Source, name: {{en: P}}, file: '{file_field}', lang: en}}\n"
        "  - {id: ua-p, kind: City, name: {en: P}, quote: 'root:x:0:0'}\n", encoding="utf-8")
    with pytest.raises(SeedError) as err:
        read_seeds(seed, documents_dir=docs)
    assert [(p.line, p.message) for p in err.value.problems] == [(3, message.format(docs=docs))]


def test_undeclared_own_source_names_the_fix(tmp_path: Path) -> None:
    """A file whose own `source:` is declared nowhere, validated alone: the hint was "allowed:" and an empty
    list. It now says how to declare the Source; a Source id of another kind says so; no hint is ever an empty
    list (entity ids are never listed as "allowed")."""
    seed = tmp_path / "s.yaml"
    seed.write_text("source: src-undeclared\n"
                    "entities:\n"
                    "  - {id: ua-a, kind: City, name: {en: A}, quote: 'x'}\n"
                    "  - {id: src-city, kind: City, name: {en: C}, source: src-city, quote: 'x'}\n"
                    "  - extends: zz-nothing\n"
                    "    quote: x\n"
                    "relations:\n"
                    "  - {type: COOPERATES_WITH, from: ua-a, to: qq-nothing, quote: 'x'}\n", encoding="utf-8")
    with pytest.raises(SeedError) as err:
        read_seeds(seed)
    by_line = {p.line: p for p in err.value.problems}
    own = by_line[3]
    assert own.message == "citation source 'src-undeclared' is not a Source"
    assert own.hint.startswith("define it: add `- {id: src-undeclared, kind: Source, name: {en: TITLE}, file: "
                               "DOCUMENT}` under `entities:` of this file")
    assert by_line[4].message == "citation source 'src-city' is a City, not a Source"
    assert by_line[4].hint == "cite the id of a Source"
    for p in err.value.problems:
        assert p.hint and not p.hint.rstrip().endswith(":") and "allowed: " not in p.hint, p


def test_undeclared_item_source_is_reported_at_its_source_line(tmp_path: Path) -> None:
    """The review's c12: an item's own `source:` that is not a Source was reported at its quote's line."""
    seed = tmp_path / "s.yaml"
    seed.write_text("source: src-d\n"
                    "entities:\n"
                    "  - {id: src-d, kind: Source, name: {en: D}}\n"
                    "  - id: ua-c12\n"
                    "    kind: City\n"
                    "    name: {en: C}\n"
                    "    source: src-nope-x\n"
                    "    quote: x\n", encoding="utf-8")
    with pytest.raises(SeedError) as err:
        read_seeds(seed)
    assert [(p.line, p.message) for p in err.value.problems] == [(7, "citation source 'src-nope-x' is not a Source")]
