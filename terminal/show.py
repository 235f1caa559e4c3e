"""``partners show`` as text: the entity's names, kind and place, one table per section, and its Sources."""

from __future__ import annotations

from graph.profile import SECTIONS, Profile
from graph.vocabulary import display_name
from terminal.tables import Shape, render, source_notes


def shape_of(query_name: str) -> Shape:
    """The id and Source columns the named query declares."""
    from queries.library import get_query

    q = get_query(query_name)
    return Shape(q.id_columns, q.source_columns)


def profile_text(profile: Profile, show_ids: bool = False, width: int | None = None) -> str:
    """The profile as the terminal shows it: names first, ids only with ``show_ids``, Sources numbered once
    for all sections and listed at the end by title and publisher."""
    p = profile.props
    out = [f"{display_name(p, profile.id)} — {p.get('name_uk') or ''}".rstrip(" —")]
    sub = p.get("org_type") or p.get("region_type") or p.get("agreement_kind")
    out.append(f"  kind: {p.get('kind')}" + (f" ({sub})" if sub else "") + (f"   id: {profile.id}" if show_ids else ""))
    if p.get("aliases"):
        out.append("  also: " + "; ".join(p["aliases"]))
    if profile.located_in:
        out.append("  in: " + ", ".join(profile.located_in))
    if p.get("note"):
        out.append("  note: " + " ".join(str(p["note"]).split()))
    notes: dict[str, int] = {}
    for title, result in profile.sections.items():
        if result.rows:
            out.append(f"\n{title}")
            out.append(render(result, "table", width=width, shape=shape_of(SECTIONS[title]), show_ids=show_ids,
                              notes=notes))
    for row in profile.sources.rows if profile.sources else []:  # its own sources, cited by no row, come last
        notes.setdefault(str(row[0]), len(notes) + 1)
    if notes:
        out.append("\nSources")
        out.append(source_notes(notes, profile.source_titles, width))
    return "\n".join(out)
