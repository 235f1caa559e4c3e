"""One vocabulary (issue 12, item 2) and one presentation layer (item 5): declared once, used everywhere."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.vocabulary import UNFILLED, date_of, display_name, expand_cypher, is_pending, vocabulary
from queries.library import QUERIES_DIR, load_library

ROOT = Path(__file__).resolve().parent.parent
CODE = [p for d in ("graph", "loaders", "queries", "analysis", "viz", "reports", "terminal")
        for p in (ROOT / d).rglob("*.py")] + [ROOT / "cli.py"]
CYPHER = sorted(QUERIES_DIR.rglob("*.cypher"))


def _hits(pattern: str, files: list[Path]) -> list[str]:
    rx = re.compile(pattern)
    return [f"{p.relative_to(ROOT)}:{n}" for p in files
            for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
            if rx.search(line) and not line.lstrip().startswith(("#", "//", ">>>", "..."))]


def test_no_cypher_file_retypes_the_caption_the_date_or_a_relation_list() -> None:
    assert _hits(r"coalesce\(\w+\.name_(en|uk), \w+\.name_(en|uk)", CYPHER) == []
    assert _hits(r"coalesce\(\w+\.(signed|renewed|expected|since), ", CYPHER) == []
    assert _hits(r"PARTY_TO\|COOPERATES_WITH\|PARTICIPATES_IN", CYPHER) == []


def _value_list_copies(files: list[Path]) -> list[str]:
    """Lines that write out a declared value list (vocabulary.value_lists) instead of naming it: two or more of its
    values quoted side by side, in any order (``['oblast', 'republic']``, ``("republic", "oblast")``)."""
    hits = []
    for values in vocabulary().value_lists.values():
        one = "|".join(re.escape(v) for v in values)
        hits += _hits(rf"""["']({one})["']\s*,\s*["']({one})["']""", files)
    return hits


def test_no_file_retypes_a_value_list_or_the_acts_for_rule() -> None:
    assert vocabulary().values("oblast_region_types") == ("oblast", "republic")
    assert _value_list_copies(CYPHER + [p for p in CODE if p.name != "vocabulary.py"]) == []  # (its doctests)
    # the acts-for relations and kinds come only from __ACTS_FOR__, __PLACE_KINDS__, __BODY_KINDS__
    assert _hits(r"GOVERNS\|PART_OF|PART_OF\|GOVERNS", CYPHER) == []
    assert _hits(r"n\.kind IN \['Organisation'\]", CYPHER) == []


def test_a_retyped_value_list_is_caught(tmp_path: Path) -> None:
    """The check above is live: a copy of the oblast-level region types in a query or a module fails it."""
    cypher = tmp_path / "copy.cypher"
    cypher.write_text("MATCH (o:Entity) WHERE o.region_type IN ['oblast', 'republic'] RETURN o\n", encoding="utf-8")
    module = tmp_path / "copy.py"
    module.write_text('TYPES = ("republic", "oblast")\n', encoding="utf-8")
    named = tmp_path / "named.cypher"
    named.write_text("MATCH (o:Entity) WHERE o.region_type IN __LIST(oblast_region_types)__ RETURN o\n",
                     encoding="utf-8")
    global ROOT
    root, ROOT = ROOT, tmp_path
    try:
        assert _value_list_copies([cypher, module]) == ["copy.cypher:1", "copy.py:1"]
        assert _value_list_copies([named]) == []
    finally:
        ROOT = root


def test_no_python_module_retypes_the_caption_the_kinds_or_the_pending_statuses() -> None:
    assert _hits(r"""get\(["']name_en["']\) or \w*\.?get\(["']name_uk["']\)""", CODE) == []
    assert _hits(r"""get\(["']name_uk["']\) or \w*\.?get\(["']name_en["']\)""", CODE) == []
    assert _hits(r"""\{"City", "Community", "Region", "Organisation", "Country"\}""", CODE) == []
    assert _hits(r"""\{"planned", "negotiating"(, "application")?\}""", CODE) == []
    assert _hits(r"""\("signed", "renewed", """, CODE) == []
    assert _hits(r"""re\.compile\(r"\^\(?\\d\{4\}""", [p for p in CODE if p.name != "vocabulary.py"]) == []


def test_no_page_script_retypes_the_caption_or_the_pending_statuses() -> None:
    scripts = sorted((ROOT / "viz" / "assets").glob("*.js"))
    mine = [p for p in scripts if not p.name.startswith("vis-")]
    assert mine
    assert _hits(r"name_(uk|en) \|\| \w*\.?name_(uk|en)", mine) == []
    assert _hits(r"""=== ["']planned["']""", mine) == []
    assert _hits(r'\["signed", "active", "planned"', mine) == []


