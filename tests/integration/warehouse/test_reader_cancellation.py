"""The warehouse reader stops a query when its caller's token is cancelled, and only that one.

The slow view counts 2 billion hashes (about 4 s on 2 cores): the tests assert the query was
interrupted (DuckDB's InterruptException behind QueryCancelled), so a broken interrupt shows as
a failure, not only as a slow test.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator

import duckdb
import pytest

from domain.cancellation import CancelToken, cancel_scope
from domain.errors import QueryCancelled
from infrastructure.analytics.warehouse_reader import WarehouseReader
from infrastructure.warehouse.builder import WAREHOUSE_FORMAT

SLOW = "SELECT n FROM slow_count"
QUICK = "SELECT count(*) FROM range(1000)"


@pytest.fixture(scope="module")
def reader(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WarehouseReader]:
    path = tmp_path_factory.mktemp("slow") / "warehouse.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("CREATE TABLE workbench_snapshot (key VARCHAR PRIMARY KEY, value VARCHAR)")
        con.execute(
            "INSERT INTO workbench_snapshot VALUES ('warehouse_format', ?)", [WAREHOUSE_FORMAT]
        )
        con.execute(
            "CREATE VIEW slow_count AS "
            "SELECT count(*) AS n FROM range(2000000000) AS r(x) WHERE hash(x) = 0"
        )
    warehouse = WarehouseReader(path)
    yield warehouse
    warehouse.close()


def cancel_soon(token: CancelToken) -> threading.Timer:
    timer = threading.Timer(0.2, token.cancel)
    timer.start()
    return timer


def test_a_token_cancelled_from_another_thread_interrupts_the_query(
    reader: WarehouseReader,
) -> None:
    token = CancelToken()
    timer = cancel_soon(token)
    with pytest.raises(QueryCancelled) as raised:
        reader.sql(SLOW, cancel=token)
    timer.cancel()
    assert isinstance(raised.value.__cause__, duckdb.InterruptException)


def test_the_token_in_scope_interrupts_rows_and_named_queries_alike(
    reader: WarehouseReader,
) -> None:
    token = CancelToken()
    timer = cancel_soon(token)
    with cancel_scope(token), pytest.raises(QueryCancelled) as raised:
        reader.rows(SLOW)
    timer.cancel()
    assert isinstance(raised.value.__cause__, duckdb.InterruptException)


def test_a_token_cancelled_before_the_query_never_runs_it(reader: WarehouseReader) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(QueryCancelled) as raised:
        reader.sql(SLOW, cancel=token)
    assert raised.value.__cause__ is None  # refused before any cursor ran, not interrupted


def test_a_cancel_stops_only_its_own_callers_query(reader: WarehouseReader) -> None:
    """Another thread's query on the same reader finishes while this one is interrupted."""
    token, other = CancelToken(), CancelToken()
    results: list[object] = []
    neighbour = threading.Thread(
        target=lambda: results.append(
            reader.rows(
                "SELECT count(*) FROM range(200000000) AS r(x) WHERE hash(x) = 0", cancel=other
            )
        )
    )
    timer = cancel_soon(token)
    neighbour.start()
    with pytest.raises(QueryCancelled):
        reader.sql(SLOW, cancel=token)
    neighbour.join()
    timer.cancel()
    assert results and results[0] != []
    assert reader.rows(QUICK) == [(1000,)]


def test_a_cancel_just_before_the_query_starts_still_interrupts_it(
    reader: WarehouseReader,
) -> None:
    """DuckDB forgets an interrupt sent before its query starts: the cancel must still stop it
    (before, the query ran its whole course and was only discarded afterwards)."""
    token = CancelToken()

    def cancel_then_query(cursor: duckdb.DuckDBPyConnection) -> object:
        token.cancel()  # the cursor is taken and the interrupt registered; no query runs yet
        return cursor.execute(SLOW).fetchall()

    with pytest.raises(QueryCancelled) as raised:
        reader.on_cursor(cancel_then_query, cancel=token)
    assert isinstance(raised.value.__cause__, duckdb.InterruptException)
