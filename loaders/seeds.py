"""Read and validate the YAML seed set into the neutral :class:`~graph.model.GraphData`.

The whole set is checked before anything is written anywhere: unknown kinds or fields, wrong types, bad
dates, duplicate ids, dangling or ill-typed references, facts without a citation, quotes that do not occur
in their document. Every problem is collected with its ``file:line``; :class:`~graph.errors.SeedError`
carries them all. The format is documented in ``seeds/README.md``.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from graph.errors import Problem, SeedError
from graph.model import Citation, Edge, GraphData, Node, PropValue, clean_props
from graph.schema import FieldSpec, Schema, load_schema
from graph.vocabulary import display_name, parse_partial_date
from loaders.yaml_lines import LineDict, LineList, line_of, load_yaml

FILE_KEYS = {"source", "entities", "relations"}
CITATION_KEYS = {"quote", "source", "cite"}
EXTENDS_KEYS = {"extends", "aliases", "note", "figures"} | CITATION_KEYS
RELATION_KEYS = {"type", "from", "to", "note", "uncertain"} | CITATION_KEYS
FIGURE_KEYS = {"metric", "value", "unit", "period", "qualifier", "note", "uncertain"} | CITATION_KEYS
# A ref field's item may be a mapping instead of an id: the relation it makes then carries its own quote (where
# the entity's quote does not state it) and its own `uncertain` / `note` (seeds/README.md, "Ref fields").
REF_ITEM_KEYS = {"id", "note", "uncertain"} | CITATION_KEYS
_SLUG_CHARS = re.compile(r"[^a-z0-9]+")
FIGURE_PREFIX = "fig-"  # ids of the Figure nodes the loader makes; reserved, so an authored id never collides
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1  # what both stores hold as a whole number
# Characters a store would keep but that mislead or attack a reader: NUL and the other C0/C1 controls (terminal
# escape sequences start with one) and the bidi overrides and isolates that reorder text on screen.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@dataclass
class _Entry:
    """One entity definition as read, before it is checked."""

    file: str
    raw: LineDict
    default_source: str | None


@dataclass
class _Context:
    schema: Schema
    problems: list[Problem] = field(default_factory=list)
    documents_dir: Path | None = None
    citation_lines: dict[tuple[str, Citation], int] = field(default_factory=dict)
    source_lines: dict[tuple[str, Citation], int] = field(default_factory=dict)  # where its `source:` is named
    edge_index: dict[str, Edge] = field(default_factory=dict)
    _doc_cache: dict[str, str | None] = field(default_factory=dict)

    def add(self, file: str, line: int, message: str, hint: str = "") -> None:
        self.problems.append(Problem(file, line, message, hint))

    def document_path(self, file_name: str) -> Path | None:
        """The document's path, only when it lies inside the documents folder (no ``..``, no absolute path)."""
        if self.documents_dir is None:
            return None
        root = self.documents_dir.resolve()
        path = (root / file_name).resolve()
        return path if path.is_relative_to(root) and path != root else None

    def document_text(self, file_name: str) -> str | None:
        """The normalised text of a seed document, or None when it is not available (or not readable) here."""
        if file_name not in self._doc_cache:
            text = None
            path = self.document_path(file_name)
            if path is not None and path.is_file():
                try:
                    text = normalise_quote(path.read_text(encoding="utf-8"))
                except (OSError, UnicodeDecodeError):
                    text = None  # reported once, where the Source names the file (_check_document)
            self._doc_cache[file_name] = text
        return self._doc_cache[file_name]


