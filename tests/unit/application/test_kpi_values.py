"""Filters, drill-downs, tiles and charts of the KPI views, without a warehouse."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import plotext
import polars as pl
import pytest

from domain.errors import InvalidValue
from domain.services.seller_health import SellerHealth
from domain.value_objects.date_range import DateRange
from workbench.application.kpi_filters import Drill, Filters, month_range, parse_day, parse_states
from workbench.application.kpi_tiles import BAD_RATE, COUNT, MONEY, TILES, Tile, tiles_of
from workbench.application.segment_definitions import SCORING_NOTE
from workbench.presentation.formats import format_value
from workbench.presentation.kpi_charts import ChartSpec, Series, draw, series_charts
from workbench.presentation.kpi_definitions import definitions
from workbench.presentation.kpi_drills import drill_summary, row_drill, tile_drill, tile_figure
from workbench.presentation.kpi_tiles import change_text, split_text, tile_text


def test_filters_become_query_parameters() -> None:
    filters = Filters(DateRange(date(2017, 1, 1), date(2017, 1, 31)), ("SP",), ("pc_gamer",))
    assert filters.params() == {
        "date_from": date(2017, 1, 1),
        "date_to": date(2017, 1, 31),
        "states": ["SP"],
        "categories": ["pc_gamer"],
    }
    assert Filters().params() == dict.fromkeys(("date_from", "date_to", "states", "categories"))
    assert filters.describe() == "2017-01-01 → 2017-01-31 · state SP · category pc_gamer"
    several = Filters(states=("SP", "RJ"), categories=("pc_gamer", "toys"))
    assert several.params()["states"] == ["SP", "RJ"]
    assert several.describe() == "all dates · states SP, RJ · categories pc_gamer, toys"


def test_the_year_ago_period_is_the_same_days_a_year_earlier() -> None:
    leap = Filters(DateRange(date(2016, 2, 1), date(2016, 2, 29)), ("SP",))
    assert leap.year_ago() == Filters(DateRange(date(2015, 2, 1), date(2015, 2, 28)), ("SP",))
    assert Filters().year_ago() is None


def test_previous_period_has_the_same_length() -> None:
    filters = Filters(DateRange(date(2018, 3, 1), date(2018, 3, 10)), ("RJ",))
    previous = filters.previous()
    assert previous == Filters(DateRange(date(2018, 2, 19), date(2018, 2, 28)), ("RJ",))
    assert Filters().previous() is None


def test_user_input_is_checked_with_a_clear_message() -> None:
    assert parse_day(" 2017-05-01 ", "from") == date(2017, 5, 1)
    assert parse_day("", "from") is None
    with pytest.raises(InvalidValue, match="'2017-13-01' is not a day"):
        parse_day("2017-13-01", "from")
    assert parse_states(" sp ") == ("SP",)
    assert parse_states(["sp, rj", "MG", "SP"]) == ("SP", "RJ", "MG")
    assert parse_states(None) == parse_states(" , ") == ()
    with pytest.raises(InvalidValue, match="'XX' is not a Brazilian state"):
        parse_states("SP,XX")


def test_drill_narrows_the_filters() -> None:
    base = Filters(DateRange(date(2017, 1, 15), date(2017, 6, 30)), ("SP",))
    month = Drill("jan", period=month_range(date(2017, 1, 1)))
    assert month.filters(base).period == DateRange(date(2017, 1, 15), date(2017, 1, 31))
    cohort = Drill("cohort", cohort_month=date(2017, 1, 1), any_date=True)
    assert cohort.filters(base) == Filters(None, ("SP",))
    assert cohort.params()["cohort_month"] == date(2017, 1, 1)
    assert month_range(date(2016, 2, 10)) == DateRange(date(2016, 2, 1), date(2016, 2, 29))


def test_rows_and_tiles_drill_to_their_orders() -> None:
    route = row_drill("kpi_delivery_routes", {"seller_state": "SP", "customer_state": "BA"}, 40)
    assert route is not None
    assert (route.seller_state, route.state, route.subset) == ("SP", "BA", "delivered")
    days = row_drill("kpi_delivery_days", {"days": 40}, 40)
    assert days is not None and days.days == (40, None)
    assert row_drill("kpi_executive", {}, 40) is None
    late = Tile("late_rate", "Late deliveries", BAD_RATE, 0.1)
    assert tile_drill(late).subset == "late"


def test_tiles_compare_money_in_percent_and_rates_in_points() -> None:
    gmv = Tile("gmv", "GMV", MONEY, Decimal("110.00"), Decimal("100.00"), compared=True)
    assert (tile_text(gmv), change_text(gmv), gmv.trend) == ("R$ 110.00", "▲ 10.0%", "good")
    late = Tile("late_rate", "Late", BAD_RATE, 0.12, 0.10, compared=True)
    assert tile_text(late) == "12.0 %" and late.change == pytest.approx(2.0) and late.trend == "bad"
    assert change_text(Tile("orders", "Orders", COUNT, 5, 0, compared=True)) == "nothing before"
    assert change_text(Tile("orders", "Orders", COUNT, 5)) == ""  # no date range
    tiny = Tile("late_rate", "Late", BAD_RATE, 0.100001, 0.1, compared=True)
    assert (change_text(tiny), tiny.trend) == ("no change", "flat")
    assert format_value("money", Decimal("14949984.07")) == "R$ 14,949,984.07"
    assert tile_text(Tile("gmv", "GMV", MONEY, Decimal("14949984.07")), 12) == "R$ 14.95M"
    assert format_value("score", None) == "—" and format_value("score", 4.0871) == "4.09"


def test_charts_draw_the_frames_figures_as_text() -> None:
    monthly = pl.DataFrame(
        {
            "period": [date(2017, 1, 1), date(2017, 2, 1), date(2017, 3, 1)],
            "gmv": [Decimal("318.25"), Decimal("0.00"), Decimal("90.00")],
            "orders": [3, 0, 1],
            "late_rate": [0.0, None, 1.0],
            "avg_review_score": [4.5, None, 2.0],
        }
    )
    gmv, late = series_charts(monthly)
    assert gmv.series[0].values == (318.25, 0.0, 90.0)
    assert late.series[0].values == (0.0, None, 100.0)
    plotext.clear_figure()
    plotext.plotsize(60, 15)
    draw(plotext, gmv, 60, cursor=1)
    text = plotext.uncolorize(plotext.build())
    assert "318" in text and "2017-01" in text
    empty = ChartSpec("nothing", (), (Series("orders", ()),), (), "month")
    plotext.clear_figure()
    draw(plotext, empty, 60)
    assert empty.is_empty


def test_not_fulfilled_tile_shows_its_split_and_drills_to_canceled_and_unavailable() -> None:
    keys = [key for key, _, _ in TILES]
    assert "canceled_rate" not in keys and keys[-1] == "not_fulfilled_rate"
    total = {
        "gmv": Decimal("100.00"),
        "orders": 99_441,
        "aov": Decimal("10.00"),
        "customers": 1,
        "new_customers": 1,
        "avg_review_score": 4.0,
        "late_rate": 0.1,
        "delivered_orders": 10,
        "not_fulfilled_rate": 1_234 / 99_441,
        "canceled_orders": 625,
        "unavailable_orders": 609,
    }
    tile = {tile.key: tile for tile in tiles_of(total, None)}["not_fulfilled_rate"]
    assert (tile.label, tile.base, tile_text(tile)) == ("Not fulfilled", 99_441, "1.2 %")
    assert tile.parts == (("canceled", 625), ("unavailable", 609))
    assert split_text(tile) == "625 canceled, 609 unavailable"
    drill = tile_drill(tile)
    assert (drill.subset, drill.title) == ("not_fulfilled", "Not fulfilled: not fulfilled orders")
    orders = pl.DataFrame({"order_status": ["canceled"] * 625 + ["unavailable"] * 609})
    assert tile_figure(tile, orders) == pytest.approx(tile.value)
    assert drill_summary(drill, orders) == (
        "Not fulfilled 1.2 % = 1,234 not fulfilled orders (625 canceled, 609 unavailable)"
        " of 99,441 orders"
    )
    late = {tile.key: tile for tile in tiles_of(total, None)}["late_rate"]
    assert late.parts == () and split_text(late) == ""
    delivered = pl.DataFrame({"order_status": ["delivered"]})
    assert drill_summary(tile_drill(late), delivered) == (
        "Late deliveries 10.0 % = 1 late delivery of 10 delivered orders"
    )


def test_definitions_state_each_fixed_definition() -> None:
    text = " ".join(definitions(SellerHealth()).split())
    for fixed in (
        "items price + freight of the orders not canceled or unavailable",
        "GMV ÷ the orders counted in GMV",
        "late ÷ delivered orders with a delivery date",
        "a delivered order whose delivered day is after its estimated day",
        "Orders of other statuses are never late",
        "delivered − purchase time in fractional days",
        "review score per order (= mean of its reviews)",
        "(canceled + unavailable orders) ÷ orders, with the split",
        "Not fulfilled** = canceled + unavailable orders",
        "how many are canceled and how many unavailable",
        "differ from items price + freight by more than R$ 0.01",
        "`has_no_items` and `has_no_payments`",
        "as of the latest purchase that counts as a sale",
        "health = 100 × (0.4·on-time rate + 0.4·(mean review − 1)/4"
        " + 0.2·(1 − not-fulfilled rate))",
    ):
        assert fixed in text, fixed
    assert "Cancellations" not in text
    assert "latest purchase that counts as a sale" in SCORING_NOTE
