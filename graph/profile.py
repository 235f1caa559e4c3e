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
    for title, name in SECTIONS.items():
        q = get_query(name)
        profile.sections[title] = store.query(q.text, {p.name: ident for p in q.params})
    profile.sources = store.query(statement("sources_of"), {"id": ident})
    return profile
