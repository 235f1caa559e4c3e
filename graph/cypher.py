"""Load the Cypher kept as files in ``queries/`` and fill in allow-listed labels and types.

A statement file may contain the placeholders ``__LABEL__`` and ``__TYPE__``: they are replaced by a node
kind or relation type that :class:`~graph.schema.Schema` knows, so no text from data or users can reach
the query text. The vocabulary placeholders (``__CAPTION(x)__``, ``__DATE(x)__``, ``__RELS(set)__``) are filled
from the schema when the file is read (:func:`graph.vocabulary.expand_cypher`). Values always travel as
``$parameters``.
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

    return expand_cypher(with_declarations((QUERIES_DIR / "write" / f"{name}.cypher").read_text(encoding="utf-8")))


def with_declarations(text: str, schema: Schema | None = None) -> str:
    """``text`` with the declared acts-for rule filled in (graph/schema.yaml ``acts_for``): ``__ACTS_FOR__`` (the
    relation types, ``GOVERNS|PART_OF``), ``__ACTS_FOR_DEPTH__``, ``__PLACE_KINDS__`` and ``__BODY_KINDS__``
    (Cypher lists of kind names). Only names from the schema reach the text.

    >>> "__ACTS_FOR__" in with_declarations("MATCH (b)-[:__ACTS_FOR__*1..__ACTS_FOR_DEPTH__]->(p)")
    False
    """
    spec = (schema or load_schema()).acts_for
    return (text.replace("__ACTS_FOR_DEPTH__", str(int(spec.depth)))
            .replace("__ACTS_FOR__", "|".join(spec.relations))
            .replace("__PLACE_KINDS__", "[" + ", ".join(f"'{k}'" for k in spec.places) + "]")
            .replace("__BODY_KINDS__", "[" + ", ".join(f"'{k}'" for k in spec.bodies) + "]"))


def for_label(text: str, kind: str, schema: Schema | None = None) -> str:
    return text.replace("__LABEL__", (schema or load_schema()).label(kind))


def for_type(text: str, rel_type: str, schema: Schema | None = None) -> str:
    return text.replace("__TYPE__", (schema or load_schema()).rel_type(rel_type))
