"""A console result reads in the app's formats; whatever else a query returns still shows."""

from __future__ import annotations

import duckdb
import pyarrow as pa

from workbench.presentation.result_cells import result_cells


def result(sql: str) -> pa.Table:
    return duckdb.connect().sql(sql).to_arrow_table()


def test_numbers_money_rates_and_dates_read_as_on_every_screen() -> None:
    cells = result_cells(
        result(
            "select 9647::bigint as orders, 1234.5::decimal(18, 2) as gmv, "
            "0.0672::double as late_rate, date '2018-08-23' as day, "
            "timestamp '2018-08-23 19:01:30' as at, sum(9647) as summed, "
            "0.125 as gmv_share, null::int as nothing, 'it''s' as label"
        )
    )
    assert [cell.strip() for cell in cells.frame.row(0)] == [
        "9,647",
        "R$ 1,234.50",
        "6.7 %",
        "2018-08-23",
        "2018-08-23 19:01",
        "9,647",  # a HUGEINT sum is a count, not money
        "12.5 %",  # a DECIMAL with three decimals named as a share is a rate
        "—",
        "it's",
    ]
    assert cells.frame["orders"][0] == " 9,647", "numbers right-aligned under their name"


def test_two_columns_of_one_name_lists_structs_and_intervals_still_show() -> None:
    cells = result_cells(
        result("select 1 as a, 2 as a, [1, 2] as l, {'x': 1} as s, interval 3 day as i")
    )
    assert cells.frame.columns == ["a", "a 2", "l", "s", "i"]
    row = [cell.strip() for cell in cells.frame.row(0)]
    assert row[:4] == ["1", "2", "[1, 2]", "{'x': 1}"]
    assert "3" in row[4]