def test_every_placeholder_in_the_query_files_is_filled() -> None:
    call_time = {"__LABEL__", "__TYPE__", "__DEPTH__"}  # graph/cypher.py for_label/for_type, analysis/select.py
    for path in CYPHER:
        left = set(UNFILLED.findall(expand_cypher(path.read_text(encoding="utf-8"))))
        assert left <= (call_time if path.parent.name == "write" else set()), path
    # the named queries are read through the same one filler
    assert all(not UNFILLED.search(q.text) for q in load_library().values())


def test_an_unknown_placeholder_is_refused_naming_file_and_line(tmp_path: Path) -> None:
    from graph.errors import QueryError
    from queries.library import parse_query_file

    path = tmp_path / "bad.cypher"
    path.write_text("// name: bad\n// description: x\nMATCH (o:Entity)\nWHERE o.kind IN __PLACE_KIND__\nRETURN o\n",
                    encoding="utf-8")
    with pytest.raises(QueryError, match=r"bad\.cypher:4: unknown placeholder '__PLACE_KIND__'"):
        parse_query_file(path)
    path.write_text("// name: bad\n// description: x\nRETURN __LIST(oblast_types)__\n", encoding="utf-8")
    from graph.errors import SchemaError

    with pytest.raises(SchemaError, match="no value list 'oblast_types'"):
        parse_query_file(path)


def test_the_rules_come_from_the_schema() -> None:
    v = vocabulary()
    assert v.caption == ("name_en", "name_uk")
    assert display_name({"name_uk": "Долина", "name_en": "Dolyna"}, lang="uk") == "Долина"
    assert date_of({"renewed": "2024", "signed": "2008"}) == "2008"
    assert is_pending({"status": "negotiating"}) and not is_pending({"status": "signed"})
    assert {"partnership", "connection", "focus", "group"} <= set(v.relation_sets)
    from viz.network import KIND_STYLE, NOT_YET

    assert KIND_STYLE["City"] == (v.style("City").colour, v.style("City").shape)
    assert NOT_YET == v.pending_statuses


def test_a_bad_vocabulary_is_refused_naming_the_entry(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import graph.vocabulary as vocab
    from graph.errors import SchemaError

    text = (ROOT / "graph" / "schema.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "schema.yaml"
    bad.write_text(text.replace("pending_statuses: [planned, negotiating]", "pending_statuses: [planned, pending]"),
                   encoding="utf-8")
    monkeypatch.setattr(vocab, "SCHEMA_PATH", bad)
    vocab.vocabulary.cache_clear()
    try:
        with pytest.raises(SchemaError, match=r"vocabulary\.pending_statuses: unknown 'pending'"):
            vocab.vocabulary()
    finally:
        vocab.vocabulary.cache_clear()


def test_named_queries_declare_only_columns_they_return(loaded_store) -> None:  # type: ignore[no-untyped-def]
    from queries.library import run_named

    value = {"entity": "ua-dolyna", "date": "2020", "int": "5", "string": "Dolyna"}
    for q in load_library().values():
        result = run_named(loaded_store, q.name, {p.name: value[p.type] for p in q.params if p.required},
                           resolve=lambda name: name)
        assert set(q.id_columns) | set(q.source_columns) <= set(result.columns), q.name


def _ok(result) -> str:  # type: ignore[no-untyped-def]
    assert result.exit_code == 0, result.output
    return str(result.output)


def test_tables_put_names_first_hide_ids_and_fit_the_terminal(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    _ok(run("load"))
    monkeypatch.setenv("COLUMNS", "90")
    out = _ok(run("query", "partners-of", "-p", "name=Dolyna"))
    header = next(line for line in out.splitlines() if "name" in line)
    assert header.split("┃")[1].strip() == "name"
    assert "ua-" not in out and "agr-" not in out and "src-" not in out  # no ids unless --ids
    assert max(len(line) for line in out.splitlines()) <= 90
    notes = " ".join(out.split("row", 1)[1].split())  # the numbered sources under the table, unwrapped
    assert re.search(r"\[1\] Звіт про стан справ .+ — Долинська міська рада", notes)  # by title and publisher
    monkeypatch.setenv("COLUMNS", "220")
    with_ids = _ok(run("query", "partners-of", "-p", "name=Dolyna", "--ids"))
    assert "dk-guldborgsund" in with_ids
    assert with_ids.splitlines()[1].split("┃")[1].strip() == "name"  # names still first
    csv_out = _ok(run("query", "partners-of", "-p", "name=Dolyna", "--format", "csv"))
    assert csv_out.splitlines()[0].startswith("partner,name,")  # pipes keep every column


def test_show_numbers_sources_once_and_hides_the_id(run, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    _ok(run("load"))
    monkeypatch.setenv("COLUMNS", "120")
    out = _ok(run("show", "Dolyna"))
    assert "id: ua-dolyna" not in out and "[1]" in out
    sources = out.split("\nSources\n", 1)[1].splitlines()
    assert sources and all(re.match(r"^\[\d+\] ", line) for line in sources)
    assert "id: ua-dolyna" in _ok(run("show", "Dolyna", "--ids"))
