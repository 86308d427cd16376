"""A warehouse file read once in the background, so the OS holds it in its page cache.

An app's first lookups read blocks scattered over the file (a person's orders, payments and
reviews in the Explorer: a row group of each fact). When the file has left the OS's page cache (a
reboot, other work since it was written), each of those reads waits on the disk: the Explorer's
top customer at scale 10 took ~200 ms from disk against ~85 ms from memory
(`benchmarks/screens.py --evict`). Read once, front to back, the file is in the page cache in
well under a second on an SSD, and every later read of it is a read from memory.

The file goes to /dev/null by `os.sendfile`: the kernel reads it into its page cache and copies
nothing to this process. `posix_fadvise(WILLNEED)` would cost less still, but Linux reads only a
few MB ahead per call (8 MB here of a 1.5 GB file) and leaves no way to wait for them.
A file larger than a share of the machine's memory is not read: it would push out what other
programs keep cached, and the OS could not hold it whole anyway (at scale 100 the file is 16 GB).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

CHUNK_BYTES = 1024 * 1024  # a read of the app waits behind one chunk at most (as fast as 8 MB here)
MEMORY_SHARE = 0.25  # a file up to a quarter of the machine's memory is read ahead


def physical_memory_bytes() -> int:
    """The machine's memory, as the DuckDB memory default reads it (0 where unknown)."""
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (AttributeError, ValueError, OSError):  # not a POSIX system
        return 0


def start_read_ahead(path: Path, limit_bytes: int | None = None) -> threading.Thread | None:
    """Read `path` into the page cache in a daemon thread (returned, started; None when no
    thread could be started); nothing is read when the file is larger than `limit_bytes`
    (default: a quarter of the machine's memory)."""
    limit = int(physical_memory_bytes() * MEMORY_SHARE) if limit_bytes is None else limit_bytes
    thread = threading.Thread(
        target=read_into_page_cache,
        args=(path, limit),
        name="warehouse-read-ahead",
        daemon=True,
    )
    try:
        thread.start()
    except RuntimeError:  # no thread to be had now: the file is read on demand, as before
        return None
    return thread


def read_into_page_cache(path: Path, limit_bytes: int) -> int:
    """Read the file at `path` front to back into the OS page cache; the bytes read (0 when it
    is larger than `limit_bytes`, gone or unreadable: a read ahead never fails anybody)."""
    offset = 0
    try:
        with open(path, "rb") as source, open(os.devnull, "wb") as sink:
            size = os.fstat(source.fileno()).st_size
            if size > limit_bytes:
                return 0
            while offset < size:
                sent = os.sendfile(sink.fileno(), source.fileno(), offset, CHUNK_BYTES)
                if sent == 0:
                    break
                offset += sent
    except Exception:  # (OSError; AttributeError where there is no sendfile): what was read is
        pass  # in the cache, the rest is read from the disk when asked for, as before
    return offset


def drop_from_page_cache(path: Path) -> None:
    """The other way, to measure what reading ahead changes: the file's pages dropped from the
    OS page cache, as after a reboot (written out first: only clean pages are dropped)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fdatasync(fd)
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(fd)
