"""The console service with fakes of its ports: history kept for rows, errors and cancels (and a
store that fails never costs the result); chart kind from the columns; format; tabs."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pytest

from domain.cancellation import CancelToken
from domain.errors import QueryCancelled, SqlFailed
from domain.repositories.query_history import QueryRecord, SavedQuery
from workbench.application.errors import UsageError
from workbench.application.sql_console import (
    ChartChoice,
    SqlConsoleService,
    SqlTabs,
    chart_choice,
    format_sql,
)


class FakeRunner:
    def run(self, sql: str, *, cancel: CancelToken | None = None, on_first=None, first_rows=0):
        if "boom" in sql:
            raise SqlFailed("Parser Error: boom", 1, 8)
        if "slow" in sql:
            raise QueryCancelled("The query was cancelled.")
        return pa.table({"n": list(range(30))})

    def catalogue(self, *, cancel=None):
        return {"tables": [], "columns": [], "functions": []}

    def count_rows(self, table: str, *, cancel=None) -> int:
        return 0


class FakeHistory:
    def __init__(self, fail: bool = False) -> None:
        self.records: list[QueryRecord] = []
        self.fail = fail
        self.kept: dict[str, SavedQuery] = {}

    def record(self, entry: QueryRecord) -> int:
        if self.fail:
            raise OSError("database is locked")
        self.records.append(entry)
        return len(self.records)

    def search(self, text: str, limit: int, warehouse_id: str = "") -> list[QueryRecord]:
        return [r for r in reversed(self.records) if text in r.sql][:limit]

    def save(self, query: SavedQuery) -> None:
        self.kept[query.name] = query

    def saved(self) -> list[SavedQuery]:
        return sorted(self.kept.values(), key=lambda q: q.name)

    def delete(self, name: str) -> bool:
        return self.kept.pop(name, None) is not None


def service(history: FakeHistory) -> SqlConsoleService:
    return SqlConsoleService(
        FakeRunner(), history, lambda t, p, f: p, lambda t, f: "", "w1", user="ana"
    )


def test_every_query_is_kept_with_its_outcome() -> None:
    history = FakeHistory()
    console = service(history)
    assert console.run("select n").total_rows == 30
    with pytest.raises(SqlFailed):
        console.run("boom")
    with pytest.raises(QueryCancelled):
        console.run("slow")
    kept = [(r.sql, r.rows, r.error, r.ran_by, r.warehouse_id) for r in history.records]
    assert kept == [
        ("select n", 30, "", "ana", "w1"),
        ("boom", None, "Parser Error: boom (line 1, column 8)", "ana", "w1"),
        ("slow", None, "cancelled", "ana", "w1"),
    ]
    assert history.records[0].ran_at <= datetime.now()


def test_a_failing_store_never_costs_the_result() -> None:
    result = service(FakeHistory(fail=True)).run("select n")
    assert result.total_rows == 30
    assert result.history_note == "not kept in the history: database is locked"


def test_saved_queries_need_a_name_and_sql() -> None:
    console = service(FakeHistory())
    with pytest.raises(UsageError):
        console.save_query("  ", "select 1")
    console.save_query("late", "select 1")
    assert console.saved_query("late").sql == "select 1"
    with pytest.raises(UsageError, match="no saved query named 'gone'"):
        console.saved_query("gone")


@pytest.mark.parametrize(
    ("columns", "expected"),
    [
        (
            [("month", "date32[day]"), ("gmv", "decimal128(18, 2)")],
            ChartChoice("line", "month", "gmv"),
        ),
        ([("state", "string"), ("orders", "int64")], ChartChoice("bar", "state", "orders")),
        ([("price", "double"), ("freight", "double")], ChartChoice("scatter", "price", "freight")),
        ([("price", "double")], ChartChoice("histogram", None, "price")),
        ([("state", "string")], None),
    ],
)
def test_chart_kind_from_the_columns(columns, expected) -> None:
    assert chart_choice(columns) == expected


def test_format_keeps_quotes_and_comments() -> None:
    text = "select a from t where b = 'select from' -- from here\ngroup by a"
    assert format_sql(text) == (
        "SELECT a\nFROM t\nWHERE b = 'select from' -- from here\nGROUP BY a"
    )


def test_tabs_survive_and_a_broken_file_is_forgotten(tmp_path: Path) -> None:
    tabs = SqlTabs(tmp_path)
    assert tabs.load() == ([""], 0)
    tabs.save(["select 1", "select 2"], 1)
    assert SqlTabs(tmp_path).load() == (["select 1", "select 2"], 1)
    tabs.path.write_text("{not json")
    assert SqlTabs(tmp_path).load() == ([""], 0)