def normalise_quote(text: str) -> str:
    """Fold the differences a copy-paste may introduce: spacing, apostrophes, quotation marks, dashes."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub("[\u2019\u02bc\u2018`\u00b4]", "'", text)
    text = re.sub("[\u00ab\u00bb\u201c\u201d\u201e\u201f]", '"', text)
    text = re.sub("[\u2013\u2014\u2212]", "-", text)
    text = text.replace("*", "")  # markdown emphasis in converted reports
    return re.sub(r"\s+", " ", text).strip()


def slug(text: str) -> str:
    """An id-safe ASCII slug: diacritics folded, Ukrainian transliterated (Gdańsk -> gdansk, Київ -> kyiv)."""
    from graph.names import name_key

    return _SLUG_CHARS.sub("-", name_key(text)).strip("-")


def default_documents_dir(seeds_dir: Path) -> Path | None:
    """Where the seed documents live: ``$PARTNERS_DOCUMENTS`` or ``shared/seed-documents`` beside the repo."""
    env = os.environ.get("PARTNERS_DOCUMENTS")
    if env:
        return Path(env)
    for base in (seeds_dir.resolve().parent, *seeds_dir.resolve().parents):
        for cand in (base / "shared" / "seed-documents", base.parent / "shared" / "seed-documents"):
            if cand.is_dir():
                return cand
    return None


def seed_files(paths: Iterable[Path]) -> list[Path]:
    """The YAML files named, directories expanded (recursively, in path order)."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(q for q in p.rglob("*") if q.suffix in (".yaml", ".yml") and q.is_file()))
        else:
            files.append(p)
    return files


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def read_seeds(
    paths: Path | Sequence[Path],
    schema: Schema | None = None,
    documents_dir: Path | None = None,
    check_quotes: bool = True,
) -> GraphData:
    """Read and validate seed files (or directories of them) into one :class:`GraphData`.

    Raises :class:`SeedError` listing every problem found; returns only a fully valid graph.
    ``documents_dir`` is where quotes are checked against the source documents (found automatically next
    to the seeds when not given; quotes are not checked when the documents are not available).
    """
    path_list = [paths] if isinstance(paths, Path) else list(paths)
    ctx = _Context(schema or load_schema())
    if check_quotes:
        ctx.documents_dir = documents_dir or next(
            (d for d in (default_documents_dir(p if p.is_dir() else p.parent) for p in path_list) if d), None
        )
    files = seed_files(path_list)
    if not files:
        raise SeedError([Problem(", ".join(map(str, path_list)), 0, "no seed files found",
                                 "point to a folder of *.yaml files, such as seeds/")])
    entries: dict[str, list[_Entry]] = {}
    extends: list[_Entry] = []
    relations: list[_Entry] = []
    for path in files:
        _read_file(ctx, path, entries, extends, relations)

    graph = GraphData()
    kinds: dict[str, str] = {}
    for ident, defs in entries.items():
        if len(defs) > 1:
            first = defs[0]
            for other in defs[1:]:
                ctx.add(other.file, other.raw.line, f"duplicate id {ident!r}, first defined at "
                        f"{first.file}:{first.raw.line}",
                        "one node per real-world entity: use `extends:` to add to it, or choose another id")
        kind = defs[0].raw.get("kind")
        if isinstance(kind, str):
            kinds[ident] = kind
    for defs in entries.values():
        _build_entity(ctx, defs[0], kinds, graph)
    for entry in extends:
        _apply_extends(ctx, entry, kinds, graph)
    for entry in relations:
        _build_relation(ctx, entry, kinds, graph)
    _check_citations(ctx, graph, kinds)
    if ctx.problems:
        raise SeedError(ctx.problems)
    return graph


# --- reading files --------------------------------------------------------------------------------------


def _read_file(ctx: _Context, path: Path, entries: dict[str, list[_Entry]], extends: list[_Entry],
               relations: list[_Entry]) -> None:
    name = _display(path)
    try:
        doc = load_yaml(path)
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        ctx.add(name, (mark.line + 1) if mark else 0, f"YAML syntax error: {e.problem or e}",
                "check indentation and quoting near this line")
        return
    except (OSError, UnicodeDecodeError, yaml.YAMLError, ValueError, OverflowError, RecursionError) as e:
        ctx.add(name, 0, f"cannot read: {str(e)[:200]}", "the file must be UTF-8 YAML")
        return
    if doc is None:
        ctx.add(name, 1, "empty seed file", "add `entities:` and/or `relations:`, or remove the file")
        return
    if not isinstance(doc, LineDict):
        ctx.add(name, line_of(doc, 1), "a seed file must be a mapping with `entities:` and/or `relations:`",
                "start the file with `source: src-…` and a list under `entities:` (see seeds/README.md)")
        return
    _check_duplicate_keys(ctx, name, doc)
    _check_scalars(ctx, name, doc)
    for key in doc:
        if key not in FILE_KEYS:
            ctx.add(name, doc.line_of(key), f"unknown top-level key {key!r}", _suggest(key, FILE_KEYS))
    default_source = doc.get("source")
    if default_source is not None and not isinstance(default_source, str):
        ctx.add(name, doc.line_of("source"), "`source:` must be a source id such as src-001-dolyna",
                "name the Source the file cites, e.g. `source: src-001-dolyna` (ids are in seeds/sources.yaml)")
        default_source = None
    for section, target in (("entities", None), ("relations", relations)):
        items = doc.get(section)
        if items is None:
            continue
        if not isinstance(items, LineList):
            ctx.add(name, doc.line_of(section), f"`{section}:` must be a list of mappings",
                    "write each item as `- {id: …, kind: …}` under it")
            continue
        for i, item in enumerate(items):
            if not isinstance(item, LineDict):
                ctx.add(name, items.line_of(i), f"each item of `{section}:` must be a mapping",
                        "write it as `- {id: …, kind: …}` (a mapping), not a bare value")
                continue
            _check_duplicate_keys(ctx, name, item)
            entry = _Entry(name, item, default_source)
            if target is not None:
                target.append(entry)
            elif "extends" in item:
                extends.append(entry)
            elif isinstance(item.get("id"), str):
                entries.setdefault(item["id"], []).append(entry)
            elif "id" in item:
                ctx.add(name, item.line_of("id"), f"id {item['id']!r} is not text",
                        'quote it: YAML reads no, yes, on, off and numbers as other types ("no" for Norway)')
            else:
                ctx.add(name, item.line, "entity without an `id:`",
                        "add `id: <slug>` (see seeds/README.md), or `extends: <id>` to add to an existing one")


