"""Footnotes: every claim in a report points to the document that states it and the quote it rests on.

Nodes and relations in the graph carry ``source_ids`` and ``quotes`` as two parallel lists (see
``graph/model.py``). :func:`citations_of` reads them back as :class:`~graph.model.Citation` s, and
:class:`Footnotes` numbers each distinct (source, quote) pair once, in the order they are first cited, so the
same quote cited by several rows has one number.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from graph.model import Citation, paired_citations
from graph.vocabulary import display_name


def citations_of(*attrs: Mapping[str, Any]) -> list[Citation]:
    """The citations recorded on nodes or relations (their ``source_ids`` with the matching ``quotes``).

    >>> citations_of({"source_ids": ["src-a", "src-b"], "quotes": ["one", "two"]}, {})
    [Citation(source='src-a', quote='one'), Citation(source='src-b', quote='two')]
    """
    return [c for a in attrs for c in paired_citations(a.get("source_ids"), a.get("quotes"))]


@dataclass(frozen=True)
class Footnote:
    number: int
    source: str  # the Source entity's id (src-…)
    quote: str
    title: str  # the Source's title (English, else Ukrainian); the id when the Source is unknown
    file: str
    publisher: str
    known: bool  # False when no Source entity with this id is in the graph
    published: str = ""  # the document's date, as the Source states it
    title_uk: str = ""  # the Ukrainian title, when the Source has one


class Footnotes:
    """Numbered footnotes of one report, built up as the report cites.

    ``sources`` maps Source ids to their properties (``name_en``, ``name_uk``, ``file``, ``publisher``).

    >>> notes = Footnotes({"src-a": {"name_en": "Annual report", "file": "a.txt"}})
    >>> notes.cite([Citation("src-a", "signed in 2022"), Citation("src-a", "signed in 2022")])
    (1,)
    >>> notes.cite([Citation("src-a", "renewed in 2024")]), len(notes)
    ((2,), 2)
    >>> notes[2].title, notes[2].file, notes[2].quote
    ('Annual report', 'a.txt', 'renewed in 2024')
    """

    def __init__(self, sources: Mapping[str, Mapping[str, Any]], by_source: bool = False):
        self._sources = sources
        self.by_source = by_source  # one note per document, without quotes (the brief)
        self._numbers: dict[Citation, int] = {}
        self._notes: list[Footnote] = []

    def cite(self, citations: Iterable[Citation]) -> tuple[int, ...]:
        """The footnote numbers of ``citations`` (new ones are added), sorted, without repeats."""
        numbers: set[int] = set()
        for c in citations:
            if self.by_source:
                c = Citation(c.source, "")
            if c not in self._numbers:
                s = self._sources.get(c.source) or {}
                n = len(self._notes) + 1
                self._numbers[c] = n
                self._notes.append(Footnote(
                    n, c.source, c.quote, display_name(s, c.source),
                    str(s.get("file") or ""), str(s.get("publisher") or ""), bool(s),
                    str(s.get("published") or ""), str(s.get("name_uk") or "")))
            numbers.add(self._numbers[c])
        return tuple(sorted(numbers))

    def __getitem__(self, number: int) -> Footnote:
        return self._notes[number - 1]

    def __iter__(self) -> Iterator[Footnote]:
        return iter(self._notes)

    def __len__(self) -> int:
        return len(self._notes)


def compress(numbers: Iterable[int]) -> list[tuple[int, int]]:
    """Footnote numbers as runs (first, last), so [1, 2, 3, 4, 7] reads "1–4, 7".

    >>> compress([7, 1, 2, 3, 4, 9, 10])
    [(1, 4), (7, 7), (9, 10)]
    """
    runs: list[tuple[int, int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs


def reference_marks(notes: Iterable[int], mark: Callable[[int], str], dash: str = "–") -> list[str]:
    """One mark per footnote, runs of three or more shortened to "first–last" (the format decides the mark).

    >>> reference_marks([1, 2, 3, 4, 7, 8], lambda n: f"[{n}]")
    ['[1]–[4]', '[7]', '[8]']
    """
    out: list[str] = []
    for first, last in compress(notes):
        if last - first >= 2:
            out.append(f"{mark(first)}{dash}{mark(last)}")
        else:
            out.extend(mark(n) for n in range(first, last + 1))
    return out
