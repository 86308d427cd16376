"""Content fingerprint of a source: equal files hash equal, whether from a folder or a zip."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

_CHUNK = 1 << 20


def fingerprint(files: Iterable[tuple[str, Path]]) -> str:
    """SHA-256 over each file's name, size and bytes (1 MiB chunks), in the order given."""
    digest = hashlib.sha256()
    for name, path in files:
        digest.update(name.encode())
        digest.update(path.stat().st_size.to_bytes(8, "big"))
        with path.open("rb") as f:
            while chunk := f.read(_CHUNK):
                digest.update(chunk)
    return digest.hexdigest()