def _check_duplicate_keys(ctx: _Context, file: str, d: LineDict) -> None:
    for key, line in d.duplicate_keys:
        ctx.add(file, line, f"key {key!r} appears twice in the same mapping", "keep one")
    for v in d.values():
        if isinstance(v, LineDict):
            _check_duplicate_keys(ctx, file, v)
        elif isinstance(v, LineList):
            for item in v:
                if isinstance(item, LineDict):
                    _check_duplicate_keys(ctx, file, item)


def _check_scalars(ctx: _Context, file: str, doc: Any) -> None:
    """Refuse values the stores cannot hold exactly: whole numbers beyond 64 bits, NaN and infinities, and text
    with control or bidi-override characters. Walks the file once, without recursion (nesting may be deep)."""
    stack: list[tuple[Any, int]] = [(doc, line_of(doc, 1))]
    while stack:
        value, line = stack.pop()
        if isinstance(value, LineDict):
            for k, v in value.items():
                stack.append((k, value.line_of(k)))
                stack.append((v, value.line_of(k)))
        elif isinstance(value, LineList):
            stack.extend((v, value.line_of(i)) for i, v in enumerate(value))
        elif isinstance(value, bool):
            continue
        elif isinstance(value, int) and not INT64_MIN <= value <= INT64_MAX:
            ctx.add(file, line, f"the number {str(value)[:30]} is too large to store",
                    f"whole numbers must lie between {INT64_MIN} and {INT64_MAX}; use larger units")
        elif isinstance(value, float) and not math.isfinite(value):
            ctx.add(file, line, f"{value} is not a number that can be stored", "write a finite number, or leave it out")
        elif isinstance(value, str) and (m := _BAD_CHARS.search(value)):
            ctx.add(file, line, f"text contains the control character U+{ord(m.group()):04X}",
                    "remove it: copy the text again from the document")


ID_HINT = "check the spelling, or define it (grep -r seeds/ for the name)"


