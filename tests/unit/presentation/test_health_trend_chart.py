"""The Sellers view's trend chart: per month, the median health of the listed declining sellers
against the other listed sellers; sellers not listed (under the minimum volume) do not count."""

from __future__ import annotations

from datetime import date

import polars as pl

from workbench.application.kpis import SellersView
from workbench.presentation.kpi_charts import charts_of, health_chart, health_trend_chart

JAN, FEB, MAR = date(2018, 1, 1), date(2018, 2, 1), date(2018, 3, 1)


def view() -> SellersView:
    table = pl.DataFrame(
        {
            "seller_id": ["down1", "down2", "steady1", "steady2"],
            "health_score": [80.0, 70.0, 90.0, 60.0],
            "is_declining": [True, True, False, False],
        }
    )
    trend = pl.DataFrame(
        {
            "month": [JAN, JAN, JAN, JAN, FEB, FEB, FEB, MAR, MAR, JAN],
            "seller_id": [
                "down1",
                "down2",
                "steady1",
                "steady2",
                "down1",
                "steady1",
                "steady2",
                "steady1",
                "steady2",
                "unlisted",
            ],
            "orders": [3, 2, 5, 4, 1, 2, 2, 3, 1, 9],
            "health": [90.0, 80.0, 95.0, 55.0, 40.0, 85.0, 65.0, 90.0, 60.0, 0.0],
        }
    )
    return SellersView("sellers", table, trend=trend)


def test_medians_per_month_of_declining_and_other_sellers() -> None:
    spec = health_trend_chart(view())
    assert spec.labels == ("2018-01", "2018-02", "2018-03")
    assert spec.keys == (JAN, FEB, MAR)
    declining, others = spec.series
    assert (declining.name, others.name) == ("declining", "others")
    assert declining.values == (85.0, 40.0, None)  # none of them sold in March: a gap
    assert others.values == (75.0, 75.0, 75.0)  # the unlisted seller's 0 is left out
    assert spec.drill == "month"


def test_the_sellers_view_draws_the_distribution_then_the_trend() -> None:
    titles = [spec.title for spec in charts_of(view())]
    assert titles == [
        "Sellers by health score",
        "Median health per month: declining sellers vs the others",
    ]


def test_the_health_bands_run_from_the_lowest_seller_to_the_highest() -> None:
    """A narrow screen fits fewer bars than ten: the bands no seller is in below the lowest or
    above the highest are not drawn, so the bars shown are the sellers' (60-70 ... 90-100)."""
    chart = health_chart(view().table)
    assert chart.labels == ("60-70", "70-80", "80-90", "90-100")
    assert chart.series[0].values == (1.0, 1.0, 1.0, 1.0)
    assert health_chart(view().table.head(0)).labels[0] == "0-10"
