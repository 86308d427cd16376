"""A range rule's bounds: each inclusive or not, either one open; missing values never fail."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from quality_helpers import check, rule

VALUES = [-1.5, 0.0, 0.5, 10.0, 10.5, None, float("nan")]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("range") / "w.duckdb"
    with duckdb.connect(str(path)) as con:
        con.execute("create table measures (id integer, amount double)")
        con.executemany("insert into measures values (?, ?)", list(enumerate(VALUES)))
    return path


def outside(value: float | None, low: float | None, high: float | None, bounds: tuple) -> bool:
    if value is None:
        return False
    min_inclusive, max_inclusive = bounds
    if value != value:  # NaN sorts above every number, as in DuckDB
        return high is not None
    below = low is not None and (value < low or (value == low and not min_inclusive))
    above = high is not None and (value > high or (value == high and not max_inclusive))
    return below or above


@pytest.mark.parametrize(("low", "high"), [(0, 10), (0, None), (None, 10)])
@pytest.mark.parametrize("bounds", [(True, True), (False, True), (True, False), (False, False)])
def test_the_values_outside_the_bounds_fail(
    warehouse: Path, low: float | None, high: float | None, bounds: tuple[bool, bool]
) -> None:
    params = {"min": low, "max": high, "min_inclusive": bounds[0], "max_inclusive": bounds[1]}
    chosen = rule("range", "measures", column="amount", key=["id"], **params)
    outcome = check(warehouse, chosen)[chosen.rule_id]
    expected = [str(i) for i, value in enumerate(VALUES) if outside(value, low, high, bounds)]
    assert outcome.failing_count == len(expected)
    assert list(outcome.sample_keys) == expected
