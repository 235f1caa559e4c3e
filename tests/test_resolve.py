"""The name resolver (graph/names.py): exonyms from GeoNames, "did you mean" instead of a silent pick, a place
whose namesakes hold its partnerships, and the name table kept between commands until the next load.

Store cases run on both stores (``loaded_store``); CLI cases on the embedded store."""

from __future__ import annotations

import subprocess
import sys
from contextlib import nullcontext
from pathlib import Path

import pytest

from graph.errors import NameResolutionError
from graph.names import EXONYMS_FILE, NameIndex, cache_path, load_stamp, names_of, read_exonyms
from graph.stores.base import Store

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(("text", "expected"), [
    ("Lwów", "ua-lviv"), ("Lwow", "ua-lviv"), ("Lemberg", "ua-lviv"), ("Львов", "ua-lviv"), ("Leopolis", "ua-lviv"),
    ("Kiew", "ua-kyiv"), ("Kijów", "ua-kyiv"), ("Kiev", "ua-kyiv"), ("Киев", "ua-kyiv"),
    ("Żytomierz", "ua-zhytomyr"), ("Zytomierz", "ua-zhytomyr"), ("Schytomyr", "ua-zhytomyr"),
    ("Zhitomir", "ua-zhytomyr"), ("Jitomir", "ua-zhytomyr"),
])
def test_exonyms_resolve_to_the_place(loaded_store: Store, text: str, expected: str) -> None:
    assert names_of(loaded_store).resolve(text) == expected


def test_exonyms_go_to_the_city_not_its_hromada_as_well() -> None:
    """With the reference layer a city's hromada carries the centre's GeoNames id: the exonym names the city."""
    index = NameIndex.from_rows([
        ("ua-lviv", "City", "Lviv", "Львів", [], None),
        ("ua-lvivska-hromada", "Community", "Lvivska hromada", None, [], 702550),
        ("ua-kharkivska-hromada", "Community", "Kharkivska hromada", None, [], 706483),  # no Kharkiv City
        ("pl-lwowek-county", "Region", "Lwówek County", None, [], None),
    ])
    assert index.resolve("Lemberg") == index.resolve("Lwów") == "ua-lviv"
    assert index.resolve("Charków") == index.resolve("Charkow") == index.resolve("Kharkov") == "ua-kharkivska-hromada"
    assert index.resolve("Lwówek County") == "pl-lwowek-county"


@pytest.mark.parametrize(("text", "offered"), [
    ("Lwówek", {"ua-lviv"}),                      # a prefix of nothing, close to Lwów: offered, not picked
    ("Poltava Obl", {"ua-poltava-oblast", "org-poltava-oblast-council"}),   # a prefix: offered
    ("Kasel", {"de-kassel"}), ("Dortmnud", {"de-dortmund"}),               # typos: offered
    ("Житомира", {"ua-zhytomyr"}),
])
def test_prefix_and_fuzzy_matches_are_offered_never_picked(loaded_store: Store, text: str, offered: set[str]) -> None:
    with pytest.raises(NameResolutionError, match=f"no entity named '{text}' — did you mean one of these") as e:
        names_of(loaded_store).resolve(text)
    assert offered <= set(e.value.candidates)
    assert len(e.value.details) == len(e.value.candidates)  # one line per candidate


def test_a_place_without_ties_offers_the_namesakes_that_hold_them(loaded_store: Store) -> None:
    names = names_of(loaded_store)
    with pytest.raises(NameResolutionError, match="'Poltava' is Poltava \\(City, id ua-poltava\\), which has no "
                                                  "partnership ties") as e:
        names.resolve("Poltava")
    assert e.value.candidates[0] == "ua-poltava"
    assert {"org-poltava-oblast-council", "ua-poltava-oblast"} <= set(e.value.candidates)
    assert any("Poltava Oblast Council (Organisation, id org-poltava-oblast-council) — " in d for d in e.value.details)
    with pytest.raises(NameResolutionError) as polish:  # the same by its Polish name
        names.resolve("Połtawa")
    assert polish.value.candidates == e.value.candidates
    assert names.resolve("ua-poltava") == "ua-poltava"  # the id is what the user asked for
    assert names.resolve("Poltava Oblast Council") == "org-poltava-oblast-council"
    assert names.resolve("Zhytomyr") == "ua-zhytomyr"  # a place with ties resolves, namesakes or not


