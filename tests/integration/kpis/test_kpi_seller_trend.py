"""The Sellers view's health per month: against hand-written SQL on the facts (the score from the
domain's SellerHealth, not the warehouse's macro), on the fixture by hand, and the same score as
the scorecard's over one month."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from domain.services.seller_health import SellerHealth
from domain.value_objects.date_range import DateRange
from infrastructure.analytics.warehouse_reader import WarehouseReader
from workbench.application.kpi_filters import Filters
from workbench.application.kpis import TREND_MONTHS, KpiService

HAND_SQL = Path(__file__).parent / "hand_sql" / "seller_months.sql"
SPRING = DateRange(date(2017, 3, 1), date(2017, 8, 31))


def by_hand(reader: WarehouseReader, filters: Filters, window: DateRange) -> dict:
    """(month, seller) -> (orders, health) from the hand-written parts and SellerHealth.score."""
    bound = filters.params()
    params = {
        "states": bound["states"],
        "categories": bound["categories"],
        "trend_from": window.start,
        "trend_to": window.end,
    }
    health = SellerHealth()
    expected = {}
    for row in reader.sql(HAND_SQL.read_text(), params).iter_rows(named=True):
        on_time = 1 - row["late"] / row["delivered"] if row["delivered"] else None
        score = health.score(
            on_time, row["mean_review_score"], row["not_fulfilled"] / row["orders"]
        )
        expected[(row["month"], row["seller_id"])] = (row["orders"], score)
    return expected


def shown(trend: pl.DataFrame) -> dict:
    return {
        (r["month"], r["seller_id"]): (r["orders"], r["health"])
        for r in trend.iter_rows(named=True)
    }


@pytest.mark.parametrize(
    "filters",
    [
        Filters(),
        Filters(states=("SP",)),
        Filters(SPRING),
        Filters(SPRING, ("SP", "RJ")),
    ],
    ids=["none", "state", "dates", "dates + states"],
)
def test_health_per_month_matches_hand_sql(
    generated_kpis: KpiService, generated_reader: WarehouseReader, filters: Filters
) -> None:
    window = generated_kpis.trend_window(filters)
    assert window is not None
    trend = generated_kpis.sellers(filters).trend
    expected = by_hand(generated_reader, filters, window)
    got = shown(trend)
    assert len(expected) > 0 and got.keys() == expected.keys()
    for key, (orders, score) in expected.items():
        assert got[key][0] == orders
        assert got[key][1] == pytest.approx(score)
    assert trend["month"].n_unique() <= TREND_MONTHS


def test_health_per_month_under_a_category(
    generated_kpis: KpiService, generated_reader: WarehouseReader
) -> None:
    category = generated_kpis.choices().categories[0]
    filters = Filters(categories=(category,))
    window = generated_kpis.trend_window(filters)
    assert window is not None
    expected = by_hand(generated_reader, filters, window)
    got = shown(generated_kpis.sellers(filters).trend)
    assert len(expected) > 0 and got.keys() == expected.keys()
    assert all(got[k][1] == pytest.approx(v[1]) for k, v in expected.items())


def test_a_month_of_the_trend_is_the_scorecard_over_that_month(generated_kpis: KpiService) -> None:
    trend = generated_kpis.sellers(Filters()).trend
    month = trend["month"].max()
    assert isinstance(month, date)
    window = generated_kpis.trend_window(Filters())
    assert window is not None
    scorecard = generated_kpis.sellers(Filters(DateRange(month, window.end))).table
    expected = dict(zip(scorecard["seller_id"], scorecard["health_score"], strict=True))
    last = trend.filter(pl.col("month") == month)
    assert last.height == len(expected)
    for row in last.iter_rows(named=True):
        assert row["health"] == pytest.approx(expected[row["seller_id"]])


def test_trend_on_the_fixture(kpis: KpiService) -> None:
    """The data ends 2018-03-02: the window is 2017-10-01 → 2018-03-02, orders only from January.
    S3 in February: O12, delivered late (on time 0), review 4 ((4 − 1) / 4 = 0.75), fulfilled:
    100 × (0.4·0 + 0.4·0.75 + 0.2·1) = 50."""
    assert kpis.trend_window(Filters()) == DateRange(date(2017, 10, 1), date(2018, 3, 2))
    trend = kpis.sellers(Filters()).trend
    assert sorted(set(trend["month"])) == [date(2018, 1, 1), date(2018, 2, 1), date(2018, 3, 1)]
    s3 = "fd" + "0" * 28 + "03"
    february = trend.filter((pl.col("month") == date(2018, 2, 1)) & (pl.col("seller_id") == s3))
    assert february.rows() == [(date(2018, 2, 1), s3, 1, pytest.approx(50.0))]


def test_a_short_period_is_its_own_window(kpis: KpiService) -> None:
    january = DateRange(date(2017, 1, 10), date(2017, 2, 20))
    assert kpis.trend_window(Filters(january)) == january
    months = kpis.sellers(Filters(january)).trend["month"]
    assert sorted(set(months)) == [date(2017, 1, 1), date(2017, 2, 1)]
