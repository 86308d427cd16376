"""PostgreSQL adapter of the metadata store: the team store, pooled with psycopg_pool."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cache
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool

from domain.repositories.metadata_store import MetadataStoreError
from infrastructure.error_text import first_line
from infrastructure.metadata.sql_store import SqlMetadataStore, apply_migrations
from infrastructure.sql_files import to_paramstyle

_MIGRATION_LOCK = 727_001  # advisory lock id: one migrator at a time across processes


@cache
def _to_psycopg(query: str) -> str:
    return to_paramstyle(query, "pyformat")


class _PgSession:
    def __init__(self, connection: psycopg.Connection[tuple[Any, ...]]) -> None:
        self._connection = connection

    def run(self, query: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        if params is None:  # no placeholders to fill: a literal % (e.g. in a migration) stays as is
            cursor = self._connection.execute(query.encode())
        else:
            cursor = self._connection.execute(_to_psycopg(query), dict(params))
        return cursor.fetchall() if cursor.description else []


def describe_target(dsn: str) -> str:
    """host, port and database of a DSN, for messages (never the password)."""
    try:
        info = conninfo_to_dict(dsn)
    except psycopg.Error:
        return "PostgreSQL (unparseable DSN)"
    host = info.get("host") or "localhost"
    return f"host {host} port {info.get('port') or 5432} database {info.get('dbname') or '?'}"


def _reason(error: Exception) -> str:
    return re.sub(r"^connection failed: ", "", first_line(error))


class PostgresMetadataStore(SqlMetadataStore):
    backend = "postgres"

    def __init__(self, dsn: str, connect_timeout: int = 5, max_size: int = 4) -> None:
        self._target = describe_target(dsn)
        try:
            with psycopg.connect(dsn, connect_timeout=connect_timeout) as connection:
                self._migrate(connection)
        except psycopg.Error as error:
            raise MetadataStoreError(
                f"Cannot use the PostgreSQL metadata store ({self._target}): {_reason(error)}"
            ) from None
        self._pool = ConnectionPool(
            dsn,
            min_size=1,
            max_size=max_size,
            kwargs={"connect_timeout": connect_timeout},
            timeout=connect_timeout,
            open=True,
            name="workbench-metadata",
        )

    @property
    def label(self) -> str:
        return f"PostgreSQL {self._target}"

    @contextmanager
    def _session(self) -> Iterator[_PgSession]:
        try:
            with self._pool.connection() as connection, connection.transaction():
                yield _PgSession(connection)
        except psycopg.OperationalError as error:
            raise MetadataStoreError(
                f"Lost the PostgreSQL metadata store ({self._target}): {_reason(error)}"
            ) from None

    @staticmethod
    def _migrate(connection: psycopg.Connection[tuple[Any, ...]]) -> None:
        """Apply pending migrations in one transaction under an advisory lock."""
        with connection.transaction():
            session = _PgSession(connection)
            session.run(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
            apply_migrations(session, "postgres", "TIMESTAMP")

    def close(self) -> None:
        self._pool.close()
