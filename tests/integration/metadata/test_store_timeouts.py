"""The configured waits reach every PostgreSQL connection: server timeouts and TCP keepalives.

(What they achieve when the store stalls or resets mid-run is in tests/faults/test_store_lost.py.)
"""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from psycopg.conninfo import make_conninfo

from infrastructure.metadata.postgres_store import PostgresMetadataStore, PostgresTimeouts

pytestmark = pytest.mark.postgres

TIMEOUTS = PostgresTimeouts(
    connect=2, statement=7, pool=3, keepalives_idle=11, keepalives_interval=4, keepalives_count=6
)


@pytest.fixture
def store(pg_dsn: str) -> Iterator[PostgresMetadataStore]:
    # The DSN's own server options stay, beside the timeouts the store adds.
    opened = PostgresMetadataStore(make_conninfo(pg_dsn, options="-c search_path=public"), TIMEOUTS)
    try:
        yield opened
    finally:
        opened.close()


def test_the_server_ends_long_statements_and_abandoned_transactions(
    store: PostgresMetadataStore,
) -> None:
    with store._pool.connection() as connection:
        shown = [
            connection.execute(f"SHOW {name}").fetchone()
            for name in ("statement_timeout", "idle_in_transaction_session_timeout", "search_path")
        ]
    assert shown == [("7s",), ("9s",), ("public",)]  # 9 s: the answer's wait, statement + connect


def test_every_connection_probes_a_silent_peer_as_configured(
    store: PostgresMetadataStore,
) -> None:
    with store._pool.connection() as connection:
        fd = connection.pgconn.socket
        with socket.socket(fileno=socket.dup(fd)) as sock:
            options = {
                "keepalive": sock.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE),
                "idle": sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPIDLE),
                "interval": sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPINTVL),
                "count": sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_KEEPCNT),
            }
    assert options == {"keepalive": 1, "idle": 11, "interval": 4, "count": 6}
