"""Writing a file the user named: the folder must exist, and the file appears whole or not at all.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_atomically(folder / "a.txt", b"x"), (folder / "a.txt").read_bytes()
(None, b'x')
>>> check_folder(folder / "missing" / "a.txt")
Traceback (most recent call last):
graph.errors.BadInputError: cannot write .../missing/a.txt: the folder .../missing does not exist — create it first
"""

from __future__ import annotations

from pathlib import Path

from graph.errors import BadInputError


def check_folder(output: Path) -> None:
    """Raise a one-line error naming the fix when ``output``'s folder does not exist."""
    if not output.parent.is_dir():
        raise BadInputError(f"cannot write {output}: the folder {output.parent} does not exist — create it first")


def write_atomically(output: Path, data: bytes) -> None:
    """Write ``data`` to ``output`` through a temporary file beside it, so a reader never sees half a file."""
    check_folder(output)
    tmp = output.with_name(output.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(output)