def _suggest(word: Any, options: Iterable[str], ids: bool = False) -> str:
    """A close match, else the allowed words of a small vocabulary. ``ids``: the options are entity ids, which
    are never listed as "allowed" (any id may be defined); an empty list is never shown."""
    options = list(options)
    close = difflib.get_close_matches(str(word), options, n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    if options and not ids and len(options) <= 12:
        return "allowed: " + ", ".join(sorted(options))
    return ID_HINT


def _source_hint(source: Any, kinds: dict[str, str]) -> str:
    """How to fix a citation whose source is not a Source: declare it, or cite one that exists."""
    sources = sorted(k for k, v in kinds.items() if v == "Source")
    close = difflib.get_close_matches(str(source), sources, n=1, cutoff=0.6)
    if close:
        return f"did you mean {close[0]!r}?"
    if isinstance(source, str) and source not in kinds:
        declare = (f"define it: add `- {{id: {source}, kind: Source, name: {{en: TITLE}}, file: DOCUMENT}}` under "
                   "`entities:` of this file (a document's Source is defined at the top of its own file)")
    else:
        declare = "cite the id of a Source"
    if not sources:
        return declare
    if len(sources) <= 12:
        return f"{declare}, or cite one of: {', '.join(sources)}"
    return f"{declare}, or cite an existing one (grep -rn 'kind: Source' seeds/)"


# --- values ---------------------------------------------------------------------------------------------


def _date(value: Any) -> str | None:
    """A date at the precision given ("2021", "2021-07", "2021-07-12"), or None when malformed."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 2999:
        return str(value)
    if not isinstance(value, str):
        return None
    return value.strip() if parse_partial_date(value) is not None else None


def _period(value: Any) -> str | None:
    if isinstance(value, str) and "/" in value:
        parts = [_date(p) for p in value.split("/")]
        return value if len(parts) == 2 and all(parts) else None
    return _date(value)


def _value(ctx: _Context, file: str, line: int, owner: str, spec: FieldSpec, value: Any) -> PropValue | None:
    """Check one scalar/list field value; returns the stored form or None after reporting a problem."""
    where = f"{owner}.{spec.name}"
    if spec.type in ("str", "text"):
        if isinstance(value, (int, float)) and not isinstance(value, bool) and spec.type == "str":
            value = str(value)
        if not isinstance(value, str):
            got = {"LineList": "a list", "LineDict": "a mapping"}.get(type(value).__name__, type(value).__name__)
            ctx.add(file, line, f"{where} must be text, got {got}", "quote it")
            return None
        if spec.pattern and not re.match(spec.pattern, value):
            ctx.add(file, line, f"{where} = {value!r} does not match {spec.pattern}",
                    "write it in that form")
            return None
        return value
    if spec.type == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            ctx.add(file, line, f"{where} must be a whole number, got {value!r}",
                    "write digits only, without quotes, units or separators")
            return None
        return value
    if spec.type == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            ctx.add(file, line, f"{where} must be a number, got {value!r}", "write digits only, e.g. 47000000")
            return None
        if (spec.minimum is not None and value < spec.minimum) or (spec.maximum is not None and value > spec.maximum):
            ctx.add(file, line, f"{where} = {value!r} is out of range",
                    f"it must lie between {spec.minimum} and {spec.maximum}")
            return None
        return value
    if spec.type == "bool":
        if not isinstance(value, bool):
            ctx.add(file, line, f"{where} must be true or false, got {value!r}", "write true or false, unquoted")
            return None
        return value
    if spec.type == "date":
        d = _date(value)
        if d is None:
            ctx.add(file, line, f"{where} = {value!r} is not a date",
                    'write "YYYY", "YYYY-MM" or "YYYY-MM-DD" at the precision the source states')
        return d
    if spec.type == "enum":
        if value not in spec.values:
            ctx.add(file, line, f"{where} = {value!r} is not allowed", _suggest(value, spec.values))
            return None
        return str(value)
    if spec.type == "list":
        if isinstance(value, str) or not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            ctx.add(file, line, f"{where} must be a list of text", "write [a, b] or one `- item` per line")
            return None
        bad = [v for v in value if spec.values and v not in spec.values]
        for v in bad:
            ctx.add(file, line, f"{where}: {v!r} is not allowed", _suggest(v, spec.values))
        return None if bad else list(value)
    raise AssertionError(spec.type)  # names/figures/refs are handled by the callers


def _citations(ctx: _Context, entry: _Entry, raw: LineDict, what: str) -> list[Citation]:
    """The citations of one item: `quote:` (+ `source:`) and/or `cite:`; reports a missing one."""
    out: list[Citation] = []
    if "quote" in raw:
        source = raw.get("source", entry.default_source)
        quote = raw["quote"]
        if not isinstance(quote, str) or not quote.strip():
            ctx.add(entry.file, raw.line_of("quote"), f"{what}: `quote:` must be non-empty text")
        elif not isinstance(source, str):
            ctx.add(entry.file, raw.line_of("quote"), f"{what}: no source for this quote",
                    "add `source: src-…` to the item or at the top of the file")
        else:
            out.append(Citation(source, quote.strip()))
    elif "source" in raw:
        ctx.add(entry.file, raw.line_of("source"), f"{what}: `source:` without a `quote:`",
                "add the words of the source that state this fact")
    cite = raw.get("cite")
    if cite is not None:
        if not isinstance(cite, LineList):
            ctx.add(entry.file, raw.line_of("cite"), f"{what}: `cite:` must be a list of {{source, quote}}")
        else:
            for i, c in enumerate(cite):
                ok = (isinstance(c, LineDict) and set(c) == {"source", "quote"}
                      and isinstance(c["source"], str) and isinstance(c["quote"], str) and c["quote"].strip())
                if not ok:
                    ctx.add(entry.file, cite.line_of(i), f"{what}: each `cite:` item needs `source:` and `quote:`")
                else:
                    out.append(Citation(c["source"], c["quote"].strip()))
    if not out and "quote" not in raw and "cite" not in raw:
        ctx.add(entry.file, raw.line, f"{what} has no citation",
                'add `quote: "…"` copied from the document that states it')
    # remember where each citation stands for the later source/quote check
    for c in out:
        line = raw.line_of("quote") if "quote" in raw else raw.line_of("cite")
        ctx.citation_lines.setdefault((entry.file, c), line)
        # a source the item names itself is reported at its `source:` line (the file's default at the quote)
        named = "source" in raw and raw["source"] == c.source
        ctx.source_lines.setdefault((entry.file, c), raw.line_of("source") if named else line)
    return out


def _cross_checks(ctx: _Context, file: str, raw: LineDict, owner: str, fields: dict[str, FieldSpec],
                  props: dict[str, Any], kinds: dict[str, str]) -> None:
    """The rules between fields that the schema declares: not_before, absent_when, min_distinct, names_entity."""
    for fname, spec in fields.items():
        value = props.get(fname) if not spec.is_ref else raw.get(fname)
        if value is None:
            continue
        line = raw.line_of(fname)
        other = props.get(spec.not_before) if spec.not_before else None
        if isinstance(value, str) and isinstance(other, str):
            n = min(len(value), len(other))
            if value[:n] < other[:n]:
                ctx.add(file, line, f"{owner}.{fname} = {value} is before {spec.not_before} = {other}",
                        f"check both dates; {fname} cannot come before {spec.not_before}")
        for cond, cond_value in spec.absent_when.items():
            if props.get(cond) == cond_value:
                ctx.add(file, line, f"{owner}: `{fname}:` is given while {cond} is {cond_value}",
                        f"remove {fname}, or change {cond} if the source says it happened")
        unnamed = props.get(spec.min_distinct_counting) if spec.min_distinct_counting else None
        extra = len(unnamed) if isinstance(unnamed, list) else 0   # counterparts known only by their country
        if spec.min_distinct and isinstance(value, list) and len(set(map(str, value))) + extra < spec.min_distinct:
            ctx.add(file, line, f"{owner}.{fname} names {len(set(map(str, value)))} distinct "
                    f"entit{'y' if len(set(map(str, value))) == 1 else 'ies'}",
                    f"it needs at least {spec.min_distinct} different ids"
                    + (f" (or {spec.min_distinct_counting} for unnamed counterparts)"
                       if spec.min_distinct_counting else ""))
        if spec.names_entity and isinstance(value, str) and value not in kinds:
            ctx.add(file, line, f"{owner}.{fname}: no entity with id {value!r}", _suggest(value, kinds, ids=True))


def _check_document(ctx: _Context, file: str, line: int, ident: str, doc_file: Any) -> None:
    """A Source's `file:` names a readable UTF-8 document inside the documents folder, when that folder is known."""
    if ctx.documents_dir is None or not isinstance(doc_file, str):
        return
    path = ctx.document_path(doc_file)
    if path is None:
        ctx.add(file, line, f"{ident}: file {doc_file!r} is outside the documents folder",
                f"name a file inside {ctx.documents_dir}, without `..` or a leading /")
    elif not path.is_file():
        ctx.add(file, line, f"{ident}: document {doc_file!r} not found in {ctx.documents_dir}",
                "check the file name, or set PARTNERS_DOCUMENTS to the folder that holds it")
    else:
        try:
            path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as e:
            ctx.add(file, line, f"{ident}: document {doc_file!r} cannot be read as UTF-8 text ({type(e).__name__})",
                    "convert it to UTF-8 text (Markdown or .txt)")


# --- entities -------------------------------------------------------------------------------------------


def _build_entity(ctx: _Context, entry: _Entry, kinds: dict[str, str], graph: GraphData) -> None:
    raw, file = entry.raw, entry.file
    ident = raw["id"]
    if not ctx.schema.id_pattern.match(ident):
        ctx.add(file, raw.line_of("id"), f"id {ident!r} is not a lower-case slug",
                "use a-z, 0-9 and single hyphens, e.g. ua-zhytomyr (see seeds/README.md)")
    if ident.startswith(FIGURE_PREFIX):
        ctx.add(file, raw.line_of("id"), f"id {ident!r} starts with {FIGURE_PREFIX!r}, which is kept for figures",
                "choose another id; figures are written under `figures:` of the entity they describe")
        return
    kind = raw.get("kind")
    if kind not in ctx.schema.kinds or ctx.schema.kinds[kind].generated:
        hint = _suggest(kind, ctx.schema.authorable_kinds)
        ctx.add(file, raw.line_of("kind"), f"{ident}: unknown kind {kind!r}" if "kind" in raw
                else f"{ident}: no `kind:`", hint)
        return
    kspec = ctx.schema.kinds[kind]
    allowed = {"id", "kind"} | set(ctx.schema.common_fields) | set(kspec.fields) | CITATION_KEYS
    props: dict[str, Any] = {}
    for key in raw:
        if key not in allowed:
            ctx.add(file, raw.line_of(key), f"{ident}: unknown field {key!r} for {kind}", _suggest(key, allowed))
    for fname, spec in {**ctx.schema.common_fields, **kspec.fields}.items():
        if fname not in raw or raw[fname] is None:
            if spec.required:
                ctx.add(file, raw.line, f"{ident}: {kind} needs `{fname}:`", spec.doc or "")
            continue
        value, line = raw[fname], raw.line_of(fname)
        if spec.type == "names":
            props.update(_names(ctx, file, line, ident, value))
        elif spec.type == "figures":
            continue  # after the node exists
        elif spec.is_ref:
            continue  # after all ids are known
        else:
            props[fname] = _value(ctx, file, line, ident, spec, value)
    citations = _citations(ctx, entry, raw, ident) if kind != "Source" else \
        [Citation(ident, display_name(props, ident, lang="uk"))]
    _cross_checks(ctx, file, raw, ident, kspec.fields, props, kinds)
    if kind == "Source":
        _check_document(ctx, file, raw.line_of("file"), ident, props.get("file"))
    node = Node(ident, kind, clean_props(props), citations)
    graph.nodes[ident] = node
    for fname, spec in kspec.fields.items():
        if spec.is_ref and raw.get(fname) is not None:
            _ref_edges(ctx, entry, node, spec, raw[fname], raw.line_of(fname), kinds, graph)
    if raw.get("figures") is not None:
        _figures(ctx, entry, node, raw["figures"], raw.line_of("figures"), graph)


def _names(ctx: _Context, file: str, line: int, ident: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not value or set(value) - {"uk", "en"}:
        ctx.add(file, line, f"{ident}: `name:` must be {{uk: …, en: …}} with at least one of them",
                "write e.g. `name: {uk: Долина, en: Dolyna}`")
        return {}
    out = {}
    for lang, text in value.items():
        if not isinstance(text, str) or not text.strip():
            ctx.add(file, line, f"{ident}: name.{lang} must be non-empty text",
                    "give the name, or leave that language out")
        else:
            out[f"name_{lang}"] = text.strip()
    return out


def _ref_edges(ctx: _Context, entry: _Entry, node: Node, spec: FieldSpec, value: Any, line: int,
               kinds: dict[str, str], graph: GraphData) -> None:
    targets = value if spec.type == "refs" else [value]
    if spec.type == "refs" and (isinstance(value, str) or not isinstance(value, list)):
        ctx.add(entry.file, line, f"{node.id}.{spec.name} must be a list of ids", f"write [{value}]")
        return
    for i, item in enumerate(targets):
        tline = value.line_of(i) if isinstance(value, LineList) else line
        where = f"{node.id}.{spec.name}"
        props: dict[str, Any] = dict(spec.edge)
        if node.props.get("uncertain") is True:  # a relation built on an uncertain statement is itself uncertain
            props["uncertain"] = True
        citations = list(node.citations)
        target = item
        if isinstance(item, LineDict):
            target, own = _ref_item(ctx, entry, item, where, props)
            if own:
                citations = own  # the words that state this relation, instead of the entity's
        if not _check_ref(ctx, entry.file, tline, where, target, spec.kinds, kinds):
            continue
        src, dst = (node.id, target) if spec.direction == "out" else (target, node.id)
        if src == dst:
            ctx.add(entry.file, tline, f"{node.id}.{spec.name} names {node.id} itself",
                    "an entity cannot be related to itself: check the id")
            continue
        _add_edge(ctx, graph, spec.relation or "", src, dst, props, citations)


def _ref_item(ctx: _Context, entry: _Entry, item: LineDict, where: str,
              props: dict[str, Any]) -> tuple[Any, list[Citation]]:
    """A ref field's item written as a mapping: ``{id, quote | cite, uncertain, note}``. Returns the target id
    and the relation's own citations; ``uncertain`` and ``note`` go into ``props``."""
    for key in item:
        if key not in REF_ITEM_KEYS:
            ctx.add(entry.file, item.line_of(key), f"{where}: unknown field {key!r} in a reference",
                    _suggest(key, REF_ITEM_KEYS))
    if "id" not in item:
        ctx.add(entry.file, item.line, f"{where}: a reference written as a mapping needs `id:`",
                "write {id: org-…, quote: \"…\"}")
    for fname in ("note", "uncertain"):
        if item.get(fname) is not None:
            checked = _value(ctx, entry.file, item.line_of(fname), where, ctx.schema.common_fields[fname], item[fname])
            if checked is not None:
                props[fname] = checked
    if props.get("uncertain") is False:
        props.pop("uncertain")  # stated plainly where the entity is vague: the relation says so itself
    # a quote without its own `source:` is from the entity's source (else the file's)
    own_entry = _Entry(entry.file, entry.raw, entry.raw.get("source", entry.default_source))
    own = _citations(ctx, own_entry, item, where) if CITATION_KEYS & set(item) else []
    return item.get("id"), own


def _check_ref(ctx: _Context, file: str, line: int, where: str, target: Any, allowed: Sequence[str],
               kinds: dict[str, str]) -> bool:
    if not isinstance(target, str):
        ctx.add(file, line, f"{where}: {target!r} is not an id",
                "give the id of an entity defined in the seeds (`partners show NAME` prints ids)")
        return False
    if target not in kinds:
        ctx.add(file, line, f"{where}: no entity with id {target!r}", _suggest(target, kinds, ids=True))
        return False
    if kinds[target] not in allowed:
        as_country = kinds[target] == "Country" and where.startswith("COOPERATES_WITH.")
        ctx.add(file, line, f"{where}: {target!r} is a {kinds[target]}, expected {' or '.join(allowed)}",
                "cooperation with a country as a whole is the relation COOPERATES_WITH_COUNTRY (it counts as no "
                "partner)" if as_country else "point it at an entity of an allowed kind")
        return False
    return True


def _add_edge(ctx: _Context, graph: GraphData, rtype: str, src: str, dst: str, props: dict[str, Any],
              citations: list[Citation]) -> None:
    """Add an edge; the same relation stated twice (same ends and properties) merges its citations."""
    base = f"{src}>{rtype}>{dst}"
    props = clean_props(props)
    ident, n = base, 1
    while True:
        existing = ctx.edge_index.get(ident)
        if existing is None:
            break
        if existing.props == props:
            existing.citations.extend(c for c in citations if c not in existing.citations)
            return
        n += 1
        ident = f"{base}~{n}"
    edge = Edge(ident, rtype, src, dst, props, citations)
    ctx.edge_index[ident] = edge
    graph.edges.append(edge)


def _figures(ctx: _Context, entry: _Entry, node: Node, value: Any, line: int, graph: GraphData) -> None:
    if not isinstance(value, LineList):
        ctx.add(entry.file, line, f"{node.id}.figures must be a list of {{metric, value, unit, period, quote}}",
                "write `figures: [{metric: …, value: …, unit: …, period: …, quote: …}]`")
        return
    fspec = ctx.schema.kinds["Figure"].fields
    for i, item in enumerate(value):
        if not isinstance(item, LineDict):
            ctx.add(entry.file, value.line_of(i), f"{node.id}.figures: each item must be a mapping",
                    "write each figure as {metric, value, unit, period, quote}")
            continue
        for key in item:
            if key not in FIGURE_KEYS:
                ctx.add(entry.file, item.line_of(key), f"{node.id}.figures: unknown field {key!r}",
                        _suggest(key, FIGURE_KEYS))
        props: dict[str, Any] = {}
        for fname, spec in fspec.items():
            if fname not in item:
                if spec.required:
                    ctx.add(entry.file, item.line, f"{node.id}.figures: a figure needs `{fname}:`", spec.doc)
                continue
            if fname == "period":
                p = _period(item[fname])
                if p is None:
                    ctx.add(entry.file, item.line_of(fname), f"{node.id}.figures: period {item[fname]!r} is not a "
                            "date or range", 'write "2023" or "2023-01/2023-06"')
                props[fname] = p
            else:
                props[fname] = _value(ctx, entry.file, item.line_of(fname), f"{node.id}.figures", spec, item[fname])
        if "note" in item:
            if isinstance(item["note"], str):
                props["note"] = item["note"]
            else:
                ctx.add(entry.file, item.line_of("note"), f"{node.id}.figures: note must be text",
                        "write it as one quoted sentence")
        if item.get("uncertain") is not None:  # e.g. a period whose year is inferred from "поточного року"
            flag = _value(ctx, entry.file, item.line_of("uncertain"), f"{node.id}.figures",
                          ctx.schema.common_fields["uncertain"], item["uncertain"])
            if flag:
                props["uncertain"] = True
        cites = _citations(ctx, entry, item, f"{node.id} figure {props.get('metric')}")
        if not props.get("metric") or props.get("period") is None:
            continue
        fid = f"fig-{node.id}-{props['metric']}-{slug(str(props['period']))}"
        if fid in graph.nodes:
            ctx.add(entry.file, item.line, f"{node.id}: figure {props['metric']} for {props['period']} is "
                    "stated twice", "keep one, or give them different metrics")
            continue
        qualifier = f"{props['qualifier']} " if props.get("qualifier") else ""
        props["name_en"] = f"{props['metric'].replace('-', ' ')}: {qualifier}{props['value']} {props['unit']} " \
                           f"({props['period']})"
        graph.nodes[fid] = Node(fid, "Figure", clean_props(props), cites)
        _add_edge(ctx, graph, "DESCRIBES", fid, node.id, {"uncertain": props.get("uncertain")}, cites)


def _apply_extends(ctx: _Context, entry: _Entry, kinds: dict[str, str], graph: GraphData) -> None:
    raw = entry.raw
    target = raw["extends"]
    for key in raw:
        if key not in EXTENDS_KEYS:
            ctx.add(entry.file, raw.line_of(key), f"extends {target}: field {key!r} cannot be extended",
                    "`extends:` adds aliases, a note, figures and citations; change other fields where the "
                    "entity is defined")
    if not isinstance(target, str) or target not in graph.nodes:
        if not (isinstance(target, str) and target in kinds):  # defined but broken: already reported
            ctx.add(entry.file, raw.line_of("extends"), f"extends: no entity with id {target!r}",
                    _suggest(target, kinds, ids=True))
        return
    node = graph.nodes[target]
    aliases = raw.get("aliases")
    if aliases is not None:
        spec = ctx.schema.common_fields["aliases"]
        checked = _value(ctx, entry.file, raw.line_of("aliases"), target, spec, aliases)
        if isinstance(checked, list):
            old = node.props.get("aliases")
            merged: list[str] = [str(a) for a in old] if isinstance(old, list) else []
            merged += [str(a) for a in checked if a not in merged]
            node.props["aliases"] = merged
    if raw.get("note") is not None and not isinstance(raw.get("note"), str):
        ctx.add(entry.file, raw.line_of("note"), f"extends {target}: note must be text", "write it as quoted text")
    if isinstance(raw.get("note"), str):
        node.props["note"] = "\n".join(filter(None, [str(node.props.get("note") or ""), raw["note"]]))
    for c in _citations(ctx, entry, raw, f"extends {target}"):
        if c not in node.citations:
            node.citations.append(c)
    if raw.get("figures") is not None:
        _figures(ctx, entry, node, raw["figures"], raw.line_of("figures"), graph)


# --- relations ------------------------------------------------------------------------------------------


def _build_relation(ctx: _Context, entry: _Entry, kinds: dict[str, str], graph: GraphData) -> None:
    raw, file = entry.raw, entry.file
    rtype = raw.get("type")
    rspec = ctx.schema.relations.get(rtype) if isinstance(rtype, str) else None
    if rspec is None or rspec.generated:
        ctx.add(file, raw.line_of("type"), f"unknown relation type {rtype!r}" if "type" in raw
                else "relation without `type:`", _suggest(rtype, ctx.schema.authorable_relations))
        return
    rtype = rspec.name
    what = f"{rtype} {raw.get('from')} -> {raw.get('to')}"
    allowed = RELATION_KEYS | set(rspec.fields)
    for key in raw:
        if key not in allowed:
            ctx.add(file, raw.line_of(key), f"{what}: unknown field {key!r}", _suggest(key, allowed))
    ok = True
    for end, allowed_kinds in (("from", rspec.from_kinds), ("to", rspec.to_kinds)):
        if end not in raw:
            ctx.add(file, raw.line, f"{what}: needs `{end}:`",
                    f"add `{end}:` (YYYY, YYYY-MM or YYYY-MM-DD)")
            ok = False
        else:
            ok &= _check_ref(ctx, file, raw.line_of(end), f"{rtype}.{end}", raw[end], allowed_kinds, kinds)
    props: dict[str, Any] = {}
    for fname, spec in rspec.fields.items():
        if raw.get(fname) is not None:
            props[fname] = _value(ctx, file, raw.line_of(fname), rtype, spec, raw[fname])
    for fname in ("note", "uncertain"):  # the common fields, typed as for entities
        if raw.get(fname) is not None:
            props[fname] = _value(ctx, file, raw.line_of(fname), what, ctx.schema.common_fields[fname], raw[fname])
    _cross_checks(ctx, file, raw, what, rspec.fields, props, kinds)
    if ok and raw["from"] == raw["to"]:
        ctx.add(file, raw.line_of("to"), f"{what}: a relation from an entity to itself",
                "check `from:` and `to:`; they must name two different entities")
        ok = False
    cites = _citations(ctx, entry, raw, what)
    if ok:
        _add_edge(ctx, graph, rtype, raw["from"], raw["to"], props, cites)


# --- provenance -----------------------------------------------------------------------------------------


def _check_citations(ctx: _Context, graph: GraphData, kinds: dict[str, str]) -> None:
    """Every citation names a Source, and its quote occurs in that source's document when we have it."""
    for (file, c), line in ctx.citation_lines.items():
        if kinds.get(c.source) != "Source":
            what = f"is a {kinds[c.source]}, not a Source" if c.source in kinds else "is not a Source"
            ctx.add(file, ctx.source_lines.get((file, c), line), f"citation source {c.source!r} {what}",
                    _source_hint(c.source, kinds))
            continue
        src = graph.nodes.get(c.source)
        doc_file = src.props.get("file") if src else None
        if isinstance(doc_file, str):
            text = ctx.document_text(doc_file)
            if text is not None and normalise_quote(c.quote) not in text:
                ctx.add(file, line, f"quote not found in {doc_file}: {c.quote[:60]!r}",
                        "copy the words exactly from the document (spacing and quote marks may differ)")
