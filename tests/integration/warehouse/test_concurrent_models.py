"""Models side by side: each after what it reads, at most `workers` at once, the first failure in
build order raised, a cancel stopping the running queries; the warehouse the same either way."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from domain.cancellation import CancelToken
from domain.errors import QueryCancelled
from infrastructure.duckdb_connection import DuckDbResources
from infrastructure.source import open_source
from infrastructure.warehouse import WarehouseBuilder
from infrastructure.warehouse.concurrent_models import Task, run_concurrently

FIXTURE = Path(__file__).parents[2] / "fixtures" / "olist_small"
WAIT = 10.0  # seconds a task waits for another before the test calls it sequential


@pytest.fixture
def database(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    yield con
    con.close()


def run(
    con: duckdb.DuckDBPyConnection,
    tasks: list[Task],
    workers: int = 2,
    cancel: CancelToken | None = None,
) -> dict[str, int]:
    return run_concurrently(
        tasks, workers=workers, open_connection=con.cursor, cancel=cancel or CancelToken()
    )


def test_models_that_do_not_read_each_other_run_at_once(
    database: duckdb.DuckDBPyConnection,
) -> None:
    both = threading.Barrier(2, timeout=WAIT)  # broken unless both tasks run at the same time

    def meet(con: duckdb.DuckDBPyConnection) -> int:
        both.wait()
        return 1

    assert run(database, [Task("a", frozenset(), meet), Task("b", frozenset(), meet)]) == {
        "a": 1,
        "b": 1,
    }


def test_no_more_run_at_once_than_workers(database: duckdb.DuckDBPyConnection) -> None:
    running, most = 0, 0
    lock = threading.Lock()

    def count(con: duckdb.DuckDBPyConnection) -> int:
        nonlocal running, most
        with lock:
            running += 1
            most = max(most, running)
        time.sleep(0.05)
        with lock:
            running -= 1
        return 0

    run(database, [Task(str(n), frozenset(), count) for n in range(6)], workers=2)
    assert most == 2


def test_a_model_runs_after_what_it_reads_and_sees_its_table(
    database: duckdb.DuckDBPyConnection,
) -> None:
    def first(con: duckdb.DuckDBPyConnection) -> int:
        time.sleep(0.2)  # the other worker is idle meanwhile: only the dependency holds `second`
        con.execute("CREATE TABLE first AS SELECT range AS n FROM range(3)")
        return 3

    def second(con: duckdb.DuckDBPyConnection) -> int:
        con.execute("CREATE TABLE second AS SELECT n * 2 AS n FROM first")
        row = con.execute("SELECT count(*) FROM second").fetchone()
        return int(row[0]) if row else 0

    tasks = [Task("second", frozenset({"first"}), second), Task("first", frozenset(), first)]
    assert run(database, tasks) == {"second": 3, "first": 3}


def test_the_temp_views_a_model_reads_are_created_on_its_own_connection(
    database: duckdb.DuckDBPyConnection,
) -> None:
    view = (("int_numbers", "CREATE TEMP VIEW int_numbers AS SELECT range AS n FROM range(4)"),)

    def read(con: duckdb.DuckDBPyConnection) -> int:
        row = con.execute("SELECT count(*) FROM int_numbers").fetchone()
        return int(row[0]) if row else 0

    tasks = [Task(name, frozenset(), read, view) for name in ("a", "b", "c", "d")]
    assert run(database, tasks) == dict.fromkeys(("a", "b", "c", "d"), 4)


def test_the_first_failure_in_build_order_is_raised_and_nothing_starts_after_one(
    database: duckdb.DuckDBPyConnection,
) -> None:
    started: list[str] = []
    b_failed = threading.Event()

    def fail_late(con: duckdb.DuckDBPyConnection) -> int:
        started.append("a")
        b_failed.wait(WAIT)
        raise ValueError("a")

    def fail_early(con: duckdb.DuckDBPyConnection) -> int:
        started.append("b")
        b_failed.set()
        raise ValueError("b")

    def never(con: duckdb.DuckDBPyConnection) -> int:
        started.append("c")
        return 0

    tasks = [
        Task("a", frozenset(), fail_late),
        Task("b", frozenset(), fail_early),
        Task("c", frozenset(), never),
    ]
    with pytest.raises(ValueError, match=r"^a$"):
        run(database, tasks)
    assert sorted(started) == ["a", "b"]


def test_a_cancel_stops_the_running_queries(database: duckdb.DuckDBPyConnection) -> None:
    cancel = CancelToken()

    def long_query(con: duckdb.DuckDBPyConnection) -> int:
        con.execute("SELECT sum(range) FROM range(1000000000000)").fetchone()
        return 0

    threading.Timer(0.3, cancel.cancel).start()
    started = time.perf_counter()
    with pytest.raises(QueryCancelled):
        run(database, [Task(n, frozenset(), long_query) for n in ("a", "b")], cancel=cancel)
    assert time.perf_counter() - started < WAIT


def test_one_model_at_a_time_or_two_write_the_same_warehouse(tmp_path: Path) -> None:
    tables: dict[int, dict[str, list[tuple[object, ...]]]] = {}
    for threads in (1, 2):
        target = tmp_path / f"threads-{threads}.duckdb"
        with open_source(FIXTURE) as source:
            WarehouseBuilder(resources=DuckDbResources(threads=threads)).build(source, target)
        with duckdb.connect(str(target), read_only=True) as con:
            names = [
                row[0]
                for row in con.execute(
                    "SELECT table_name FROM duckdb_tables() ORDER BY table_name"
                ).fetchall()
            ]
            tables[threads] = {name: con.execute(f"FROM {name}").fetchall() for name in names}
    assert len(tables[2]) > 30
    for name, rows in tables[1].items():
        assert tables[2][name] == rows, name  # the same rows in the same order
    assert tables[1].keys() == tables[2].keys()
