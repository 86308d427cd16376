"""money_mean, the warehouse's mean of money over a count, rounds exactly as the domain's Money:
half-even to the centavo from the exact quotient (DuckDB's own DECIMAL division is DOUBLE)."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal, localcontext

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.value_objects.money import Money
from infrastructure.warehouse.catalog import CORE_MODELS

(MONEY_MEAN,) = [model for model in CORE_MODELS if model.name == "money_mean"]


@pytest.fixture(scope="module")
def con() -> Iterator[duckdb.DuckDBPyConnection]:
    connection = duckdb.connect()
    connection.execute(MONEY_MEAN.create_statement())
    yield connection
    connection.close()


def mean(con: duckdb.DuckDBPyConnection, total: Decimal | None, n: int | None) -> Decimal | None:
    row = con.execute(
        "select money_mean($total::decimal(18, 2), $n::bigint)", {"total": total, "n": n}
    ).fetchone()
    assert row is not None
    return row[0]


def domain_mean(total: Decimal, n: int) -> Decimal:
    with localcontext() as exact:
        exact.prec = 60  # the quotient itself, before Money rounds it half-even
        return Money(total / n).amount


@pytest.mark.parametrize(
    ("total", "n", "expected"),
    [
        ("141.89", 2, "70.94"),  # 70.945: half a centavo, to the even 4
        ("141.91", 2, "70.96"),  # 70.955: to the even 6
        ("10.00", 3, "3.33"),
        ("20.00", 3, "6.67"),
        ("-141.91", 2, "-70.96"),
        ("0.01", 2, "0.00"),
        ("0.03", 2, "0.02"),
        ("99999999999999.99", 1, "99999999999999.99"),  # the largest DECIMAL(18, 2) total
    ],
)
def test_half_a_centavo_goes_to_the_even_centavo(
    con: duckdb.DuckDBPyConnection, total: str, n: int, expected: str
) -> None:
    assert mean(con, Decimal(total), n) == Decimal(expected) == domain_mean(Decimal(total), n)


def test_no_mean_of_nothing(con: duckdb.DuckDBPyConnection) -> None:
    assert [mean(con, Decimal("5.00"), 0), mean(con, None, 3), mean(con, Decimal("1"), None)] == [
        None,
        None,
        None,
    ]


@settings(max_examples=300, deadline=None)
@given(
    centavos=st.integers(min_value=-(10**16) + 1, max_value=10**16 - 1),  # all of DECIMAL(18, 2)
    n=st.integers(min_value=1, max_value=10**7),
)
def test_agrees_with_money_for_any_total_and_count(
    con: duckdb.DuckDBPyConnection, centavos: int, n: int
) -> None:
    total = Decimal(centavos).scaleb(-2)
    assert mean(con, total, n) == domain_mean(total, n)
