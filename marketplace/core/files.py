"""Private documents (shipping labels, customs forms, invoices) kept as files under the data directory.

Contract:
- :class:`DocumentStore` is what domain code takes: ``save(relative_name, data) -> str`` stores the bytes
  and returns the name to keep (the same relative name); ``open(relative_name) -> bytes`` reads them back
  (``FileNotFoundError`` when absent). ``FileStore.delete(relative_name)`` removes one (absent is fine).
- :class:`FileStore` keeps them under ``root`` (default :data:`DOCUMENTS_DIR`, ``data/documents``: git-ignored
  and never served as static files; only access-checked routes read them). A name is a relative POSIX path
  of segments made of letters, digits, ``.``, ``_`` and ``-`` (no ``..``, no absolute path, at most 200
  characters); anything else is ``ValueError``. ``save`` writes a temporary file beside the target and
  renames it into place, so a stored file is whole; folders are created as needed.
- :func:`private_name` makes a folder name nobody can guess (128 random bits), so a stored name leaks
  nothing about other users' documents even if a route forgot a check.
"""

from __future__ import annotations

import os
import re
import secrets
import tempfile
from pathlib import Path
from typing import Protocol, runtime_checkable

from marketplace.core.settings import DATA_DIR

DOCUMENTS_DIR = DATA_DIR / "documents"
_SEGMENT = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*")
MAX_NAME = 200


@runtime_checkable
class DocumentStore(Protocol):
    def save(self, relative_name: str, data: bytes) -> str: ...

    def open(self, relative_name: str) -> bytes: ...


def private_name(prefix: str) -> str:
    """``prefix`` followed by 128 random bits, usable as one path segment."""
    return f"{prefix}-{secrets.token_hex(16)}"


def _checked(name: object) -> str:
    if not isinstance(name, str) or not name or len(name) > MAX_NAME:
        raise ValueError(f"not a document name: {name!r}")
    parts = name.split("/")
    if not all(_SEGMENT.fullmatch(part) and part not in (".", "..") for part in parts):
        raise ValueError(f"not a document name: {name!r}")
    return name


class FileStore:
    """Documents as files under ``root`` (see the module's contract)."""

    def __init__(self, root: Path | str = DOCUMENTS_DIR) -> None:
        self.root = Path(root)

    def _path(self, relative_name: str) -> Path:
        return self.root.joinpath(*_checked(relative_name).split("/"))

    def save(self, relative_name: str, data: bytes) -> str:
        if not isinstance(data, bytes | bytearray):
            raise TypeError("a document is bytes")
        path = self._path(relative_name)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return relative_name

    def open(self, relative_name: str) -> bytes:
        return self._path(relative_name).read_bytes()

    def delete(self, relative_name: str) -> None:
        self._path(relative_name).unlink(missing_ok=True)


__all__ = ["DOCUMENTS_DIR", "DocumentStore", "FileStore", "private_name"]
