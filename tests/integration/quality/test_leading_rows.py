"""A unique key's drill-down reads the rows of its smallest leading values first when the key
failed on many rows: the rows are the whole query's, and it falls back to the whole query
whenever those rows hold fewer than asked."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import duckdb
import polars as pl
import pytest
from quality_helpers import rule

from domain.entities.quality import RuleStatus, Severity
from domain.repositories.metadata_store import QualityResultRecord, QualityRuleRecord
from infrastructure.quality.failing_rows import LEADING_PROBE_ROWS, PublishedFailingRows

LIMIT = 5
ROWS = 4 * LEADING_PROBE_ROWS * LIMIT  # just big enough to be worth a probe
HALF = ROWS // 2
UNIQUE = rule("unique", "points", columns=["zip", "city"])


class OneRunStore:
    """The store as the drill-down reads it: one published run, with one stored result."""

    def __init__(self, rule_id: str, failing_count: int) -> None:
        self.result = QualityResultRecord(
            7, rule_id, RuleStatus.FAIL, failing_count, Severity.ERROR
        )

    def latest_run(self, status: object = None, warehouse_id: str = "") -> SimpleNamespace:
        return SimpleNamespace(run_id=7)

    def previous_run(self, run_id: int, status: object) -> None:
        return None

    def results_for_run(self, run_id: int) -> list[QualityResultRecord]:
        return [self.result]


def warehouse(path: Path, duplicated: str) -> Path:
    """`points`: ROWS rows in no order, zips 0000-..., where `duplicated` selects the zips that
    appear twice with the same city (and a pair with a null zip)."""
    with duckdb.connect(str(path)) as con:
        con.execute(
            f"""
            create table points as
            select lpad((i % {HALF})::varchar, 4, '0') as zip, 'city ' || (i % {HALF} % 3) as city
            from range({ROWS}) as r(i)
            where (i < {HALF}) or ({duplicated})
            order by hash(i)
            """
        )
        con.execute("insert into points values (null, 'nowhere'), (null, 'nowhere')")
    return path


def drill(path: Path, stored_failing: int, chosen: QualityRuleRecord = UNIQUE) -> tuple:
    rows = PublishedFailingRows(OneRunStore(chosen.rule_id, stored_failing), path)  # type: ignore[arg-type]
    try:
        frame = rows(chosen, LIMIT)
        sql, params = rows.statement(chosen, LIMIT)
        with duckdb.connect(str(path), read_only=True) as con:
            whole: pl.DataFrame = con.sql(sql, params=params).pl()
        return frame, whole, rows.leading_answers
    finally:
        rows.close()


def test_many_failures_are_listed_from_the_smallest_leading_values(tmp_path: Path) -> None:
    path = warehouse(tmp_path / "w.duckdb", "true")  # every zip twice
    frame, whole, leading = drill(path, stored_failing=ROWS // 2)
    assert frame.equals(whole)
    assert frame["zip"].to_list() == ["0000", "0001", "0002", "0003", "0004"]
    assert frame["occurrences"].to_list() == [2] * LIMIT
    assert leading == 1


@pytest.mark.parametrize(
    ("duplicated", "stored_failing", "zips"),
    [
        (f"i >= {ROWS - 8}", 4, ["0192", "0193", "0194", "0195", "0196"]),  # no probe
        (f"i >= {ROWS - 8}", 1000, ["0192", "0193", "0194", "0195", "0196"]),  # it falls short
        ("false", 1000, [None]),  # only the null zips' pair fails
        # the leading rows hold 4 pairs: the null zips' pair, sorted last, does not top them up
    ],
)
def test_any_other_case_gets_the_whole_querys_rows(
    tmp_path: Path, duplicated: str, stored_failing: int, zips: list[str | None]
) -> None:
    path = warehouse(tmp_path / "w.duckdb", duplicated)
    frame, whole, leading = drill(path, stored_failing)
    assert frame.equals(whole)
    assert leading == 0
    assert frame["zip"].to_list() == zips


def test_a_single_column_key_is_probed_too(tmp_path: Path) -> None:
    path = warehouse(tmp_path / "w.duckdb", "true")
    single = rule("unique", "points", name="zip", columns=["zip"])
    frame, whole, leading = drill(path, stored_failing=ROWS, chosen=single)
    assert frame.equals(whole) and leading == 1
    assert frame["zip"].to_list() == ["0000", "0001", "0002", "0003", "0004"]


@pytest.mark.parametrize("columns", [["zip"], ["zip", "city"]])
def test_a_null_keys_group_does_not_top_up_the_leading_rows(
    tmp_path: Path, columns: list[str]
) -> None:
    """Four pairs among the smallest zips, one past them, and a pair with a null zip: the null
    pair sorts last, so the leading rows fall short and the whole query answers."""
    path = tmp_path / "w.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute(
            f"create table points as select lpad(i::varchar, 4, '0') as zip, 'c' as city "
            f"from range({ROWS}) as r(i) order by hash(i)"
        )
        con.execute("insert into points select lpad(i::varchar, 4, '0'), 'c' from range(4) r(i)")
        con.execute("insert into points values ('0300', 'c'), (null, 'c'), (null, 'c')")
    chosen = rule("unique", "points", name="key", columns=columns)
    frame, whole, leading = drill(path, stored_failing=1000, chosen=chosen)
    assert frame["zip"].to_list() == ["0000", "0001", "0002", "0003", "0300"]
    assert frame.equals(whole) and leading == 0
