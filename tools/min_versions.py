"""Print a pip constraints file pinning every runtime dependency to the lower bound pyproject.toml declares.

    python tools/min_versions.py > min.txt && pip install -c min.txt .

``make test`` installs the project this way into a second environment and runs the suite there too, so a lower
bound that is too low (an API the code uses arrived later) fails CI instead of a user's install.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10
    import tomli as tomllib  # type: ignore[no-redef]

NAME = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9_.\-]*)")
LOWER = re.compile(r">=\s*([^,;\s]+)")


def constraints(pyproject: Path) -> list[str]:
    """``name==version`` for each dependency with a ``>=`` bound, in the order declared.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "pyproject.toml"
    >>> _ = p.write_text('[project]\\ndependencies = ["click>=8.2,<9", "rich", "neo4j >= 5.28"]\\n')
    >>> constraints(p)
    ['click==8.2', 'neo4j==5.28']
    """
    deps = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["dependencies"]
    out = []
    for dep in deps:
        name, lower = NAME.match(dep), LOWER.search(dep)
        if name and lower:
            out.append(f"{name.group(1)}=={lower.group(1)}")
    return out


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent
    print("\n".join(constraints(root / "pyproject.toml")))
