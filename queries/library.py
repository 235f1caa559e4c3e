"""The named queries: one ``queries/<name>.cypher`` file each, described by its header comment.

Header lines (``//`` comments at the top of the file)::

    // name: partners-of
    // description: what it answers
    // param: name entity required — what the parameter means
    // example: partners query partners-of -p name=Dolyna
    // ids: partner, via
    // sources: sources

Parameter types: ``entity`` (a name, alias or id, resolved to an entity id before the query runs), ``string``,
``int``, ``date`` (YYYY, YYYY-MM or YYYY-MM-DD), ``bool`` (yes/no, true/false, 1/0). Optional parameters are
passed as null when not given.
``ids`` names the returned columns that hold entity ids and ``sources`` those that hold Source ids: a terminal
table hides the first unless asked (``--ids``) and turns the second into numbered notes (:mod:`terminal.tables`).
Values always travel as ``$parameters``; the query text is never built from input.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from graph.errors import QueryError
from graph.stores.base import QueryResult, Store
from graph.vocabulary import UNFILLED, expand_cypher, parse_partial_date

QUERIES_DIR = Path(__file__).resolve().parent
PARAM_TYPES = ("entity", "string", "int", "date", "bool")
BOOL_WORDS = {"yes": True, "true": True, "1": True, "no": False, "false": False, "0": False}
_PARAM = re.compile(
    r"^(?P<name>[a-z_][a-z0-9_]*)\s+(?P<type>\w+)\s+(?P<req>required|optional)\s*(?:—|-)\s*(?P<doc>.*)$")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    required: bool
    doc: str


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    examples: tuple[str, ...]
    text: str
    path: Path
    id_columns: tuple[str, ...] = ()
    source_columns: tuple[str, ...] = ()


def parse_query_file(path: Path) -> NamedQuery:
    """Read one query file and its header; raises QueryError naming the file and line when malformed."""
    text = path.read_text(encoding="utf-8")
    fields: dict[str, list[str]] = {"name": [], "description": [], "param": [], "example": [], "ids": [],
                                    "sources": []}
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.startswith("//"):
            break
        m = re.match(r"^//\s*(\w+):\s*(.*)$", line)
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key not in fields:
            raise QueryError(f"{path}:{lineno}: unknown header field {key!r} — use name, description, param, "
                             f"example, ids, sources")
        fields[key].append(value)
    if len(fields["name"]) != 1 or fields["name"][0] != path.stem:
        raise QueryError(f"{path}:1: the header must say `// name: {path.stem}` (the file name)")
    if not fields["description"]:
        raise QueryError(f"{path}: missing `// description:` line")
    params = []
    for spec in fields["param"]:
        m = _PARAM.match(spec)
        if not m or m.group("type") not in PARAM_TYPES:
            raise QueryError(f"{path}: bad param line {spec!r} — write `// param: NAME TYPE required|optional — doc` "
                             f"with TYPE one of {', '.join(PARAM_TYPES)}")
        params.append(Param(m.group("name"), m.group("type"), m.group("req") == "required", m.group("doc")))
    text = expand_cypher(text)  # every declared placeholder: __CAPTION(x)__, __LIST(name)__, __ACTS_FOR__…
    left = UNFILLED.search(text)
    if left:
        raise QueryError(f"{path}:{text[:left.start()].count(chr(10)) + 1}: unknown placeholder {left.group(0)!r} — "
                         "the declared ones are filled by graph.vocabulary.expand_cypher")
    used = set(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", text))
    declared = {p.name for p in params}
    if used != declared:
        raise QueryError(f"{path}: parameters used {sorted(used)} differ from those declared {sorted(declared)}")
    columns = {key: tuple(c.strip() for v in fields[key] for c in v.split(",") if c.strip())
               for key in ("ids", "sources")}
    for key, names in columns.items():
        bad = [c for c in names if not re.fullmatch(r"[a-z_][a-z0-9_]*", c)]
        if bad:
            raise QueryError(f"{path}: `// {key}:` takes column names separated by commas, got {bad[0]!r}")
    return NamedQuery(path.stem, " ".join(fields["description"]), tuple(params), tuple(fields["example"]),
                      text, path, columns["ids"], columns["sources"])


@lru_cache(maxsize=1)
def load_library(directory: Path = QUERIES_DIR) -> dict[str, NamedQuery]:
    """Every named query in ``directory``, by name."""
    return {p.stem: parse_query_file(p) for p in sorted(directory.glob("*.cypher"))}


def get_query(name: str) -> NamedQuery:
    library = load_library()
    if name not in library:
        import difflib

        close = difflib.get_close_matches(name, list(library), n=3)
        hint = f"did you mean {', '.join(close)}?" if close else "`partners query` lists them"
        raise QueryError(f"no named query {name!r} — {hint}")
    return library[name]


Resolver = Callable[[str], str]


def bind_params(query: NamedQuery, given: Mapping[str, str], resolve: Resolver) -> dict[str, Any]:
    """Check and convert the user's ``-p key=value`` strings for ``query``; entity names become ids."""
    declared = {p.name: p for p in query.params}
    unknown = sorted(set(given) - set(declared))
    if unknown:
        expected = ", ".join(declared) or "none"
        raise QueryError(f"{query.name} has no parameter {unknown[0]!r} — its parameters: {expected}")
    out: dict[str, Any] = {}
    for p in query.params:
        raw = given.get(p.name)
        if raw is None or raw == "":
            if p.required:
                raise QueryError(f"{query.name} needs the parameter {p.name!r} ({p.doc}) — pass it with "
                                 f"-p {p.name}=VALUE")
            out[p.name] = None
        elif p.type == "entity":
            out[p.name] = resolve(raw)
        elif p.type == "int":
            try:
                out[p.name] = int(raw)
            except ValueError:
                raise QueryError(f"parameter {p.name!r} must be a whole number, got {raw!r}") from None
        elif p.type == "bool":
            if raw.strip().lower() not in BOOL_WORDS:
                raise QueryError(f"parameter {p.name!r} takes yes or no, got {raw!r}")
            out[p.name] = BOOL_WORDS[raw.strip().lower()]
        elif p.type == "date":
            if parse_partial_date(raw) is None:
                raise QueryError(f"parameter {p.name!r} must be a date (YYYY, YYYY-MM or YYYY-MM-DD), got {raw!r}")
            out[p.name] = raw
        else:
            out[p.name] = raw
    return out


def run_named(store: Store, name: str, params: Mapping[str, str] | None = None,
              resolve: Resolver | None = None, fetch: int | None = None) -> QueryResult:
    """Run the named query ``name`` with user-given string parameters (names resolved with ``resolve``);
    with ``fetch``, at most that many rows are fetched from the store."""
    from graph.names import NameIndex

    query = get_query(name)
    resolver = resolve or NameIndex.from_store(store).resolve
    return store.query(query.text, bind_params(query, params or {}, resolver), fetch=fetch)
