"""DuckDB's side of a cancel token: a cancel interrupts the query running on one connection.

DuckDB forgets an interrupt that arrives before a query starts (the moment between taking the
cursor and the query's first step, which a loaded machine stretches): once the token is
cancelled, the connection is interrupted again every INTERRUPT_EVERY_SECONDS until the block
ends, so a cancel is never lost to that moment; a query that finished despite a cancel is
discarded.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

from domain.cancellation import CancelToken
from domain.errors import QueryCancelled

INTERRUPT_EVERY_SECONDS = 0.05


@contextmanager
def interrupted_on_cancel(con: duckdb.DuckDBPyConnection, token: CancelToken) -> Iterator[None]:
    """Run the block's queries on `con` (a cursor of this caller's own: DuckDB interrupts a
    connection's running query) so that cancelling `token` stops them with QueryCancelled;
    when the token is cancelled already, the block does not run."""
    token.raise_if_cancelled()
    ended = threading.Event()

    def keep_interrupting() -> None:
        while not ended.is_set():
            interrupt(con)
            ended.wait(INTERRUPT_EVERY_SECONDS)

    unregister = token.on_cancel(
        lambda: threading.Thread(target=keep_interrupting, name="interrupt", daemon=True).start()
    )
    try:
        token.raise_if_cancelled()
        try:
            yield
        except duckdb.InterruptException as interrupted:
            if token.cancelled:
                raise QueryCancelled("The query was cancelled.") from interrupted
            raise
        token.raise_if_cancelled()
    finally:
        ended.set()
        unregister()


def interrupt(con: duckdb.DuckDBPyConnection) -> None:
    """Interrupt the query running on `con`, if there is one."""
    # The query may have just finished and its cursor closed: nothing is left to stop then.
    with contextlib.suppress(duckdb.Error):
        con.interrupt()
