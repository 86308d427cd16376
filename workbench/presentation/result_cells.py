"""A SQL console result's rows as the app shows every table (formats.py, table_fit.py): counts
9,647, money R$ 1,234.56, rates, dates 2018-08-23, numbers right-aligned. Exports keep the raw
values; only what is read on screen is formatted.

A user's query can return what no screen shows: two columns of one name, lists, structs, blobs,
intervals. Those read as their values' text. A DECIMAL is money only with two decimals (the
warehouse's money type): a whole-number one is a count (DuckDB's sum of integers is a HUGEINT,
a DECIMAL(38, 0) in Arrow), another reads as a float of its name would (0.125 as late_rate).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbench.presentation.formats import NULL_TEXT, column_kind
from workbench.presentation.table_fit import FittedTable, fit_table

if TYPE_CHECKING:
    import polars as pl
    import pyarrow as pa

MONEY_SCALE = 2  # the warehouse keeps money as DECIMAL(18, 2)


def result_cells(head: pa.Table) -> FittedTable:
    """The rows of `head` as shown, with the width each column needs (nothing is cut)."""
    import polars as pl

    columns = [_column(head.column(index)) for index in range(head.num_columns)]
    names = _distinct(head.column_names)
    frame = pl.DataFrame([column.alias(name) for column, name in zip(columns, names, strict=True)])
    kinds = {
        name: _decimal_kind(name, dtype.scale or 0)
        for name, dtype in frame.schema.items()
        if isinstance(dtype, pl.Decimal)
    }
    return fit_table(frame, kinds=kinds, blank=NULL_TEXT)


def _decimal_kind(name: str, scale: int) -> str:
    import polars as pl

    if scale == 0:
        return "count"
    return "money" if scale == MONEY_SCALE else column_kind(name, pl.Float64())


def _column(values: pa.ChunkedArray) -> pl.Series:
    """A polars column of the values, or of their text where the formats know no such type."""
    import polars as pl

    try:
        series = pl.Series(values=values)
    except (pl.exceptions.PolarsError, TypeError, ValueError):  # intervals, and the like
        return _as_text(values.to_pylist())
    if series.dtype.is_nested() or series.dtype in (pl.Binary, pl.Object):
        return _as_text(series.to_list())
    return series


def _as_text(values: list[Any]) -> pl.Series:
    import polars as pl

    return pl.Series([None if value is None else str(value) for value in values], dtype=pl.String)


def _distinct(names: list[str]) -> list[str]:
    """Column names made distinct (a, a 2, ...) so the frame holds every column."""
    distinct: list[str] = []
    for name in names:
        candidate, count = name, 1
        while candidate in distinct:
            count += 1
            candidate = f"{name} {count}"
        distinct.append(candidate)
    return distinct
