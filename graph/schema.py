"""The schema as data: kinds, fields and relation types read from ``graph/schema.yaml``.

Everything that needs to know what the graph may hold asks a :class:`Schema`. It is also the allow-list
from which labels, relationship types and property names are put into Cypher text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from graph.errors import SchemaError

#: libyaml's safe loader when PyYAML was built with it (10x faster: every command reads the schema), else Python's
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(stream: Any) -> Any:
    """``yaml.safe_load`` with :data:`SAFE_LOADER` (plain data only, as safe_load)."""
    return yaml.load(stream, Loader=SAFE_LOADER)  # noqa: S506 - SAFE_LOADER is a safe loader

if TYPE_CHECKING:
    from graph.flags import FlagSpec

SCHEMA_PATH = Path(__file__).with_name("schema.yaml")

SCALAR_TYPES = {"str", "text", "int", "number", "bool", "date", "enum", "list"}
REF_TYPES = {"ref", "refs"}
SPECIAL_TYPES = {"names", "figures"}
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class FieldSpec:
    """One field of an entity kind or a relation type."""

    name: str
    type: str
    required: bool = False
    values: tuple[str, ...] = ()
    pattern: str | None = None
    kinds: tuple[str, ...] = ()  # for ref/refs: allowed target kinds
    relation: str | None = None  # for ref/refs: the relation type it makes
    direction: str = "out"  # out: entity -> target; in: target -> entity
    edge: dict[str, Any] = field(default_factory=dict)  # fixed edge properties
    doc: str = ""
    minimum: float | None = None  # for numbers: the allowed range
    maximum: float | None = None
    not_before: str | None = None  # for dates: the field of the same item this one may not precede
    absent_when: dict[str, Any] = field(default_factory=dict)  # e.g. no `signed` while status is planned
    min_distinct: int = 0  # for refs: at least this many different targets
    min_distinct_counting: str | None = None  # a list field whose entries count towards min_distinct
    names_entity: bool = False  # for str: the text is the id of an entity in the seeds

    @property
    def is_ref(self) -> bool:
        return self.type in REF_TYPES


@dataclass(frozen=True)
class KindSpec:
    """One kind of entity (a node label)."""

    name: str
    doc: str
    fields: dict[str, FieldSpec]
    generated: bool = False  # made by the loader, not written in seeds


@dataclass(frozen=True)
class RelationSpec:
    """One relation type, with the kinds it may join and its edge properties."""

    name: str
    from_kinds: tuple[str, ...]
    to_kinds: tuple[str, ...]
    fields: dict[str, FieldSpec]
    doc: str = ""
    generated: bool = False


@dataclass(frozen=True)
class ActsFor:
    """One actor, whatever body speaks for it: the ``bodies`` that reach a place (of ``places``) through
    ``relations``, passing only through other bodies, at most ``depth`` steps, act for that place."""

    relations: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    bodies: tuple[str, ...] = ()
    depth: int = 0


@dataclass(frozen=True)
class Schema:
    id_pattern: re.Pattern[str]
    common_fields: dict[str, FieldSpec]
    kinds: dict[str, KindSpec]
    relations: dict[str, RelationSpec]
    flags: dict[str, FlagSpec] = field(default_factory=dict)  # the risk and legitimacy flags of a tie
    acts_for: ActsFor = field(default_factory=ActsFor)

    def kind(self, name: str) -> KindSpec:
        return self.kinds[name]

    def label(self, kind: str) -> str:
        """The node label for ``kind``; raises unless it is in the allow-list."""
        if kind not in self.kinds:
            raise SchemaError(f"unknown kind {kind!r}")
        return kind

    def rel_type(self, name: str) -> str:
        """The relationship type ``name``; raises unless it is in the allow-list."""
        if name not in self.relations:
            raise SchemaError(f"unknown relation type {name!r}")
        return name

    @property
    def authorable_kinds(self) -> list[str]:
        return [k for k, spec in self.kinds.items() if not spec.generated]

    @property
    def authorable_relations(self) -> list[str]:
        return [r for r, spec in self.relations.items() if not spec.generated]


def _field(name: str, raw: dict[str, Any], where: str, flags: tuple[str, ...] = ()) -> FieldSpec:
    ftype = raw.get("type")
    if raw.get("values_from") == "flags":  # the flag vocabulary, declared once at the top of the schema
        raw = {**raw, "values": list(flags)}
    elif raw.get("values_from") is not None:
        raise SchemaError(f"{where}.{name}: values_from names {raw['values_from']!r}; only `flags` is known")
    if ftype not in SCALAR_TYPES | REF_TYPES | SPECIAL_TYPES:
        raise SchemaError(f"{where}.{name}: unknown field type {ftype!r}")
    if ftype in REF_TYPES and not (raw.get("kinds") and raw.get("relation")):
        raise SchemaError(f"{where}.{name}: a {ftype} field needs kinds and relation")
    if ftype == "enum" and not raw.get("values"):
        raise SchemaError(f"{where}.{name}: an enum needs values")
    return FieldSpec(
        name=name,
        type=ftype,
        required=bool(raw.get("required", False)),
        values=tuple(raw.get("values") or ()),
        pattern=raw.get("pattern"),
        kinds=tuple(raw.get("kinds") or ()),
        relation=raw.get("relation"),
        direction=raw.get("direction", "out"),
        edge=dict(raw.get("edge") or {}),
        doc=str(raw.get("doc", "")),
        minimum=raw.get("minimum"),
        maximum=raw.get("maximum"),
        not_before=raw.get("not_before"),
        absent_when=dict(raw.get("absent_when") or {}),
        min_distinct=int(raw.get("min_distinct", 0)),
        min_distinct_counting=raw.get("min_distinct_counting"),
        names_entity=bool(raw.get("names_entity", False)),
    )


def parse_schema(raw: dict[str, Any]) -> Schema:
    """Build a :class:`Schema` from the parsed YAML and check that it is consistent."""
    from graph.flags import FlagSpec

    flags: dict[str, FlagSpec] = {}
    for fname, fraw in (raw.get("flags") or {}).items():
        if not _IDENT.match(fname):
            raise SchemaError(f"flag name {fname!r} is not a plain identifier")
        unknown = set(fraw) - {"doc", "countries", "place_field", "statuses", "data"}
        if unknown:
            raise SchemaError(f"flags.{fname}: unknown keys {sorted(unknown)}")
        flags[fname] = FlagSpec(fname, str(fraw.get("doc", "")), tuple(fraw.get("countries") or ()),
                                fraw.get("place_field"), tuple(fraw.get("statuses") or ()),
                                tuple(fraw.get("data") or ()))
    names = tuple(flags)
    common = {n: _field(n, f, "common_fields") for n, f in raw["common_fields"].items()}
    kinds: dict[str, KindSpec] = {}
    for kname, kraw in raw["kinds"].items():
        if not _IDENT.match(kname):
            raise SchemaError(f"kind name {kname!r} is not a plain identifier")
        fields = {n: _field(n, f, kname, names) for n, f in (kraw.get("fields") or {}).items()}
        clash = set(fields) & set(common)
        if clash:
            raise SchemaError(f"{kname}: fields {sorted(clash)} shadow common fields")
        kinds[kname] = KindSpec(kname, str(kraw.get("doc", "")).strip(), fields, bool(kraw.get("generated")))
    relations: dict[str, RelationSpec] = {}
    for rname, rraw in raw["relations"].items():
        if not _IDENT.match(rname):
            raise SchemaError(f"relation name {rname!r} is not a plain identifier")
        ends = tuple(rraw["from"]), tuple(rraw["to"])
        for k in ends[0] + ends[1]:
            if k not in kinds:
                raise SchemaError(f"relation {rname}: unknown kind {k!r}")
        fields = {n: _field(n, f, rname, names) for n, f in (rraw.get("fields") or {}).items()}
        relations[rname] = RelationSpec(rname, ends[0], ends[1], fields, str(rraw.get("doc", "")).strip(),
                                        bool(rraw.get("generated")))
    # Every ref field must name a relation whose endpoints admit it.
    for kspec in kinds.values():
        for f in kspec.fields.values():
            if not f.is_ref:
                continue
            rel = relations.get(f.relation or "")
            if rel is None:
                raise SchemaError(f"{kspec.name}.{f.name}: unknown relation {f.relation!r}")
            this, other = (rel.from_kinds, rel.to_kinds) if f.direction == "out" else (rel.to_kinds, rel.from_kinds)
            if kspec.name not in this or not set(f.kinds) <= set(other):
                raise SchemaError(f"{kspec.name}.{f.name}: {f.relation} does not join {kspec.name} and {f.kinds}")
    return Schema(re.compile(raw["id_pattern"]), common, kinds, relations, flags,
                  _acts_for(raw.get("acts_for"), kinds, relations))


def _acts_for(raw: dict[str, Any] | None, kinds: dict[str, KindSpec], relations: dict[str, RelationSpec]) -> ActsFor:
    if not raw:
        return ActsFor()
    spec = ActsFor(tuple(raw.get("relations") or ()), tuple(raw.get("places") or ()), tuple(raw.get("bodies") or ()),
                   int(raw.get("depth", 1)))
    for r in spec.relations:
        if r not in relations:
            raise SchemaError(f"acts_for: unknown relation {r!r}")
    for k in spec.places + spec.bodies:
        if k not in kinds:
            raise SchemaError(f"acts_for: unknown kind {k!r}")
    if not 1 <= spec.depth <= 5:
        raise SchemaError(f"acts_for: depth must be 1..5, got {spec.depth}")
    return spec


@lru_cache(maxsize=1)
def load_schema(path: Path = SCHEMA_PATH) -> Schema:
    """The project's schema (parsed once per process)."""
    with open(path, encoding="utf-8") as fh:
        return parse_schema(safe_load(fh))
