"""Resolve a Ukrainian place named in a data file to the one entity of the reference layer it means.

The reference layer (``reference/katottg/``) holds every oblast, raion and territorial community of the
KATOTTG codifier. A data row names a place and its oblast, and sometimes a gazetteer code (the first 12
characters of the codifier code of the settlement: ``UA`` + oblast, raion, hromada, settlement). Resolution:

1. ``code`` — the row's code names the hromada (its first 9 characters are the hromada's);
2. ``oblast`` — the name is an oblast-level unit (an oblast, Crimea, Kyiv, Sevastopol);
3. ``name-in-oblast`` — the name is the centre or the hromada of exactly one community in the row's oblast;
   a row that gives no oblast (the world table) is resolved by :meth:`UkrainianPlaces.resolve_anywhere` instead:
   the exact name or alias of one codifier (or seed) entity, else the centre of exactly one community in Ukraine;
   a name two communities bear is ``ambiguous`` — reported, never guessed;
4. otherwise none (the caller keeps its own rule, e.g. a new City node), counted as ``unmatched``.

A hromada whose centre is a seed city is that City: ``tools/katottg_seeds.py`` folds the hromada into it (the
hromada's code and names are the City's aliases), so its code and names resolve to the City — one actor, the seeds
win. A hromada tied to a seed City by ``HAS_CENTRE`` (a settlement centre) resolves to that City too.
"""

from __future__ import annotations

import re
from collections import defaultdict

from graph.model import GraphData, Node
from graph.names import name_key

_CODE = re.compile(r"UA\d{10}")
_FULL = re.compile(r"^UA\d{17}$")
_SUFFIX = re.compile(r"\s*(міська|селищна|сільська)?\s*(територіальна громада|hromada)$", re.IGNORECASE)


# tools/katottg_seeds.py folds only hromadas whose centre is a city (codifier category M) into a seed City, and the
# codifier makes a hromada centred on a city urban: a City that stands for its hromada is an urban hromada.
FOLDED_CITY_TYPE = "urban"


def code_level(code: str) -> str:
    """The level of a codifier code: ``oblast`` (and Crimea, Kyiv, Sevastopol), ``raion``, ``hromada`` or
    ``settlement`` — from which of its digit groups (UA + oblast 2, raion 2, hromada 3, settlement 3) are set.

    >>> [code_level(c) for c in ("UA74000000000025378", "UA74020000000089267", "UA74020030000069340",
    ...                          "UA74020030010065172")]
    ['oblast', 'raion', 'hromada', 'settlement']
    """
    if code[4:14] == "0" * 10:
        return "oblast"
    if code[6:9] == "000":
        return "raion"
    return "hromada" if code[9:12] == "000" else "settlement"


def is_hromada(node: Node) -> bool:
    """A territorial community of the codifier: a Community, or a City the hromada was folded into."""
    code = katottg_code(node)
    return code is not None and code_level(code) == "hromada" and node.kind in ("Community", "City")


def katottg_code(node: Node) -> str | None:
    """The codifier code of a node: its ``katottg`` field, or a code among its aliases (seed entities)."""
    code = node.props.get("katottg")
    if isinstance(code, str):
        return code
    aliases = node.props.get("aliases")
    if isinstance(aliases, list):
        for a in aliases:
            if isinstance(a, str) and _FULL.match(a):
                return a
    return None


