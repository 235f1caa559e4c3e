"""Load the Cypher kept as files in ``queries/`` and fill in allow-listed labels and types.

A statement file may contain the placeholders ``__LABEL__`` and ``__TYPE__``: they are replaced by a node
kind or relation type that :class:`~graph.schema.Schema` knows, so no text from data or users can reach
the query text. The declared placeholders (``__CAPTION(x)__``, ``__DATE(x)__``, ``__RELS(set)__``,
``__LIST(name)__``, ``__ACTS_FOR__``…) are filled from the schema when the file is read, by the one filler
:func:`graph.vocabulary.expand_cypher`. Values always travel as ``$parameters``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from graph.schema import Schema, load_schema

QUERIES_DIR = Path(__file__).resolve().parent.parent / "queries"


@cache
def statement(name: str) -> str:
    """The text of ``queries/write/<name>.cypher`` (the writer's and the library's own statements)."""
    from graph.vocabulary import expand_cypher

    return expand_cypher((QUERIES_DIR / "write" / f"{name}.cypher").read_text(encoding="utf-8"))


def for_label(text: str, kind: str, schema: Schema | None = None) -> str:
    return text.replace("__LABEL__", (schema or load_schema()).label(kind))


def for_type(text: str, rel_type: str, schema: Schema | None = None) -> str:
    return text.replace("__TYPE__", (schema or load_schema()).rel_type(rel_type))
