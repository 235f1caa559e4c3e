"""Fixtures the fault tests share on both stores."""

from __future__ import annotations

from pathlib import Path

import pytest

Q = "Долинська міська рада співпрацює з муніципалітетами низки іноземних країн"


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A valid seed file large enough that a load writes for a while (20,000 cities)."""
    path = tmp_path_factory.mktemp("many") / "many.yaml"
    with path.open("w", encoding="utf-8") as f:
        f.write("source: src-001-dolyna\nentities:\n")
        for i in range(20000):
            f.write(f"  - {{id: ua-many-{i}, kind: City, name: {{en: Many {i}}}, quote: \"{Q}\"}}\n")
    return path
