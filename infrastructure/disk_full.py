"""A write that found no room, told as such: where, how much was free, what was written.

Drivers say it in their own words (an OSError's errno, DuckDB's or SQLite's message text); this is
the one place that recognises them, so no disk-full error is mistaken for bad input.
"""

from __future__ import annotations

import errno
import shutil
from pathlib import Path

from domain.errors import DiskFull

_CAUSES = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "a file reached the size limit (ulimit -f)",
}
_WORDS = {
    "No space left on device": errno.ENOSPC,
    "database or disk is full": errno.ENOSPC,
    "Disk quota exceeded": errno.EDQUOT,
    "File too large": errno.EFBIG,
}


def no_room(error: BaseException, folder: Path, what: str) -> DiskFull | None:
    """DiskFull if `error` means a write found no room in `folder`, else None.

    Called once the failed work's partial files are removed: what is free then is what the work
    had, and it needed more.
    """
    code = _cause(error)
    if code is None:
        return None
    told = f"Writing {what} in {folder} failed: {_CAUSES[code]}"
    if code == errno.EFBIG:
        return DiskFull(f"{told}; raise the limit or write elsewhere.")
    try:
        free = shutil.disk_usage(_existing(folder)).free
    except OSError:
        return DiskFull(f"{told}; free some space there or choose another place.")
    return DiskFull(
        f"{told}: it needed more than the {_size(free)} that were free there. "
        "Free some space or choose another place."
    )


def is_no_room(error: BaseException) -> bool:
    """True when `error` (or what it wraps) says a write found no room."""
    return _cause(error) is not None


def _cause(error: BaseException) -> int | None:
    seen: BaseException | None = error
    while seen is not None:  # a driver may wrap the OSError it got
        if isinstance(seen, OSError) and seen.errno in _CAUSES:
            return seen.errno
        for words, code in _WORDS.items():
            if words in str(seen):
                return code
        seen = seen.__cause__ or seen.__context__
    return None


def _existing(folder: Path) -> Path:
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


def _size(count: int) -> str:
    if count < 1000:
        return f"{count} bytes"
    amount = float(count)
    for unit in ("kB", "MB", "GB"):
        amount /= 1000
        if amount < 1000 or unit == "GB":
            break
    return f"{amount:.1f} {unit}"