class UkrainianPlaces:
    """Indexes of the reference layer in ``graph``, built once per import."""

    def __init__(self, graph: GraphData):
        self.hromada_by_prefix: dict[str, str] = {}
        self.by_name: dict[tuple[str, str], set[str]] = defaultdict(set)
        self.oblasts: dict[str, str] = {}
        centre_city = {e.source: e.target for e in graph.edges if e.type == "HAS_CENTRE"}
        for n in graph.nodes.values():
            code = katottg_code(n)
            if code is None:
                continue
            if is_hromada(n):
                target = centre_city.get(n.id, n.id)
                self.hromada_by_prefix[code[:9]] = target
                aliases = n.props.get("aliases") if n.kind == "City" else None  # the folded hromada's names
                names = [n.props.get("centre"), n.props.get("name_uk"), n.props.get("name_en"),
                         *(aliases if isinstance(aliases, list) else [])]
                for name in names:
                    if isinstance(name, str) and name:
                        self.by_name[(code[2:4], name_key(_SUFFIX.sub("", name)))].add(target)
            elif code[4:14] == "0" * 10:  # oblast-level units: only the oblast digits are set
                self.oblasts[code[2:4]] = n.id
        # exact names and aliases of the codifier's hromadas and of the seed cities folded into them (no suffix
        # stripped: "Rivnenska hromada", "Kyiv"), for rows that give no oblast
        self.by_exact: dict[str, set[str]] = defaultdict(set)
        for n in graph.nodes.values():
            code = katottg_code(n)
            if code is None or not is_hromada(n):
                continue
            aliases = n.props.get("aliases")
            exact = (n.props.get("name_uk"), n.props.get("name_en"), *(aliases if isinstance(aliases, list) else []))
            for name in exact:
                if isinstance(name, str) and name and not _FULL.match(name):
                    self.by_exact[name_key(name)].add(centre_city.get(n.id, n.id))
        self._by_key: dict[str, list[tuple[tuple[str, str], set[str]]]] = defaultdict(list)
        for k, ids in self.by_name.items():
            self._by_key[k[1]].append((k, ids))
        self.oblast_names: dict[str, str] = {}
        for ob, ident in self.oblasts.items():
            node = graph.nodes[ident]
            aliases = node.props.get("aliases")
            for name in (node.props.get("name_en"), node.props.get("name_uk"),
                         *(aliases if isinstance(aliases, list) else [])):
                if isinstance(name, str):
                    self.oblast_names[name_key(name)] = ob
        for alias, ob in (("kyiv city", "80"), ("sevastopol city", "85")):
            self.oblast_names.setdefault(alias, ob)

    def oblast_code(self, oblast: str) -> str | None:
        return self.oblast_names.get(name_key(oblast))

    def resolve(self, name: str, oblast: str, method_field: str = "") -> tuple[str | None, str]:
        """(entity id, method) for the place ``name`` in ``oblast``; (None, "unmatched") when unknown."""
        m = _CODE.search(method_field or "")
        if m and m.group(0)[:9] in self.hromada_by_prefix:
            return self.hromada_by_prefix[m.group(0)[:9]], "code"
        if not oblast.strip():
            return self.resolve_anywhere(name)
        key = name_key(name)
        if key in self.oblast_names and self.oblast_code(oblast) == self.oblast_names[key]:
            return self.oblasts[self.oblast_names[key]], "oblast"
        ob = self.oblast_code(oblast) if oblast else None
        if ob is not None:
            found = self.by_name.get((ob, key), set())
            if len(found) == 1:
                return next(iter(found)), "name-in-oblast"
        return None, "unmatched"

    def resolve_anywhere(self, name: str) -> tuple[str | None, str]:
        """For a row that gives no oblast: an oblast-level unit, the one codifier entity of that exact name or alias,
        else the one community of that centre (or hromada) name in Ukraine; ``ambiguous`` when several bear it."""
        key = name_key(name)
        if key in self.oblast_names:
            return self.oblasts[self.oblast_names[key]], "oblast"
        exact = self.by_exact.get(key, set())
        if len(exact) == 1:
            return next(iter(exact)), "codifier name or alias"
        found = set().union(*(ids for (_ob, k), ids in self._by_key.get(key, [])))
        if len(found) == 1:
            return next(iter(found)), "name unique in Ukraine"
        return None, "ambiguous" if len(found) > 1 or len(exact) > 1 else "unmatched"
