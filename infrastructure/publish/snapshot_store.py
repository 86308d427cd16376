"""Published warehouse snapshots: build beside, publish by atomic rename, keep the last N.

The published file (`warehouse_path`) is always complete: a run builds into `.building/`, and only
a run that passed the quality gate is moved onto it with `os.replace` (atomic on one filesystem).
Each published file is also hard-linked as `snapshots/run-<id>.duckdb`, so earlier snapshots cost
no copy and stay readable by anyone who still has them open.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from domain.cancellation import CancelToken
from domain.errors import DataDirUnwritable, IngestionBusy
from infrastructure.duckdb_connection import DEFAULT_RESOURCES, DuckDbResources, connect_duckdb
from infrastructure.faults import pause_at
from infrastructure.sql_files import sql_file

_SNAPSHOT = re.compile(r"^run-(\d+)\.duckdb$")


@dataclass(frozen=True)
class Snapshot:
    run_id: int
    path: Path


class SnapshotStore:
    def __init__(
        self, warehouse_path: Path, keep: int, resources: DuckDbResources = DEFAULT_RESOURCES
    ) -> None:
        self.warehouse_path = warehouse_path
        self.keep = keep
        self._resources = resources
        self._building = warehouse_path.parent / ".building"
        self._snapshots = warehouse_path.parent / "snapshots"

    def build_path(self, run_id: int) -> Path:
        """A fresh file for one run to build into; never where readers look."""
        _own_folder(self._building)
        path = self._building / f"run-{run_id}.duckdb"
        self.discard(path)
        return path

    def publish(self, build_path: Path, run_id: int, cancel: CancelToken | None = None) -> Path:
        """Make the built file the published warehouse, atomically; prune old snapshots.

        A cancel stops it up to the instant of the swap (QueryCancelled, nothing published);
        from the swap on, the run is published."""
        cancel = cancel or CancelToken()
        pause_at("publish", cancel)
        _own_folder(self._snapshots)
        snapshot = self._snapshots / f"run-{run_id}.duckdb"
        snapshot.unlink(missing_ok=True)
        try:
            os.link(build_path, snapshot)
        except OSError:  # a filesystem without hard links: keep a copy instead
            shutil.copyfile(build_path, snapshot)
        try:
            pause_at("swap", cancel)
            cancel.raise_if_cancelled("The run was cancelled before its snapshot was published.")
            os.replace(build_path, self.warehouse_path)
        except BaseException:
            snapshot.unlink(missing_ok=True)
            raise
        pause_at("swapped", cancel)
        with contextlib.suppress(OSError):  # published already: an old file left behind is harmless
            self.prune()
        return self.warehouse_path

    def discard(self, build_path: Path) -> None:
        for suffix in ("", ".wal", ".tmp"):  # the file, its WAL, DuckDB's spill directory
            _remove(build_path.with_name(build_path.name + suffix))

    def published_stamp(self) -> dict[str, str]:
        """The stamp inside the published file; {} when there is none or it cannot be read."""
        if not self.warehouse_path.exists():
            return {}
        import duckdb  # here: start-up recovery builds this store, and rarely reads a stamp

        try:
            with connect_duckdb(self._resources, self.warehouse_path, read_only=True) as con:
                query = sql_file("infrastructure.publish", "published_stamp.sql")
                return {str(key): str(value) for key, value in con.execute(query).fetchall()}
        except duckdb.Error:
            return {}

    def forget(self, run_id: int) -> None:
        (self._snapshots / f"run-{run_id}.duckdb").unlink(missing_ok=True)

    def snapshots(self) -> list[Snapshot]:
        """Kept snapshots, newest first."""
        if not self._snapshots.exists():
            return []
        found = [
            Snapshot(int(m[1]), entry)
            for entry in self._snapshots.iterdir()
            if (m := _SNAPSHOT.match(entry.name))
        ]
        return sorted(found, key=lambda s: s.run_id, reverse=True)

    def prune(self) -> None:
        for old in self.snapshots()[self.keep :]:
            old.path.unlink(missing_ok=True)

    def clean_abandoned_builds(self, active_run_ids: set[int]) -> int:
        """Remove half-built files of runs that are no longer running (crashed or killed)."""
        if not self._building.is_dir():
            return 0
        removed = 0
        for leftover in self._building.iterdir():
            match = re.match(r"^run-(\d+)\.duckdb(\.wal|\.tmp)?$", leftover.name)
            if match is None or int(match[1]) not in active_run_ids:
                _remove(leftover)
                removed += 1
        return removed

    @contextlib.contextmanager
    def exclusive(self) -> Iterator[None]:
        """Hold the data dir's ingestion lock: one run builds and publishes at a time."""
        folder = self.warehouse_path.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            lock = (folder / ".ingest.lock").open("a+")
        except OSError as error:
            raise DataDirUnwritable(
                f"Cannot write in the data dir {folder}: {error.strerror or error}. Point "
                "data_dir (or warehouse_path) at a folder you can write, or make it writable."
            ) from None
        with lock as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                raise IngestionBusy(
                    f"Another ingestion is running on {self.warehouse_path.parent} ({holder}); "
                    "wait for it to finish, or cancel it."
                ) from None
            handle.seek(0)
            handle.truncate()
            handle.write(f"pid {os.getpid()}")
            handle.flush()
            _own_folder(self._building)  # before a run is recorded: it could not build
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _own_folder(folder: Path) -> None:
    """Make the workbench's own folder in the data dir; one line if something else is there."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DataDirUnwritable(
            f"Cannot use {folder}, the workbench's own folder in the data dir: "
            f"{error.strerror or error}. Move away what is there (or make it writable)."
        ) from None


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
