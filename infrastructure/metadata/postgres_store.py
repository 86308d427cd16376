"""PostgreSQL adapter of the metadata store: the team store, pooled with psycopg_pool."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool, PoolTimeout

from domain.repositories.metadata_store import MetadataStoreError, MetadataStoreLost
from infrastructure.error_text import first_line
from infrastructure.metadata.sql_store import SqlMetadataStore, apply_migrations
from infrastructure.metadata.watchdog import Watchdog
from infrastructure.sql_files import to_paramstyle

_MIGRATION_LOCK = 727_001  # advisory lock id: one migrator at a time across processes


@cache
def _to_psycopg(query: str) -> str:
    return to_paramstyle(query, "pyformat")


@dataclass(frozen=True)
class PostgresTimeouts:
    """How long the store waits for PostgreSQL, in seconds (the configuration's values).

    Each bounds one way of waiting: a new connection (`connect`), a pooled one (`pool`), a
    statement the server works on (`statement`, enforced by the server), and an answer that
    never comes (`answer`, enforced here: a stalled network or server is silent, and neither
    the server's timeout nor TCP keepalives can end a wait on a peer whose kernel still acks).
    """

    connect: int = 5
    statement: int = 30
    pool: int = 10
    keepalives_idle: int = 10
    keepalives_interval: int = 5
    keepalives_count: int = 3

    @property
    def answer(self) -> int:
        """No answer to a round trip for this long: the store is lost."""
        return self.statement + self.connect

    def connection_options(self, dsn: str) -> dict[str, Any]:
        """libpq parameters of every connection; they take precedence over the DSN's own."""
        try:
            options = conninfo_to_dict(dsn).get("options") or ""
        except psycopg.Error:
            options = ""
        server = (  # a transaction left open by a client that vanished ends, and frees its locks
            f"-c statement_timeout={self.statement * 1000} "
            f"-c idle_in_transaction_session_timeout={self.answer * 1000}"
        )
        return {
            "connect_timeout": self.connect,
            "keepalives": 1,
            "keepalives_idle": self.keepalives_idle,
            "keepalives_interval": self.keepalives_interval,
            "keepalives_count": self.keepalives_count,
            "options": f"{options} {server}".strip(),
        }


class _PgSession:
    def __init__(self, connection: psycopg.Connection[tuple[Any, ...]], watchdog: Watchdog) -> None:
        self._connection = connection
        self._watchdog = watchdog

    def run(self, query: str, params: Mapping[str, Any] | None = None) -> list[tuple[Any, ...]]:
        self._watchdog.restart()  # each round trip gets the whole time to answer
        if params is None:  # no placeholders to fill: a literal % (e.g. in a migration) stays as is
            cursor = self._connection.execute(query.encode())
        else:
            cursor = self._connection.execute(_to_psycopg(query), dict(params))
        rows = cursor.fetchall() if cursor.description else []
        self._watchdog.restart()  # and so does the commit that follows
        return rows


def describe_target(dsn: str) -> str:
    """host, port and database of a DSN, for messages (never the password)."""
    try:
        info = conninfo_to_dict(dsn)
    except psycopg.Error:
        return "PostgreSQL (unparseable DSN)"
    host = info.get("host") or "localhost"
    return f"host {host} port {info.get('port') or 5432} database {info.get('dbname') or '?'}"


class PostgresMetadataStore(SqlMetadataStore):
    backend = "postgres"

    def __init__(
        self, dsn: str, timeouts: PostgresTimeouts | None = None, max_size: int = 4
    ) -> None:
        self._target = describe_target(dsn)
        self._timeouts = timeouts or PostgresTimeouts()
        options = self._timeouts.connection_options(dsn)
        watchdog: Watchdog | None = None
        try:
            with psycopg.connect(dsn, **options) as connection:
                watchdog = self._watchdog(connection)
                self._migrate(connection, watchdog)
        except psycopg.Error as error:
            raise MetadataStoreError(
                f"Cannot use the PostgreSQL metadata store ({self._target}): "
                f"{self._reason(error, watchdog)}"
            ) from None
        self._pool = ConnectionPool(
            dsn,
            min_size=1,
            max_size=max_size,
            kwargs=options,
            timeout=self._timeouts.pool,
            check=self._check,
            open=True,
            name="workbench-metadata",
        )

    @property
    def label(self) -> str:
        return f"PostgreSQL {self._target}"

    @contextmanager
    def _session(self) -> Iterator[_PgSession]:
        watchdog: Watchdog | None = None
        try:
            with self._pool.connection() as connection:
                watchdog = self._watchdog(connection)
                with watchdog, connection.transaction():
                    yield _PgSession(connection, watchdog)
        except psycopg.OperationalError as error:  # also PoolTimeout
            raise MetadataStoreLost(
                f"Lost the PostgreSQL metadata store ({self._target}): "
                f"{self._reason(error, watchdog)}"
            ) from None

    def _watchdog(self, connection: psycopg.Connection[tuple[Any, ...]]) -> Watchdog:
        return Watchdog(connection.pgconn.socket, self._timeouts.answer)

    def _check(self, connection: psycopg.Connection[tuple[Any, ...]]) -> None:
        """The pool's test of a connection before lending it: a stale one is replaced."""
        with self._watchdog(connection):
            ConnectionPool.check_connection(connection)

    def _reason(self, error: Exception, watchdog: Watchdog | None = None) -> str:
        if isinstance(error, PoolTimeout):
            return f"no working connection within {self._timeouts.pool} s"
        if watchdog is not None and watchdog.fired:
            return f"no answer within {self._timeouts.answer} s"
        return re.sub(r"^connection failed: ", "", first_line(error))

    @staticmethod
    def _migrate(connection: psycopg.Connection[tuple[Any, ...]], watchdog: Watchdog) -> None:
        """Apply pending migrations in one transaction under an advisory lock."""
        with watchdog, connection.transaction():
            session = _PgSession(connection, watchdog)
            session.run(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK})")
            apply_migrations(session, "postgres", "TIMESTAMP")

    def close(self) -> None:
        self._pool.close()
