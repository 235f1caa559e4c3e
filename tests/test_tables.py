"""Terminal tables: the fast drawing is character for character what rich lays out, and rich takes the rest."""

from __future__ import annotations

import random

import pytest
from rich.cells import cell_len

from terminal import tables
from terminal.tables import _drawn, _rich_table, table

PRINTABLE = ["a", "b", "c", " ", "  ", "x", "É", "é", "ї", "Київ", "Šiauliai", "—", "中", "文字", "🙂", "ﾊ", "e\u0301",
             "[bold]", "[/x]", "1", "-"]
AWKWARD = ["\t", "\n", "\u00a0", "\u200b", "\r"]  # rich handles these: the fast drawing leaves them to it


def _text(rng: random.Random, awkward: bool) -> str:
    pool = PRINTABLE + AWKWARD if awkward else PRINTABLE
    return "".join(rng.choice(pool) for _ in range(rng.choice([0, 3, 10, 30])))


@pytest.mark.parametrize("seed", range(4))
def test_the_fast_drawing_matches_rich(seed: int) -> None:
    rng = random.Random(seed)
    drawn = narrowed = 0
    for _ in range(800):
        awkward = rng.random() < 0.2
        n_cols, n_rows = rng.randint(0, 5), rng.randint(0, 6)
        columns = [_text(rng, awkward) for _ in range(n_cols)]
        rows = [[_text(rng, awkward) for _ in range(n_cols)] for _ in range(n_rows)]
        title = rng.choice([None, "", _text(rng, awkward), " ".join(_text(rng, awkward) for _ in range(6))])
        footer = rng.choice([None, f"{n_rows} rows", _text(rng, awkward) + "\n"])
        width = rng.randint(5, 120)
        fast = _drawn(columns, rows, width, cell_len)
        drawn += fast is not None
        natural = sum(max(cell_len(v) for v in col) + 3 for col in zip(columns, *rows, strict=True)) + 1
        narrowed += fast is not None and len(fast[0]) < natural
        assert table(columns, rows, title, width, footer) == _rich_table(columns, rows, title, width, footer), \
            (columns, rows, title, width, footer)
    assert drawn > 250 and narrowed > 50  # the fast path, and its narrowed columns, are both compared


def test_a_table_wider_than_the_terminal_is_folded_to_fit() -> None:
    columns, rows = ["name", "note"], [["Zhytomyr", "x" * 100 + " Житомирська міська територіальна громада"]]
    folded = table(columns, rows, width=60)
    assert folded == _rich_table(columns, rows, None, 60, None)
    assert {cell_len(line) for line in folded.splitlines()} == {60}
    assert "".join(line.split("│")[2].strip() for line in folded.splitlines()[3:-1]).startswith("x" * 100)


def test_line_breaks_and_tabs_are_left_to_rich() -> None:
    for awkward in ("two\nlines", "a\tb"):
        assert _drawn(["a"], [[awkward]], 80, cell_len) is None
        assert table(["a"], [[awkward]], width=80) == _rich_table(["a"], [[awkward]], None, 80, None)


def test_wide_characters_are_measured_by_cells() -> None:
    lines = table(["місто", "city"], [["中文", "Київ"]], width=40).splitlines()
    assert len({cell_len(line) for line in lines}) == 1  # every line as wide as the frame
    assert lines[3] == "│ 中文  │ Київ │"


def test_the_fast_drawing_does_not_load_rich_layout(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> str:
        raise AssertionError("rich laid out a table that fits")

    monkeypatch.setattr(tables, "_rich_table", refuse)
    assert table(["a"], [["b"]], title="T", width=40, footer="1 row").splitlines()[0] == "T    "
