"""A table's rows read a slice at a time: the extremes a query hands back in one row."""

from __future__ import annotations

import polars as pl

from workbench.application.table_rows import FrameRows, extremes_from_row


def extremes_row(city: str | None, rows: int = 3) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "rows": [rows],
            "least_amount": [1.5],
            "greatest_amount": [1200.25],
            "blank_amount": [False],
            "least_city": [city],
            "greatest_city": [city],
            "blank_city": [True],
            "key_typical": [None],
        },
        schema_overrides={"least_city": pl.String, "greatest_city": pl.String},
    )


def test_the_extremes_row_reads_as_the_least_the_greatest_and_a_null_where_one_may_be():
    height, extremes = extremes_from_row(extremes_row("sao paulo")) or (0, None)
    assert height == 3 and extremes is not None
    assert extremes.frame.to_dict(as_series=False) == {
        "amount": [1.5, 1200.25, 1.5],
        "city": ["sao paulo", "sao paulo", None],
    }
    assert extremes.key_typical is None


def test_a_column_the_query_could_not_tell_leaves_the_extremes_to_every_row():
    assert extremes_from_row(extremes_row(None)) is None
    height, extremes = extremes_from_row(extremes_row(None, rows=0)) or (1, None)
    assert height == 0 and extremes is not None and extremes.frame.is_empty()


def test_rows_sorted_in_memory_break_ties_by_every_column_and_keep_their_extremes():
    frame = pl.DataFrame({"score": [2, 1, 2, None], "id": ["b", "c", "a", "d"]})
    rows = FrameRows(frame)
    extremes = rows.extremes()
    ordered = rows.sorted("score", descending=True)
    assert ordered.frame["id"].to_list() == ["a", "b", "c", "d"]
    assert ordered.extremes() is extremes
    assert ordered.whole() is ordered
