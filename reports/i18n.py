"""The words of a report in Ukrainian or English: gettext catalogues, Babel dates, pycountry country names.

Report text is written in English in the code and templates (``_("Partners")``); translations live in one
catalogue per language, ``reports/locale/<lang>/LC_MESSAGES/partners.po`` (compiled to ``.mo`` beside it, which
is what ships). Country names come from pycountry's ISO 3166 translation catalogues, dates from Babel's CLDR data
("15 травня 2025 р.", "May 15, 2025"), so neither is typed by hand here.

Refresh the catalogues after changing report text (see ``reports/babel.cfg``)::

    pybabel extract -F reports/babel.cfg -o reports/locale/partners.pot reports
    pybabel update -i reports/locale/partners.pot -d reports/locale -D partners
    pybabel compile -d reports/locale -D partners
"""

from __future__ import annotations

import gettext
import locale
import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from graph.errors import BadInputError

LANGS = ("uk", "en")
DEFAULT_LANG = "uk"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
DOMAIN = "partners"


BRACKETED_UKRAINIAN_KINDS = frozenset({"City", "Community", "Region"})  # named in Ukrainian in an English report


UKRAINIAN_ALPHABET = "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя"


def sort_key(text: str) -> tuple[int, ...]:
    """A key that sorts names as a reader expects: Cyrillic in the order of the Ukrainian alphabet (Unicode puts
    і, ї, є and ґ after я), before Latin and everything else, case ignored.

    >>> sorted(["Львівська", "Івано-Франківська", "Житомирська", "Київська"], key=sort_key)
    ['Житомирська', 'Івано-Франківська', 'Київська', 'Львівська']
    """
    return tuple(UKRAINIAN_ALPHABET.index(c) if c in UKRAINIAN_ALPHABET else 100 + ord(c) for c in text.lower())


def _script(text: str) -> str:
    """"cyrillic" when ``text`` has a Cyrillic letter, else "latin" (what the bracket rule compares)."""
    return "cyrillic" if any("\u0400" <= c <= "\u04ff" for c in text) else "latin"


def default_lang(env: dict[str, str] | None = None) -> str:
    """``PARTNERS_LANG`` if set, else the language of the user's locale when it is one we have, else Ukrainian."""
    env = dict(os.environ) if env is None else env
    given = env.get("PARTNERS_LANG", "").strip().lower()
    if given:
        return check_lang(given)
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            code = value.split(".")[0].split("_")[0].lower()
            return code if code in LANGS else DEFAULT_LANG
    try:
        code = (locale.getlocale()[0] or "").split("_")[0].lower()
    except ValueError:
        code = ""
    return code if code in LANGS else DEFAULT_LANG


def check_lang(lang: str) -> str:
    if lang not in LANGS:
        raise BadInputError(f"unknown language {lang!r} — choose one of {', '.join(LANGS)} (or set PARTNERS_LANG)")
    return lang


@cache
def _catalogue(lang: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=lang == "en")


@cache
def _countries(lang: str) -> gettext.NullTranslations:
    import pycountry

    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang], fallback=True)


