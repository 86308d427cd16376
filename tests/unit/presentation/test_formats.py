"""One format per measure, everywhere: the one place that says how values read."""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.value_objects.money import Money
from workbench.presentation.formats import (
    column_kind,
    compact,
    compact_together,
    fits,
    format_frame,
    format_value,
    plural,
)
from workbench.presentation.table_fit import exact_values, fit_table


def test_each_measure_has_one_format() -> None:
    assert format_value("money", Decimal("88259.38")) == "R$ 88,259.38"
    assert format_value("money", 20) == "R$ 20.00"
    assert format_value("money", -12.5) == "R$ -12.50"
    assert format_value("count", 10932) == "10,932"
    assert format_value("rate", 0.0672) == "6.7 %"
    assert format_value("rate", 0) == "0.0 %"
    assert format_value("score", 4.2) == "4.20"
    assert format_value("score", 4.156) == "4.16"
    assert format_value("timestamp", datetime(2018, 8, 23, 19, 1, 58)) == "2018-08-23 19:01"
    assert format_value("count", None) == "—"


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False))
def test_a_table_cell_and_a_domain_amount_read_alike(amount: Decimal) -> None:
    # Explorer summaries and domain messages print Money; tables and tiles format numbers
    assert format_value("money", amount) == str(Money(amount))


def test_booleans_read_as_words_that_fit_the_column() -> None:
    frame = pl.DataFrame({"is_late": [True, False], "has_no_items": [True, False]})
    shown = format_frame(frame)
    assert shown["is_late"].to_list() == ["late", "on time"]
    assert shown["has_no_items"].to_list() == ["no items", "has items"]
    assert format_frame(pl.DataFrame({"anything": [True]}))["anything"].to_list() == ["yes"]


def test_kinds_come_from_the_column_name_and_type() -> None:
    assert column_kind("gmv", pl.Decimal(18, 2)) == "money"
    assert column_kind("gmv", pl.Decimal(38, 2)) == "money"  # a sum of money
    # a sum of integers: DuckDB's sum of a BIGINT is a HUGEINT, a Decimal(38, 0) in polars
    assert column_kind("volume", pl.Decimal(38, 0)) == "count"
    assert column_kind("late_rate", pl.Float64()) == "rate"
    assert column_kind("m3", pl.Float64()) == "rate"
    assert column_kind("mean_review_score", pl.Float64()) == "score"
    assert column_kind("orders", pl.Int64()) == "count"
    assert column_kind("purchased_at", pl.Datetime("us")) == "timestamp"
    assert column_kind("is_late", pl.Boolean()) == "boolean"


def test_a_table_and_a_tile_never_disagree() -> None:
    frame = pl.DataFrame({"revenue": [Decimal("1292328.66")], "late_rate": [0.0672]})
    frame = frame.cast({"revenue": pl.Decimal(18, 2)})
    shown = format_frame(frame).row(0)
    assert shown == (format_value("money", Decimal("1292328.66")), format_value("rate", 0.0672))


@settings(deadline=None, max_examples=50)
@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_counts_and_money_keep_every_digit_with_separators(number: int) -> None:
    assert format_value("count", number).replace(",", "") == str(number)
    assert re.fullmatch(r"R\$ -?\d{1,3}(,\d{3})*\.\d\d", format_value("money", number))


@settings(deadline=None, max_examples=50)
@given(st.floats(min_value=-1e12, max_value=1e12, allow_nan=False))
def test_shortened_numbers_are_never_longer_than_the_full_ones(number: float) -> None:
    assert len(compact("money", number)) <= len(format_value("money", number))
    assert len(fits("count", number, 6)) <= max(6, len(compact("count", number)))


def test_plural_reads_as_english() -> None:
    assert (plural(1, "order"), plural(1234, "order")) == ("1 order", "1,234 orders")
    assert plural(2, "category", "categories") == "2 categories"


def test_a_narrow_table_shrinks_text_then_shortens_numbers_never_cuts_them() -> None:
    frame = pl.DataFrame(
        {"step": ["stage"], "rows": [1_551_349], "detail": ["/a/very/long/path/" * 4]}
    )
    wide = fit_table(frame, 200)
    assert wide.frame.row(0)[1].strip() == "1,551,349" and not wide.shortened
    narrow = fit_table(frame, 40)
    assert narrow.frame.row(0)[1].strip() == "1,551,349"
    assert narrow.frame.row(0)[2].endswith("…") and not narrow.shortened
    tight = fit_table(frame.select("step", "rows"), 10, padding=0)
    assert tight.frame.row(0)[1].strip() == "1.55M" and tight.shortened == ("rows",)
    assert exact_values(tight, frame.row(0, named=True)) == "rows = 1,551,349"


def test_short_words_stay_whole_while_long_text_shrinks() -> None:
    frame = pl.DataFrame(
        {"status": ["succeeded", "interrupted"], "source": ["/tmp/olist/" * 5, "/data/x"]}
    )
    fitted = fit_table(frame, 20)  # the source at its floor, and still too wide
    assert [row[0].strip() for row in fitted.frame.rows()] == ["succeeded", "interrupted"]
    assert fitted.frame.row(0)[1].endswith("…")


def test_drill_headers_read_as_english() -> None:
    from workbench.application.kpi_tiles import COUNT, Tile
    from workbench.presentation.kpi_drills import counted, tile_drill

    assert tile_drill(Tile("orders", "Orders", COUNT, 5)).title == "Orders"
    assert counted(1, "late deliveries") == "1 late delivery"
    assert (
        counted(1, "first orders ever of their customers")
        == "1 first order ever of their customers"
    )
    assert counted(2_000, "orders") == "2,000 orders"


def test_a_response_rate_reads_as_a_share() -> None:
    from decimal import Decimal

    import pytest

    from domain.errors import InvalidValue
    from workbench.application.segment_offers import parse_response_rate

    assert parse_response_rate("10%") == Decimal("0.10")
    assert parse_response_rate("25") == Decimal("0.25")
    assert parse_response_rate("0.5") == Decimal("0.5")
    with pytest.raises(InvalidValue, match="not a response rate"):
        parse_response_rate("150%")


def test_values_read_together_share_one_unit() -> None:
    # A map legend's class edges: one unit, the largest's, not 4,238.01 beside 24.4k.
    edges = [4238.01, 9406.16, 24400.0, 47800.0]
    assert compact_together("money", edges) == ["R$ 4.2k", "R$ 9.4k", "R$ 24.4k", "R$ 47.8k"]
    assert [compact("money", edge) for edge in edges][:2] == ["R$ 4,238.01", "R$ 9,406.16"]
    # more decimals where two different values would read alike; below one unit: its own form
    assert compact_together("money", [4238, 4241, 12000]) == [
        "R$ 4.238k",
        "R$ 4.241k",
        "R$ 12.000k",
    ]
    assert compact_together("count", [900, 2_500_000]) == ["900", "2.50M"]
    assert compact_together("money", [12.5, 80.0]) == ["R$ 12.50", "R$ 80.00"]
    assert compact_together("rate", [0.05, 0.1]) == [compact("rate", 0.05), compact("rate", 0.1)]
