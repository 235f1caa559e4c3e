"""What the command line guards before anything reaches a store or a terminal.

- :func:`redact` removes credentials from text (``bolt://user:pass@host`` and the password itself), so no
  message, log line or traceback shows them.
- :func:`terminal_safe` makes control characters (terminal escape sequences start with one) and bidi overrides
  visible as ``\\u001b``-style escapes instead of letting them act on the user's terminal.
- :func:`check_read_only` refuses, before the store sees it, a read-only statement that would reach outside
  the graph: ``LOAD CSV`` reads files and URLs, ``apoc.*`` and ``dbms.*`` procedures reach the server; and a
  write clause, which read-only mode refuses anyway.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from graph.errors import QueryError

_USERINFO = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*://)[^/@\s'\"]*@")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_OUTSIDE = re.compile(r"\bLOAD\s+CSV\b|\bCALL\s+(apoc|dbms)\s*\.", re.IGNORECASE)
# A write clause: the keyword as a clause, not a property (n.set), a parameter ($set) or a map key ({set: 1}).
_WRITES = re.compile(r"(?<![.\w$])(CREATE|MERGE|SET|DELETE|REMOVE|DROP|FOREACH)\b(?!\s*:)", re.IGNORECASE)
# String literals, quoted identifiers and comments: their words are not clauses.
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.DOTALL)


def redact(text: str, secrets: Iterable[str | None] = ()) -> str:
    """``text`` without the user:password part of any URI and without any of ``secrets``."""
    text = _USERINFO.sub(r"\1***@", text)
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


def terminal_safe(text: str) -> str:
    """Control and bidi-override characters shown as ``\\uXXXX``; newlines and tabs kept."""
    return _CONTROL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def check_read_only(statement: str) -> None:
    """Raise :class:`QueryError` if a read-only statement would read files, call server procedures or write.

    Writes are refused here too, before the store sees them: FalkorDB refuses a write in a read-only query but
    has by then registered the property names it mentions (issue 13, D14), so a refused ``CREATE (:X {a: 1})``
    must not reach it. Words inside strings, quoted names and comments are not clauses.

    >>> check_read_only("MATCH (n) WHERE n.set = 'CREATE' RETURN n {set: 1} // DELETE")
    >>> check_read_only("MATCH (n) SET n.a = 1")
    Traceback (most recent call last):
    ...
    graph.errors.QueryError: this query writes (SET), and queries run read-only — add --write to change the database
    """
    m = _OUTSIDE.search(statement)
    if m:
        what = " ".join(m.group().split()).rstrip(" .")
        raise QueryError(f"{what} reaches outside the graph (files, URLs or the server), and queries run "
                         "read-only — add --write if you mean to run it")
    w = _WRITES.search(_QUOTED.sub(" ", statement))
    if w:
        raise QueryError(f"this query writes ({w.group(1).upper()}), and queries run read-only — add --write to "
                         "change the database")
