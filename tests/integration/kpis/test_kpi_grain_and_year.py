"""Series by day and week, year-over-year changes and several states or categories at once:
on the hand-made fixture (figures from its README) and against hand-written SQL."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from domain.value_objects.date_range import DateRange
from infrastructure.analytics.warehouse_reader import WarehouseReader
from workbench.application.kpi_filters import Filters, period_range
from workbench.application.kpis import KpiService
from workbench.presentation.kpi_charts import charts_of
from workbench.presentation.kpi_drills import bar_drill
from workbench.presentation.kpi_tiles import year_change_text

HAND_SQL = Path(__file__).parent / "hand_sql"
FEBRUARY_2017 = DateRange(date(2017, 2, 1), date(2017, 2, 28))


def test_weeks_start_on_monday_and_cover_the_range(kpis: KpiService) -> None:
    view = kpis.executive(Filters(FEBRUARY_2017), "week")
    weeks = {row["period"]: row["orders"] for row in view.series.iter_rows(named=True)}
    # O2 Fri 10th (week of Mon 6th), O5 Tue 14th (13th), O6 Mon 20th (20th)
    assert weeks == {
        date(2017, 1, 30): 0,
        date(2017, 2, 6): 1,
        date(2017, 2, 13): 1,
        date(2017, 2, 20): 1,
        date(2017, 2, 27): 0,
    }
    assert {tile.key: tile.value for tile in view.tiles}["orders"] == 3, "the grain is the series'"


def test_days_hold_every_day_of_the_range(kpis: KpiService) -> None:
    series = kpis.executive(Filters(FEBRUARY_2017), "day").series
    assert series["period"].to_list() == [date(2017, 2, 1) + timedelta(n) for n in range(28)]
    busy = series.filter(series["orders"] > 0)
    assert busy["period"].to_list() == [date(2017, 2, 10), date(2017, 2, 14), date(2017, 2, 20)]
    assert busy["gmv"].to_list() == [Decimal("90.00"), Decimal("0.00"), Decimal("0.00")]


def test_a_week_bar_drills_to_that_weeks_orders(kpis: KpiService) -> None:
    filters = Filters(FEBRUARY_2017)
    gmv, _ = charts_of(kpis.executive(filters, "week"))
    drill = bar_drill(gmv, gmv.keys.index(date(2017, 2, 13)), 40)
    assert drill is not None and drill.period == period_range(date(2017, 2, 13), "week")
    orders = kpis.orders(filters, drill)
    assert orders["order_id"].to_list() == [f"ad{'0' * 28}05"]  # O5, Tuesday 14th


def test_year_over_year_compares_the_same_days_a_year_earlier(kpis: KpiService) -> None:
    filters = Filters(DateRange(date(2018, 1, 1), date(2018, 2, 28)))
    tiles = {tile.key: tile for tile in kpis.executive(filters).tiles}
    gmv = tiles["gmv"]
    # 2018-01 300.00 + 2018-02 112.00 against 2017-01 318.25 + 2017-02 90.00
    assert (gmv.value, gmv.year_ago) == (Decimal("412.00"), Decimal("408.25"))
    assert gmv.year_change == pytest.approx(412.00 / 408.25 - 1)
    assert year_change_text(gmv) == "yoy ▲ 0.9%"
    assert (tiles["orders"].value, tiles["orders"].year_ago) == (5, 6)
    assert year_change_text(tiles["orders"]) == "yoy ▼ 16.7%"
    assert tiles["late_rate"].year_change == pytest.approx(100 * (1 / 2 - 1 / 4)), "in points"
    assert year_change_text(tiles["late_rate"]) == "yoy ▲ 25.00 pp"
    everything = {tile.key: tile for tile in kpis.executive(Filters()).tiles}["gmv"]
    assert not everything.year_compared and year_change_text(everything) == ""


def test_a_year_with_no_orders_has_nothing_to_compare_with(kpis: KpiService) -> None:
    filters = Filters(DateRange(date(2017, 1, 1), date(2017, 3, 31)))
    gmv = {tile.key: tile for tile in kpis.executive(filters).tiles}["gmv"]
    assert gmv.year_ago == 0 and gmv.year_change is None
    assert year_change_text(gmv) == "yoy —"


def test_several_states_add_up_their_orders(kpis: KpiService) -> None:
    both = {tile.key: tile.value for tile in kpis.executive(Filters(states=("SP", "RJ"))).tiles}
    sp = {tile.key: tile.value for tile in kpis.executive(Filters(states=("SP",))).tiles}
    rj = {tile.key: tile.value for tile in kpis.executive(Filters(states=("RJ",))).tiles}
    assert both["orders"] == sp["orders"] + rj["orders"] > sp["orders"]
    assert both["gmv"] == sp["gmv"] + rj["gmv"]


def test_several_categories_count_only_their_items(kpis: KpiService) -> None:
    chosen = Filters(categories=("pc_gamer", "(no category)"))
    values = {tile.key: tile.value for tile in kpis.executive(chosen).tiles}
    # O9 holds P3 (no category, 25.00 + 5.00) and P4 (pc_gamer, 199.99 + 20.01): both count
    # now; O11 holds P4 (55.55 + 4.45)
    assert values["gmv"] == Decimal("310.00")
    assert values["orders"] == 2


@pytest.mark.parametrize(
    "filters",
    [
        Filters(DateRange(date(2018, 1, 1), date(2018, 6, 30))),
        Filters(DateRange(date(2018, 3, 1), date(2018, 8, 31)), ("SP", "RJ", "MG")),
    ],
    ids=["first half 2018", "spring-summer 2018 in three states"],
)
def test_year_ago_figures_equal_hand_sql_a_year_earlier(
    generated_kpis: KpiService, generated_reader: WarehouseReader, filters: Filters
) -> None:
    year_ago = filters.year_ago()
    assert year_ago is not None and year_ago.period is not None
    assert year_ago.period.start.year == 2017
    expected = generated_reader.sql(
        (HAND_SQL / "executive_totals.sql").read_text(), year_ago.params()
    ).row(0, named=True)
    assert expected["orders"] > 0
    tiles = {tile.key: tile for tile in generated_kpis.executive(filters).tiles}
    assert tiles["orders"].year_ago == expected["orders"]
    assert tiles["gmv"].year_ago == expected["gmv"]
    assert tiles["customers"].year_ago == expected["customers"]
    assert tiles["late_rate"].year_ago == pytest.approx(
        expected["late_orders"] / expected["delivered_orders"]
    )
