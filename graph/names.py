"""Name resolution: find the one entity a user means by a name, in Ukrainian or English.

Every command that takes a name uses :class:`NameIndex`. Names, aliases and ids are compared by a key that
folds case, diacritics, apostrophes and punctuation, and transliterates Ukrainian Cyrillic to Latin by the
official KMU-2010 table — so ``Житомир``, ``zhytomyr`` and ``ZHYTOMYR`` are the same key, and ``Долина`` matches
``Dolyna``. Matching tries, in order: id, whole name, prefix, fuzzy; an ambiguous name raises with the candidates
instead of guessing, and an unknown one suggests the nearest names.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from graph.errors import NameResolutionError
from graph.stores.base import Store

# KMU-2010 (Resolution of the Cabinet of Ministers of Ukraine No. 55, 27 January 2010).
# Є, Ї, Й, Ю, Я are written Ye, Yi, Y, Yu, Ya at the start of a word and ie, i, i, iu, ia elsewhere;
# "зг" is "zgh"; the soft sign and the apostrophe are dropped.
_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh", "з": "z",
    "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "", "’": "", "ʼ": "",
    # Russian letters that appear in older spellings
    "ы": "y", "э": "e", "ё": "io", "ъ": "",
}
_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def transliterate(text: str) -> str:
    """Ukrainian Cyrillic to Latin by KMU-2010 (lower case); other characters are kept."""
    out: list[str] = []
    low = text.lower()
    for i, ch in enumerate(low):
        word_start = i == 0 or not (low[i - 1].isalpha() or low[i - 1] in "'’ʼ")  # Знам'янка: mid-word
        if ch == "г" and i > 0 and low[i - 1] == "з":
            out.append("gh")
        elif word_start and ch in _INITIAL:
            out.append(_INITIAL[ch])
        else:
            out.append(_TRANSLIT.get(ch, ch))
    return "".join(out)


def name_key(text: str) -> str:
    """The comparison key: transliterated, without diacritics, case, apostrophes or punctuation."""
    text = transliterate(text) if _CYRILLIC.search(text) else text.lower()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("đ", "d").replace("ß", "ss")
    text = re.sub(r"['’ʼ`]", "", text)
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


@dataclass(frozen=True)
class Candidate:
    id: str
    kind: str
    label: str

    def __str__(self) -> str:
        return f"{self.label} ({self.kind}, id {self.id})"


@dataclass
class NameIndex:
    """All resolvable names of a graph, keyed by :func:`name_key`."""

    entities: dict[str, Candidate] = field(default_factory=dict)
    keys: dict[str, set[str]] = field(default_factory=dict)  # key -> entity ids

    def add(self, ident: str, kind: str, names: Iterable[str | None]) -> None:
        given = [n for n in names if n]
        self.entities[ident] = Candidate(ident, kind, given[0] if given else ident)
        for n in [ident, *given]:
            key = name_key(n)
            if key:
                self.keys.setdefault(key, set()).add(ident)

    @classmethod
    def from_store(cls, store: Store) -> NameIndex:
        from graph.cypher import statement

        index = cls()
        for ident, kind, name_en, name_uk, aliases in store.query(statement("name_index")).rows:
            index.add(ident, kind, [name_en, name_uk, *(aliases or [])])
        return index

    def candidates(self, text: str) -> list[Candidate]:
        """The best-matching entities for ``text`` (several when it is ambiguous, none when unknown)."""
        if text in self.entities:
            return [self.entities[text]]
        key = name_key(text)
        if not key:
            return []
        tiers: list[set[str]] = [
            self.keys.get(key, set()),
            {i for k, ids in self.keys.items() if k.startswith(key) for i in ids},
            {i for k in difflib.get_close_matches(key, list(self.keys), n=5, cutoff=0.85) for i in self.keys[k]},
        ]
        for ids in tiers:
            if ids:
                return sorted((self.entities[i] for i in ids), key=lambda c: (c.label, c.id))
        return []

    def resolve(self, text: str) -> str:
        """The id of the one entity ``text`` names; raises :class:`NameResolutionError` otherwise."""
        found = self.candidates(text)
        if len(found) == 1:
            return found[0].id
        if found:
            listed = "; ".join(str(c) for c in found[:10])
            raise NameResolutionError(f"{text!r} is ambiguous: {listed} — use the id or a fuller name",
                                      [c.id for c in found])
        near = difflib.get_close_matches(name_key(text), list(self.keys), n=3, cutoff=0.5)
        ids = sorted({i for k in near for i in self.keys[k]})[:5]
        hint = ("did you mean " + "; ".join(str(self.entities[i]) for i in ids) + "?") if ids else \
            "`partners stats` shows what is loaded; load seeds with `partners load`"
        raise NameResolutionError(f"no entity named {text!r} — {hint}", ids)
