"""What restoring and verifying snapshots needs of the files: a checksum, and a restamped copy.

A restore republishes an older snapshot as a new run: its copy is stamped with the new run's id
(StartupRecovery settles a run left publishing by the stamp inside the published file), and keeps
the run it was restored from. The copy is built beside, like any build, and published by the
snapshot store's one atomic swap.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Mapping
from pathlib import Path

from infrastructure.disk_full import no_room
from infrastructure.duckdb_connection import DEFAULT_RESOURCES, DuckDbResources, connect_duckdb
from infrastructure.sql_files import sql_file

_CHUNK = 1 << 20


def file_checksum(path: Path) -> tuple[str, int]:
    """(SHA-256 in hex, size in bytes) of the file at `path`."""
    digest = hashlib.sha256()
    size = 0
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def restamped_copy(
    source: Path,
    target: Path,
    stamp: Mapping[str, str],
    resources: DuckDbResources = DEFAULT_RESOURCES,
) -> None:
    """Copy `source` to `target` and set (insert or replace) `stamp`'s keys in its stamp.

    A copy that finds no room is removed and told as DiskFull (where, how much was free)."""
    try:
        shutil.copyfile(source, target)
        with connect_duckdb(resources, target) as con:
            query = sql_file("infrastructure.publish", "restamp.sql")
            for key, value in stamp.items():
                con.execute(query, {"key": key, "value": value})
    except Exception as error:
        target.unlink(missing_ok=True)
        full = no_room(error, target.parent, "the restored warehouse")
        if full is None:
            raise
        raise full from None
