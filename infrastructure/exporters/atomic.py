"""One way every export reaches its file: written beside it, then renamed over it, so a reader
never sees half a file; a full disk says where and how much was free."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from infrastructure.disk_full import no_room


def write_atomically(path: Path, write: Callable[[Path], None]) -> Path:
    """`write` a temp file beside `path`, then rename it to `path`; on failure nothing is left."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    try:
        write(partial)
    except Exception as error:
        partial.unlink(missing_ok=True)
        full = no_room(error, path.parent, path.name)
        if full is not None:
            raise full from error
        raise
    os.replace(partial, path)
    return path
