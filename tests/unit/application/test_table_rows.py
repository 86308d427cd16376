"""A table's rows read a slice at a time: the extremes a query hands back in one row."""

from __future__ import annotations

import polars as pl
from fakes import FakeWarehouse

from workbench.application.table_rows import FrameRows, QueryRows, extremes_from_row


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


def test_a_query_without_page_or_extremes_statements_is_read_through_the_ports_methods():
    """QueryRows of a query with no page or extremes statement of its own: its count and
    widths from query_extremes, its pages (in its order, or sorted then by every column) from
    query_page; the fake warehouse answers both as the warehouse does."""
    frame = pl.DataFrame(
        {"id": ["b", "a", "ccc", "dd"], "amount": [2.0, 2.0, None, 10.5]},
    )
    warehouse = FakeWarehouse({"things": frame})
    rows = QueryRows(warehouse, "things", {"kind": "x"})
    assert rows.height == 4 and rows.columns == ["id", "amount"]
    assert rows.extremes().frame.to_dict(as_series=False) == {
        "id": ["ccc", "ccc", "b"],
        "amount": [2.0, 10.5, None],
    }
    assert rows.extremes().key_typical == 3
    assert rows.slice(1, 2)["id"].to_list() == ["a", "ccc"]
    by_amount = rows.sorted("amount", descending=False)
    assert by_amount.slice(0, 4)["id"].to_list() == ["a", "b", "dd", "ccc"]
    assert warehouse.names() == ["extremes things", "page things", "page things"]
    assert warehouse.calls[1][1] == {"kind": "x", "offset": 1, "limit": 2}