@dataclass(frozen=True)
class Lang:
    """One language's words: ``_`` and ``ngettext`` (gettext), dates, countries and entity names."""

    code: str = DEFAULT_LANG
    _t: Any = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        check_lang(self.code)
        object.__setattr__(self, "_t", _catalogue(self.code))

    def _(self, message: str, **values: Any) -> str:
        text = self._t.gettext(message)
        return text.format(**values) if values else text

    def ngettext(self, singular: str, plural: str, n: int, **values: Any) -> str:
        return self._t.ngettext(singular, plural, n).format(n=n, **values)

    def date(self, value: Any) -> str:
        """A date as the sources give it (2022, 2022-07, 2022-07-12), written out in this language.

        CLDR puts a narrow no-break space before "р." (so the year never parts from it at a line end):

        >>> Lang("uk").date("2025-05-15").replace("\u202f", " "), Lang("en").date("2025-05-15")
        ('15 травня 2025 р.', 'May 15, 2025')
        >>> Lang("uk").date("2022-07").replace("\u202f", " "), Lang("uk").date("2008"), Lang("en").date("2022-07")
        ('липень 2022 р.', '2008', 'July 2022')
        """
        import datetime

        from babel.dates import format_date, format_skeleton

        text = "" if value is None else str(value)
        from graph.vocabulary import parse_partial_date

        parts = parse_partial_date(text)
        if parts is None:
            return text
        year, month, day = parts
        if month and day:
            return str(format_date(datetime.date(year, month, day), "long", locale=self.code))
        if month:
            return str(format_skeleton("yMMMM", datetime.date(year, month, 1), locale=self.code))
        return str(year)

    def number(self, value: float) -> str:
        """A number with this language's grouping: 47 000 000 (uk), 47,000,000 (en)."""
        from babel.numbers import format_decimal

        return str(format_decimal(value, locale=self.code))

    def unit(self, unit: str) -> str:
        """A unit as this language writes it: a currency by its CLDR symbol in Ukrainian (UAH → ₴), else as is."""
        from babel.numbers import get_currency_symbol

        if self.code != "en" and re.fullmatch(r"[A-Z]{3}", unit):
            return str(get_currency_symbol(unit, locale=self.code))
        return unit

    def country(self, code: str | None, fallback: str = "") -> str:
        """The name of the country with ISO 3166-1 alpha-2 ``code`` in this language (pycountry's catalogues)."""
        import pycountry

        c = pycountry.countries.get(alpha_2=(code or "").upper()) if code else None
        if c is None:
            return fallback or (code or "")
        name = getattr(c, "common_name", None) or c.name
        if self.code == "en":
            return str(name)
        translated = _countries(self.code).gettext(c.name)
        if getattr(c, "common_name", None) and _countries(self.code).gettext(c.common_name) != c.common_name:
            translated = _countries(self.code).gettext(c.common_name)
        return translated

    def name(self, attrs: dict[str, Any], fallback: str = "") -> str:
        """An entity's name in this language: the Ukrainian name in uk, the English one in en, else the other."""
        from graph.vocabulary import display_name

        return display_name(attrs, fallback, self.code)

    def listed_name(self, attrs: dict[str, Any], in_ukraine: bool | None, fallback: str = "") -> str:
        """The name a report lists an entity by: its name in this language, and the other language's name in
        brackets where it helps the reader find or write to it — the one rule every report and format uses.

        - Ukrainian report: a foreign place or organisation (``in_ukraine`` False) gets its own English or
          original name when that is in another script, so the Ukrainian reader can write to it: "Ополе (Opole)".
        - English report: a Ukrainian city, community or region (``in_ukraine`` True) gets its Ukrainian name,
          which is how Ukrainian documents and registers name it: "Dolyna (Долина)".
        - Nothing else is bracketed: not countries (their names are standard), not a name whose other form is in
          the same script ("Construção Pública", "Kassel" in English), not where the entity's side is unknown.

        >>> Lang("uk").listed_name({"kind": "City", "name_uk": "Ополе", "name_en": "Opole"}, in_ukraine=False)
        'Ополе (Opole)'
        >>> Lang("en").listed_name({"kind": "Community", "name_uk": "Долина", "name_en": "Dolyna"}, in_ukraine=True)
        'Dolyna (Долина)'
        >>> Lang("en").listed_name({"kind": "City", "name_uk": "Ополе", "name_en": "Opole"}, in_ukraine=False)
        'Opole'
        >>> Lang("uk").listed_name({"kind": "City", "name_uk": "Житомир", "name_en": "Zhytomyr"}, in_ukraine=True)
        'Житомир'
        >>> Lang("en").listed_name({"kind": "Organisation", "name_uk": "Інша Жінка", "name_en": "Insha Zhinka"},
        ...                        in_ukraine=True)
        'Insha Zhinka'
        """
        name = self.name(attrs, fallback)
        kind = attrs.get("kind")
        if kind == "Country" or in_ukraine is None:
            return name
        wanted = (not in_ukraine) if self.code == "uk" else (in_ukraine and kind in BRACKETED_UKRAINIAN_KINDS)
        other = self.other_name(attrs) if wanted else ""
        return f"{name} ({other})" if other and _script(other) != _script(name) else name

    def other_name(self, attrs: dict[str, Any]) -> str:
        """The entity's name in the other language, when it differs (shown in brackets where it helps)."""
        from graph.vocabulary import vocabulary

        first, *rest = vocabulary().caption_fields(self.code)
        second = next((f for f in rest if attrs.get(f)), rest[0])
        if attrs.get(first) and attrs.get(second) and attrs[first] != attrs[second]:
            return str(attrs[second])
        return ""
