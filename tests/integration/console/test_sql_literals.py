"""Bound values written in as DuckDB literals (the console's "query behind a table") read back
through DuckDB as the same value of the same type as the value bound."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infrastructure.analytics.sql_literals import inlined, literal

CON = duckdb.connect()

texts = st.text(st.characters(blacklist_characters="\x00", blacklist_categories=("Cs",)))


def fits_a_decimal(value: Decimal) -> bool:
    """Within DuckDB's DECIMAL(38): beyond it a Decimal is bound as something else."""
    _, digits, exponent = value.as_tuple()
    assert isinstance(exponent, int)
    return len(digits) + max(exponent, 0) <= 37 and -exponent <= 37


decimals = st.decimals(allow_nan=False, allow_infinity=False).filter(fits_a_decimal)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(),
    decimals,
    texts,
    st.dates(),
    st.datetimes(),
)
values = st.one_of(
    scalars,
    st.lists(st.one_of(st.none(), texts)),
    st.lists(st.integers(-(2**31), 2**31 - 1)),
    st.lists(st.dates(), max_size=5),
)


def same(bound: Any, written: Any) -> bool:
    if isinstance(bound, float) and math.isnan(bound):
        return isinstance(written, float) and math.isnan(written)
    return bool(bound == written and type(bound) is type(written))


@settings(max_examples=400, deadline=None)
@given(values)
def test_a_literal_reads_back_as_the_value_bound(value: Any) -> None:
    bound = CON.execute("select $v as v, typeof($v) as t", {"v": value}).fetchone()
    written = CON.execute(f"select {literal(value)} as v, typeof({literal(value)}) as t").fetchone()
    assert bound is not None and written is not None
    assert same(bound[0], written[0]), (value, literal(value), bound, written)
    assert bound[1] == written[1], (value, literal(value))


@settings(max_examples=100, deadline=None)
@given(texts, st.lists(texts, max_size=4))
def test_a_statement_with_its_values_written_in_gives_the_rows_bound(
    text: str, listed: list[str]
) -> None:
    sql = (
        "select $text as text, '$text' as quoted, $listed as listed, "
        "list_contains($listed, $text) as found -- $text in a comment stays\n"
    )
    params = {"text": text, "listed": listed, "unused": 1}
    assert (
        CON.execute(inlined(sql, params)).fetchall()
        == CON.execute(sql, {"text": text, "listed": listed}).fetchall()
    )


def test_a_placeholder_without_a_value_or_a_value_without_a_literal_is_refused() -> None:
    with pytest.raises(KeyError, match="missing"):
        inlined("select $missing", {})
    with pytest.raises(TypeError, match="no DuckDB literal"):
        literal(object())
    with pytest.raises(TypeError, match="no DuckDB literal"):
        literal(Decimal("NaN"))
