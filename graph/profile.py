"""One entity's profile (``partners show``): names, kind, location, partners, networks, projects, figures, sources."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from graph.cypher import statement
from graph.errors import NameResolutionError
from graph.stores.base import QueryResult, Store


@dataclass
class Profile:
    id: str
    props: dict[str, Any]
    located_in: list[str]
    sections: dict[str, QueryResult] = field(default_factory=dict)
    sources: QueryResult | None = None
    #: "title — publisher" of every Source the sections and the entity cite, by id
    source_titles: dict[str, str] = field(default_factory=dict)


SECTIONS = {
    "Partners": "partners-of",
    "Networks and programmes": "memberships-of",
    "Projects, programmes, donors around it": "around",
    "Figures": "figures-of",
}


def build_profile(store: Store, ident: str) -> Profile:
    """Everything ``partners show`` prints about the entity ``ident`` (an id, already resolved)."""
    from queries.library import get_query

    rows = store.query(statement("entity"), {"id": ident}).rows
    if not rows:
        raise NameResolutionError(f"no entity with id {ident!r}")
    props, located_in = rows[0]
    profile = Profile(ident, dict(props), [p for p in located_in if p])
    cited: set[str] = set()
    for title, name in SECTIONS.items():
        q = get_query(name)
        result = profile.sections[title] = store.query(q.text, {p.name: ident for p in q.params})
        cols = [i for i, c in enumerate(result.columns) if c in q.source_columns]
        cited.update(str(s) for r in result.rows for i in cols for s in (r[i] or []))
    profile.sources = store.query(statement("sources_of"), {"id": ident})
    profile.source_titles = source_titles(store, cited | {str(r[0]) for r in profile.sources.rows})
    return profile


def source_titles(store: Store, ids: set[str] | list[str]) -> dict[str, str]:
    """"Title — publisher" of each Source id in ``ids`` (ids the store does not hold are left out)."""
    if not ids:
        return {}
    rows = store.query(statement("source_titles"), {"ids": sorted(ids)}).rows
    return {str(i): " — ".join(str(v) for v in (title, publisher) if v) for i, title, publisher in rows}