def test_unknown_names_still_say_what_to_do(loaded_store: Store) -> None:
    with pytest.raises(NameResolutionError, match="no entity named 'Qqqqqqq' — `partners stats`"):
        names_of(loaded_store).resolve("Qqqqqqq")


def test_the_name_table_is_kept_until_the_next_load(loaded_store: Store, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    from graph.model import GraphData, Node
    from graph.writer import write_graph

    names = names_of(loaded_store)
    assert names.resolve("ua-zhytomyr") == "ua-zhytomyr" and names._table is None  # an id needs no table
    assert names.resolve("Zhytomyr") == "ua-zhytomyr"
    path = cache_path(loaded_store)
    built = path.stat().st_mtime_ns
    assert names_of(loaded_store).resolve("Dolyna") == "ua-dolyna"
    assert path.stat().st_mtime_ns == built  # the next command reads it, does not rebuild it
    stamp = load_stamp(loaded_store)
    write_graph(loaded_store, GraphData(nodes={"ua-new-town": Node("ua-new-town", "City", {"name_en": "New Town"})}))
    assert load_stamp(loaded_store) != stamp
    assert names_of(loaded_store).resolve("New Town") == "ua-new-town"  # the load made the table stale


def test_cli_lists_candidates_one_per_line(run) -> None:  # type: ignore[no-untyped-def]
    assert run("load").exit_code == 0
    result = run("show", "Poltava")
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert lines[0].startswith("Error: 'Poltava' is Poltava (City, id ua-poltava), which has no partnership ties")
    assert "  Poltava Oblast Council (Organisation, id org-poltava-oblast-council) — " in result.output
    assert all(line.startswith("  ") for line in lines[1:]) and len(lines) >= 3
    report = run("report", "Poltava")
    assert report.exit_code == 2 and "org-poltava-oblast-council" in report.output
    assert run("show", "Lwów").output.startswith("Lviv — Львів")
    partners = run("query", "partners-of", "-p", "name=Żytomierz")
    assert partners.exit_code == 0 and "Kassel" in partners.output


def test_exonym_file_is_current() -> None:
    done = subprocess.run([sys.executable, "tools/geonames_exonyms.py", "--check"], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    places = read_exonyms(EXONYMS_FILE)
    assert len(places) > 900
    lviv = next(alts for gid, name, alts in places if gid == 702550)
    assert {"Lemberg", "Lwow"} <= set(lviv) or {"Lemberg", "Lwów"} <= set(lviv)


def test_a_report_resolves_from_the_graph_it_read_as_the_store_does(loaded_store: Store) -> None:
    """reports.read.name_index builds from the graph read once what the store's name table holds."""
    from reports.read import name_index, read_graph

    from_graph, from_store = name_index(read_graph(loaded_store)), names_of(loaded_store)
    for ident in ("ua-poltava", "ua-poltava-oblast", "org-poltava-oblast-council", "ua-zhytomyr", "de-kassel"):
        assert from_graph.entity(ident) == from_store.table().entity(ident), ident
    for text in ("Poltava", "Lwów", "Kasel"):
        with pytest.raises(NameResolutionError) if text != "Lwów" else nullcontext():
            assert from_graph.resolve(text) == from_store.resolve(text)


def test_a_load_builds_the_name_table(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """`partners load` builds the name table of the new load, so the first name after it reads the kept table
    (the table's stamp is the store's); the next load replaces it."""
    from graph.names import TableNames

    assert run("load").exit_code == 0
    path = tmp_path / "home" / "names.sqlite"
    first = TableNames(path).stamp()
    assert first is not None
    built = path.stat().st_mtime_ns
    assert run("show", "Dolyna").exit_code == 0
    assert path.stat().st_mtime_ns == built  # read, not rebuilt
    assert run("load").exit_code == 0
    assert TableNames(path).stamp() not in (None, first)
