"""The domain rules every reader shares — display name, date of a tie, partial dates, kinds, statuses, styles.

They are data in ``graph/schema.yaml`` (section ``vocabulary``), checked against the schema when first read,
and used from here by Python, by the Cypher files (through placeholders that :func:`expand_cypher` fills from
the same data, so no query re-types a rule) and by the page scripts (:func:`for_page`).

>>> display_name({"name_en": "Dolyna", "name_uk": "Долина"}), display_name({"name_uk": "Долина"}, "x")
('Dolyna', 'Долина')
>>> display_name({"name_en": "Dolyna", "name_uk": "Долина"}, lang="uk"), display_name({}, "ua-dolyna")
('Долина', 'ua-dolyna')
>>> date_of({"status": "signed", "signed": "2022-07-12", "renewed": "2024"}), date_of({"since": "2021"})
('2022-07-12', '2021')
>>> parse_partial_date("2022-07"), parse_partial_date("2022-13"), parse_partial_date("22 July")
((2022, 7, None), None, None)
>>> year_of("2022-07-12"), year_of(None), is_pending({"status": "planned"})
(2022, None, True)
>>> expand_cypher("RETURN __CAPTION(p)__ AS name, __CAPTION(s:uk)__ AS title")
'RETURN coalesce(p.name_en, p.name_uk, p.id) AS name, coalesce(s.name_uk, s.name_en, s.id) AS title'
>>> expand_cypher("RETURN __DATE(a)__")
'RETURN coalesce(a.signed, a.renewed, a.expected, a.since, a.date, a.start, a.period)'
>>> expand_cypher("MATCH (x)-[:__RELS(partnership)__]-(y)")
'MATCH (x)-[:PARTY_TO|COOPERATES_WITH]-(y)'
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from graph.errors import SchemaError
from graph.schema import SCHEMA_PATH, FieldSpec, load_schema, safe_load

# A date as the sources state it, at their precision: YYYY, YYYY-MM or YYYY-MM-DD (never padded).
PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_YEAR = re.compile(r"^\s*(\d{4})")
_PLACEHOLDER = re.compile(r"__(CAPTION|DATE|LATEST|RELS|LIST)\(([A-Za-z_][A-Za-z0-9_]*)(?::([a-z]{2}))?\)__")
# the acts-for placeholders (graph/schema.yaml `acts_for`), longest first so __ACTS_FOR__ does not eat a prefix
_ACTS_FOR = re.compile(r"__(ACTS_FOR_DEPTH|ACTS_FOR|PLACE_KINDS|BODY_KINDS)__")
# any placeholder left in a text after filling (a named query may keep none; a write statement only the call-time
# __LABEL__, __TYPE__, __DEPTH__ of graph/cypher.py and analysis/select.py)
UNFILLED = re.compile(r"__[A-Z][A-Z_]*[A-Z](?:\([^)\n]*\))?__")
_SAFE_VALUE = re.compile(r"^[A-Za-z0-9 _-]+$")


@dataclass(frozen=True)
class KindStyle:
    colour: str
    shape: str


@dataclass(frozen=True)
class Vocabulary:
    caption: tuple[str, ...]
    caption_by_language: Mapping[str, str]
    date_precedence: tuple[str, ...]
    latest_precedence: tuple[str, ...]
    actor_kinds: frozenset[str]
    pending_statuses: frozenset[str]
    relation_sets: Mapping[str, tuple[str, ...]]
    kind_styles: Mapping[str, KindStyle]
    value_lists: Mapping[str, tuple[str, ...]]

    def style(self, kind: str) -> KindStyle:
        return self.kind_styles.get(kind) or self.kind_styles["other"]

    def relations(self, name: str) -> tuple[str, ...]:
        if name not in self.relation_sets:
            raise SchemaError(f"no relation set {name!r} in graph/schema.yaml vocabulary.relation_sets — "
                              f"use one of: {', '.join(self.relation_sets)}")
        return self.relation_sets[name]

    def values(self, name: str) -> tuple[str, ...]:
        """The named list of field values ``vocabulary.value_lists.<name>`` (e.g. the oblast-level region types)."""
        if name not in self.value_lists:
            raise SchemaError(f"no value list {name!r} in graph/schema.yaml vocabulary.value_lists — "
                              f"use one of: {', '.join(self.value_lists)}")
        return self.value_lists[name]

    def caption_fields(self, lang: str | None = None) -> tuple[str, ...]:
        """The caption fields in the order a view in ``lang`` tries them (its own language's name first)."""
        first = self.caption_by_language.get(lang or "")
        return self.caption if first is None else (first, *(f for f in self.caption if f != first))


@cache
def vocabulary() -> Vocabulary:
    """The vocabulary of ``graph/schema.yaml``, checked against its kinds, fields and relation types."""
    with open(SCHEMA_PATH, encoding="utf-8") as fh:
        raw = safe_load(fh)["vocabulary"]
    schema = load_schema()
    known_fields = set(schema.common_fields) | {"name_en", "name_uk"} | {f.name for f in _all_fields()}
    statuses = {v for f in _all_fields() if f.name == "status" for v in f.values}
    checks = [("caption", raw["caption"], known_fields), ("date_precedence", raw["date_precedence"], known_fields),
              ("latest_precedence", raw["latest_precedence"], known_fields),
              ("actor_kinds", raw["actor_kinds"], set(schema.kinds)),
              ("pending_statuses", raw["pending_statuses"], statuses),
              ("kind_styles", [k for k in raw["kind_styles"] if k != "other"], set(schema.kinds))]
    checks += [(f"relation_sets.{name}", types, set(schema.relations)) for name, types in raw["relation_sets"].items()]
    checks += [(f"value_lists.{name}", spec["values"], _enum_values(str(spec["field"])))
               for name, spec in raw["value_lists"].items()]
    for where, values, allowed in checks:
        unknown = [v for v in values if v not in allowed]
        if unknown:
            raise SchemaError(f"graph/schema.yaml vocabulary.{where}: unknown {', '.join(map(repr, unknown))}")
    return Vocabulary(
        caption=tuple(raw["caption"]),
        caption_by_language=dict(raw["caption_by_language"]),
        date_precedence=tuple(raw["date_precedence"]),
        latest_precedence=tuple(raw["latest_precedence"]),
        actor_kinds=frozenset(raw["actor_kinds"]),
        pending_statuses=frozenset(raw["pending_statuses"]),
        relation_sets={name: tuple(types) for name, types in raw["relation_sets"].items()},
        kind_styles={k: KindStyle(str(v["colour"]), str(v["shape"])) for k, v in raw["kind_styles"].items()},
        value_lists={name: tuple(str(v) for v in spec["values"]) for name, spec in raw["value_lists"].items()},
    )


def _enum_values(where: str) -> set[str]:
    """The values of the enum field ``Kind.field`` (or ``RELATION.field``) a value list draws from."""
    schema = load_schema()
    owner, _, name = where.partition(".")
    spec = schema.kinds[owner].fields if owner in schema.kinds else (
        schema.relations[owner].fields if owner in schema.relations else {})
    if name not in spec:
        raise SchemaError(f"graph/schema.yaml vocabulary.value_lists: no field {where!r} in the schema")
    return {str(v) for v in spec[name].values if _SAFE_VALUE.match(str(v))}


def _all_fields() -> list[FieldSpec]:
    schema = load_schema()
    return [f for fields in [*(k.fields for k in schema.kinds.values()), *(r.fields for r in schema.relations.values())]
            for f in fields.values()]


def date_fields() -> tuple[str, ...]:
    """Every date field of the schema: the date precedence first, then the others in the schema's order."""
    return tuple(dict.fromkeys([*vocabulary().date_precedence, *(f.name for f in _all_fields() if f.type == "date")]))


def display_name(attrs: Mapping[str, Any], fallback: Any = None, lang: str | None = None) -> str:
    """The caption of an entity record: its name (in ``lang`` first when given), else ``fallback`` (its id)."""
    for field in vocabulary().caption_fields(lang):
        if attrs.get(field):
            return str(attrs[field])
    return str(fallback if fallback is not None else attrs.get("id", ""))


def date_of(attrs: Mapping[str, Any]) -> str | None:
    """When an agreement, tie, event, project or figure happened, as written (the schema's date precedence)."""
    for key in vocabulary().date_precedence:
        if attrs.get(key):
            return str(attrs[key])
    return None


def latest_date_of(attrs: Mapping[str, Any]) -> str | None:
    """The latest dated evidence that a tie is alive (renewed, else signed…), for how stale it is.

    >>> latest_date_of({"signed": "1995", "renewed": "2019"}), date_of({"signed": "1995", "renewed": "2019"})
    ('2019', '1995')
    """
    for key in vocabulary().latest_precedence:
        if attrs.get(key):
            return str(attrs[key])
    return None


def parse_partial_date(text: Any) -> tuple[int, int | None, int | None] | None:
    """(year, month, day) of a date written YYYY, YYYY-MM or YYYY-MM-DD that exists; else None."""
    m = PARTIAL_DATE.match(text.strip()) if isinstance(text, str) else None
    if not m:
        return None
    year, month, day = (int(g) if g else None for g in m.groups())
    assert year is not None
    try:
        dt.date(year, month or 1, day or 1)
    except ValueError:
        return None
    return year, month, day


def year_of(value: Any) -> int | None:
    """The year a (partial) date or period starts with, else None."""
    m = _YEAR.match(str(value)) if value is not None else None
    return int(m.group(1)) if m else None


def is_pending(attrs: Mapping[str, Any]) -> bool:
    """Whether an agreement or cooperation is not yet signed (its status is one of the pending statuses)."""
    return attrs.get("status") in vocabulary().pending_statuses


def expand_cypher(text: str) -> str:
    """Fill every declared placeholder of a Cypher text — the one filler of all query files (``queries/*.cypher``,
    ``queries/write/*.cypher``):

    - ``__CAPTION(x)__`` (``__CAPTION(x:uk)__``: the Ukrainian name first), ``__DATE(x)__``, ``__LATEST(x)__``:
      the vocabulary's caption and date precedences as a ``coalesce`` over ``x``'s fields;
    - ``__RELS(set)__``: a relation set (``PARTY_TO|COOPERATES_WITH``);
    - ``__LIST(name)__``: a value list as a Cypher list (``['oblast', 'republic']``);
    - ``__ACTS_FOR__``, ``__ACTS_FOR_DEPTH__``, ``__PLACE_KINDS__``, ``__BODY_KINDS__``: the acts-for rule
      (graph/schema.yaml ``acts_for``: the relation types, the depth, the place and body kinds as Cypher lists).

    The variable name inside the brackets must be a plain identifier, and the filled text comes only from the
    schema, so nothing from data or users can reach the query text this way.

    >>> expand_cypher("WHERE o.region_type IN __LIST(oblast_region_types)__")
    "WHERE o.region_type IN ['oblast', 'republic']"
    >>> expand_cypher("MATCH (b)-[:__ACTS_FOR__*1..__ACTS_FOR_DEPTH__]->(p) WHERE p.kind IN __PLACE_KINDS__")
    "MATCH (b)-[:GOVERNS|PART_OF*1..3]->(p) WHERE p.kind IN ['City', 'Community', 'Region']"
    """
    v = vocabulary()
    spec = load_schema().acts_for

    def cypher_list(values: tuple[str, ...]) -> str:
        return "[" + ", ".join(f"'{x}'" for x in values) + "]"

    def fill(m: re.Match[str]) -> str:
        what, arg, lang = m.group(1), m.group(2), m.group(3)
        if what == "RELS":
            return "|".join(v.relations(arg))
        if what == "LIST":
            return cypher_list(v.values(arg))
        fields = ((*v.caption_fields(lang), "id") if what == "CAPTION"
                  else v.date_precedence if what == "DATE" else v.latest_precedence)
        return f"coalesce({', '.join(f'{arg}.{f}' for f in fields)})"

    acts_for = {"ACTS_FOR": "|".join(spec.relations), "ACTS_FOR_DEPTH": str(int(spec.depth)),
                "PLACE_KINDS": cypher_list(spec.places), "BODY_KINDS": cypher_list(spec.bodies)}
    return _ACTS_FOR.sub(lambda m: acts_for[m.group(1)], _PLACEHOLDER.sub(fill, text))


def for_page() -> dict[str, Any]:
    """The rules a page script needs, as JSON-ready data (it must not re-type them)."""
    v = vocabulary()
    schema = load_schema()
    tie_statuses = dict.fromkeys([*schema.kinds["Agreement"].fields["status"].values,
                                  *schema.relations["COOPERATES_WITH"].fields["status"].values])
    return {"caption": list(v.caption), "captionByLanguage": dict(v.caption_by_language),
            "datePrecedence": list(v.date_precedence), "pendingStatuses": sorted(v.pending_statuses),
            "tieStatuses": list(tie_statuses),
            "kindStyles": {k: {"colour": s.colour, "shape": s.shape} for k, s in v.kind_styles.items()}}
