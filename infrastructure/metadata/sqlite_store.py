"""SQLite adapter of the metadata store: the embedded, zero-setup default."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from domain.repositories.metadata_store import MetadataStoreError
from infrastructure.metadata.sql_store import SqlMetadataStore, apply_migrations
from infrastructure.sql_files import to_paramstyle


@cache
def _named(query: str) -> str:
    return to_paramstyle(query, "named")


class _SqliteSession:
    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def run(self, query: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        return self._connection.execute(_named(query), dict(params or {})).fetchall()


class SqliteMetadataStore(SqlMetadataStore):
    """One file, one connection shared by worker threads behind a lock; WAL for other readers."""

    backend = "sqlite"

    def __init__(self, path: Path, timeout: float = 10) -> None:
        """`timeout`: seconds a write waits for another process's write lock before failing."""
        self.path = path
        self._timeout = timeout
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._connection = sqlite3.connect(
                path, isolation_level=None, check_same_thread=False, timeout=timeout
            )
            self._wal()
            self._connection.execute("PRAGMA foreign_keys=ON")
            self._lock = threading.RLock()
            self._migrate()
        except (sqlite3.Error, OSError) as error:
            raise MetadataStoreError(f"Cannot open SQLite metadata store {path}: {error}") from None

    def _wal(self) -> None:
        """Switch the file to WAL, waiting up to the timeout for other processes: the switch
        takes the file's exclusive lock, and SQLite may answer "database is locked" at once,
        without its busy wait, to processes opening a new file together."""
        deadline = time.monotonic() + self._timeout
        while True:
            try:
                self._connection.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as error:
                if "locked" not in str(error) or time.monotonic() >= deadline:
                    raise
                time.sleep(0.05)

    @property
    def label(self) -> str:
        return f"SQLite {self.path}"

    @contextmanager
    def _session(self) -> Iterator[_SqliteSession]:
        with self._lock:
            try:
                self._connection.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:  # e.g. locked by another process
                raise MetadataStoreError(
                    f"SQLite metadata store {self.path}: {error} "
                    f"(waited {self._timeout:g} s for another process's write)"
                ) from None
            try:
                yield _SqliteSession(self._connection)
            except BaseException:
                self._connection.execute("ROLLBACK")
                raise
            self._connection.execute("COMMIT")

    def _migrate(self) -> None:
        """Apply pending migrations; BEGIN IMMEDIATE serialises processes starting together."""
        with self._session() as session:
            apply_migrations(session, "sqlite", "TEXT")

    def close(self) -> None:
        self._connection.close()
