"""YAML reading that remembers where each mapping, key and list item stood.

Validation messages name ``file:line``; PyYAML's constructed objects forget their position, so mappings and
sequences are built as :class:`LineDict` / :class:`LineList`, which carry it. The C loader (``CSafeLoader``)
is used when PyYAML was built with libyaml: it parses several times faster and gives the same marks.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

try:  # libyaml is optional in PyYAML wheels; fall back to the pure-Python parser.
    from yaml import CSafeLoader as _BaseLoader
except ImportError:  # pragma: no cover - depends on the PyYAML build
    from yaml import SafeLoader as _BaseLoader  # type: ignore[assignment]


class LineDict(dict[Any, Any]):
    """A dict that knows its own line and the line of each key (1-based)."""

    line: int = 0
    key_lines: dict[Any, int]
    duplicate_keys: list[tuple[Any, int]]

    def line_of(self, key: Any) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list[Any]):
    """A list that knows its own line and the line of each item (1-based)."""

    line: int = 0
    item_lines: list[int]

    def line_of(self, index: int) -> int:
        return self.item_lines[index] if index < len(self.item_lines) else self.line


class _LineLoader(_BaseLoader):
    pass


def _construct_mapping(loader: Any, node: yaml.MappingNode) -> LineDict:
    """A mapping with the line of each key. YAML merge keys (``<<: *base``) are resolved as the YAML spec says:
    the mapping's own keys override the merged ones (not a duplicate); only a key written twice in the mapping
    itself is one. A merged key keeps the line where the anchor wrote it."""
    own = {id(k) for k, _ in node.value if k.tag != "tag:yaml.org,2002:merge"}
    loader.flatten_mapping(node)
    out = LineDict()
    out.line = node.start_mark.line + 1
    out.key_lines = {}
    out.duplicate_keys = []
    written: set[Any] = set()  # keys the mapping itself wrote
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        if id(key_node) in own:
            if key in written:
                out.duplicate_keys.append((key, line))
            written.add(key)
        elif key in out.key_lines:  # merged twice (<<: [*a, *b]): the first merged map wins, as in the spec
            continue
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_lines[key] = line
    return out


def _construct_sequence(loader: Any, node: yaml.SequenceNode) -> LineList:
    out = LineList(loader.construct_object(child, deep=True) for child in node.value)
    out.line = node.start_mark.line + 1
    out.item_lines = [child.start_mark.line + 1 for child in node.value]
    return out


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def _construct_timestamp(loader: Any, node: yaml.ScalarNode) -> Any:
    """An impossible date (2022-02-30) stays text, so validation reports it at its line instead of crashing."""
    try:
        return _BaseLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def load_yaml(path: Path) -> Any:
    """Parse one YAML file into LineDict/LineList values. Raises ``yaml.YAMLError`` on bad syntax."""
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass


def line_of(value: Any, default: int = 0) -> int:
    return int(getattr(value, "line", default) or default)
