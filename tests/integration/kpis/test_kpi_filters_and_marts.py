"""On a generated dataset: every view follows every filter combination as hand-written SQL on the
facts says, and without filters the views give the marts' figures (one set of definitions)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from domain.value_objects.date_range import DateRange
from infrastructure.analytics.warehouse_reader import WarehouseReader
from workbench.application.kpi_filters import Filters
from workbench.application.kpis import KpiService
from workbench.presentation.kpi_drills import drill_summary, tile_drill, tile_figure
from workbench.presentation.kpi_tiles import split_text, tile_text

HAND_SQL = Path(__file__).parent / "hand_sql"
SPRING = DateRange(date(2017, 3, 1), date(2017, 8, 31))


def hand(reader: WarehouseReader, name: str, filters: Filters) -> pl.DataFrame:
    return reader.sql((HAND_SQL / f"{name}.sql").read_text(), filters.params())


@pytest.fixture(scope="module")
def categories(generated_kpis: KpiService) -> tuple[str, ...]:
    """The three categories with the most items, most first."""
    return generated_kpis.choices().categories[:3]


@pytest.fixture(
    scope="module",
    params=[
        "none", "state", "category", "dates", "state+dates", "all three", "several states",
        "several categories", "several of both + dates",
    ],
)  # fmt: skip
def filters(request: pytest.FixtureRequest, categories: tuple[str, ...]) -> Filters:
    return {
        "none": Filters(),
        "state": Filters(states=("RJ",)),
        "category": Filters(categories=categories[:1]),
        "dates": Filters(SPRING),
        "state+dates": Filters(SPRING, ("MG",)),
        "all three": Filters(SPRING, ("SP",), categories[:1]),
        "several states": Filters(states=("RJ", "MG", "BA")),
        "several categories": Filters(categories=categories[1:]),
        "several of both + dates": Filters(SPRING, ("SP", "RJ"), categories[::2]),
    }[request.param]


@pytest.fixture(scope="module")
def expected(generated_reader: WarehouseReader, filters: Filters) -> dict[str, Any]:
    return hand(generated_reader, "executive_totals", filters).row(0, named=True)


def test_executive_tiles_and_monthly_series(
    generated_kpis: KpiService, filters: Filters, expected: dict[str, Any]
) -> None:
    view = generated_kpis.executive(filters)
    tiles = {tile.key: tile.value for tile in view.tiles}
    assert expected["orders"] > 0, "each combination selects some orders"
    assert tiles["orders"] == expected["orders"]
    assert tiles["gmv"] == expected["gmv"]
    assert tiles["customers"] == expected["customers"]
    assert tiles["new_customers"] == expected["new_customers"]
    not_fulfilled = expected["canceled_orders"] + expected["unavailable_orders"]
    assert tiles["not_fulfilled_rate"] == pytest.approx(not_fulfilled / expected["orders"])
    split = {tile.key: tile.parts for tile in view.tiles}["not_fulfilled_rate"]
    assert split == (
        ("canceled", expected["canceled_orders"]),
        ("unavailable", expected["unavailable_orders"]),
    )
    assert tiles["late_rate"] == pytest.approx(
        expected["late_orders"] / expected["delivered_orders"]
    )
    assert tiles["avg_review_score"] == pytest.approx(expected["avg_review_score"])
    monthly = view.series
    assert monthly["orders"].sum() == expected["orders"]
    assert monthly["gmv"].sum() == expected["gmv"]
    assert monthly["new_customers"].sum() == expected["new_customers"]
    assert monthly["late_orders"].sum() == expected["late_orders"]
    if filters.period is not None:
        assert monthly["period"].to_list() == [date(2017, m, 1) for m in range(3, 9)]


def test_categories_follow_the_filters(
    generated_kpis: KpiService, generated_reader: WarehouseReader, filters: Filters
) -> None:
    table = generated_kpis.categories(filters).table.sort("category")
    reference = hand(generated_reader, "category_totals", filters)
    assert table["category"].to_list() == reference["category"].to_list()
    assert table["revenue"].to_list() == reference["revenue"].to_list()
    assert table["items"].to_list() == reference["items"].to_list()
    assert table["orders"].to_list() == reference["orders"].to_list()


def test_sellers_follow_the_filters(
    generated_kpis: KpiService, generated_reader: WarehouseReader, filters: Filters
) -> None:
    table = generated_kpis.sellers(filters).table.sort("seller_id")
    reference = hand(generated_reader, "seller_totals", filters)
    assert table["seller_id"].to_list() == reference["seller_id"].to_list()
    assert table["revenue"].to_list() == [r or Decimal("0.00") for r in reference["revenue"]]
    assert table["orders"].to_list() == reference["orders"].to_list()
    assert table["all_orders"].to_list() == reference["all_orders"].to_list()
    health = table["health_score"].to_list()
    assert all(0 <= score <= 100 for score in health)
    ordered = generated_kpis.sellers(filters).table
    steady = ordered.filter(~pl.col("is_declining"))["health_score"].to_list()
    assert steady == sorted(steady)  # after the declining ones, worst health first


def test_states_delivery_and_cohorts_follow_the_filters(
    generated_kpis: KpiService, filters: Filters, expected: dict[str, Any]
) -> None:
    states = generated_kpis.states(filters).table
    assert states["orders"].sum() == expected["orders"]
    assert states["gmv"].sum() == expected["gmv"]
    if filters.states:
        assert set(states["customer_state"]) == set(filters.states)
    delivery = generated_kpis.delivery(filters)
    assert delivery.by_state["delivered_orders"].sum() == expected["delivered_orders"]
    assert delivery.by_state["late_orders"].sum() == expected["late_orders"]
    assert delivery.days["orders"].sum() == expected["delivered_orders"]
    assert delivery.estimates["delivered_orders"].sum() == expected["delivered_orders"]
    assert delivery.reviews["delivered_orders"].sum() == expected["delivered_orders"]
    cohorts = generated_kpis.cohorts(filters).grid
    assert cohorts["cohort_size"].sum() == expected["new_customers"]


def test_states_match_hand_sql_per_state(
    generated_kpis: KpiService, generated_reader: WarehouseReader, filters: Filters
) -> None:
    table = generated_kpis.states(filters).table.sort("customer_state")
    reference = hand(generated_reader, "state_totals", filters)
    assert table.select("customer_state", "orders", "gmv").rows() == reference.rows()


# -- without filters, the views give the marts' figures ------------------------------------------
# Each mart is its kpi_* macro called without filters; the dashboards call the same macro with
# theirs. Where the mart keeps the macro's grain it must hold the macro's figures, column for
# column; where a view adds the macro's rows up (categories, delivery by state), the sums are
# checked against the mart.

# mart -> (macro, the mart's key columns, mart column -> macro column where the names differ)
MART_MACROS: dict[str, tuple[str, tuple[str, ...], dict[str, str]]] = {
    "mart_kpi_monthly": ("kpi_monthly", ("month",), {}),
    "mart_state_summary": ("kpi_states", ("state",), {"state": "customer_state"}),
    "mart_seller_scorecard": (
        "kpi_sellers",
        ("seller_id",),
        {"avg_review_score": "mean_review_score", "avg_delivery_days": "mean_delivery_days"},
    ),
    "mart_cohort_retention": ("kpi_cohorts", ("cohort_month", "months_since_first"), {}),
    "mart_category_performance": (
        "kpi_categories",
        ("month", "category_name", "category_name_english"),
        {"category_name_english": "category"},
    ),
    "mart_delivery_performance": ("kpi_delivery", ("month", "customer_state"), {}),
}


@pytest.mark.parametrize("mart", sorted(MART_MACROS))
def test_each_mart_is_its_macro_without_filters(
    generated_reader: WarehouseReader, mart: str
) -> None:
    macro, keys, renamed = MART_MACROS[mart]
    unfiltered = generated_reader.sql(f"SELECT * FROM {macro}(NULL, NULL, NULL, NULL)")
    if "is_total" in unfiltered.columns:
        unfiltered = unfiltered.filter(~pl.col("is_total"))
    table = generated_reader.table(mart)
    shared = [c for c in table.columns if renamed.get(c, c) in unfiltered.columns]
    assert set(keys) <= set(shared)
    assert len(shared) >= len(keys) + 3, "the mart takes its figures from the macro"
    figures = unfiltered.select([pl.col(renamed.get(c, c)).alias(c) for c in shared]).filter(
        pl.all_horizontal(pl.col(list(keys)).is_not_null())
    )
    joined = table.select(shared).join(figures, on=list(keys), suffix="_macro")
    assert joined.height == figures.height > 0, "every row of the macro is in the mart"
    for column in (c for c in shared if c not in keys):
        ours, macro_value = pl.col(column), pl.col(f"{column}_macro")
        # the mart shows 0 where the macro has no value (a state or seller without sales)
        unequal = (
            (ours - macro_value).abs() > 1e-9 * macro_value.abs()
            if joined.schema[column] == pl.Float64
            else ours.ne_missing(macro_value)  # money and counts to the unit
        )
        differing = joined.filter(
            macro_value.is_null() & ours.is_not_null() & (ours != 0)
            | macro_value.is_not_null() & unequal
        )
        assert differing.is_empty(), f"{mart}.{column} differs from {macro}: {differing.head(3)}"


def test_categories_equal_the_category_mart(
    generated_kpis: KpiService, generated_reader: WarehouseReader
) -> None:
    table = generated_kpis.categories(Filters()).table
    mart = (
        generated_reader.table("mart_category_performance")
        .group_by(pl.col("category_name_english").alias("category"))
        .agg(
            pl.col("revenue").sum(),
            pl.col("items").sum(),
            pl.col("orders").sum(),
            pl.col("delivered_orders").sum(),
            pl.col("late_orders").sum(),
            pl.col("reviewed_orders").sum(),
            ((pl.col("avg_review_score") * pl.col("reviewed_orders")).sum()
             / pl.col("reviewed_orders").sum()).alias("mean_review_score"),
        )
    )  # fmt: skip
    columns = mart.columns
    assert_frame_equal(
        table.select(columns).sort("category"), mart.sort("category"), check_dtypes=False
    )


# The service's views, unfiltered, against the marts: the queries pick and order columns of the
# macros and split off the totals, so they can still disagree with the marts.
def test_monthly_equals_mart_kpi_monthly(
    generated_kpis: KpiService, generated_reader: WarehouseReader
) -> None:
    monthly = generated_kpis.executive(Filters()).series.rename({"period": "month"})
    mart = generated_reader.table("mart_kpi_monthly")
    columns = [c for c in monthly.columns if c in mart.columns]
    assert len(columns) >= 14
    assert_frame_equal(monthly.select(columns), mart.select(columns), check_dtypes=False)


def test_sellers_equal_the_seller_scorecard(
    generated_kpis: KpiService, generated_reader: WarehouseReader
) -> None:
    table = generated_kpis.sellers(Filters()).table.sort("seller_id")
    mart = (
        generated_reader.table("mart_seller_scorecard")
        .filter(pl.col("seller_id").is_in(table["seller_id"].implode()))
        .sort("seller_id")
    )
    assert table.height == mart.height > 0
    pairs = {
        "orders": "orders",
        "revenue": "revenue",
        "canceled_orders": "canceled_orders",
        "delivered_orders": "delivered_orders",
        "late_orders": "late_orders",
        "reviewed_orders": "reviewed_orders",
        "mean_review_score": "avg_review_score",
        "mean_delivery_days": "avg_delivery_days",
    }
    for ours, theirs in pairs.items():
        assert_frame_equal(
            table.select(pl.col(ours)),
            mart.select(pl.col(theirs).alias(ours)),
            check_dtypes=False,
        )


def test_states_delivery_and_cohorts_equal_their_marts(
    generated_kpis: KpiService, generated_reader: WarehouseReader
) -> None:
    states = generated_kpis.states(Filters()).table.sort("customer_state")
    mart = (
        generated_reader.table("mart_state_summary")
        .filter(pl.col("orders") > 0)
        .sort("state")
        .rename({"state": "customer_state"})
    )
    columns = ["customer_state", "orders", "sale_orders", "gmv", "customers", "late_rate"]
    assert_frame_equal(states.select(columns), mart.select(columns), check_dtypes=False)

    by_state = generated_kpis.delivery(Filters()).by_state.sort("customer_state")
    delivery_mart = (
        generated_reader.table("mart_delivery_performance")
        .group_by("customer_state")
        .agg(pl.col("delivered_orders").sum(), pl.col("late_orders").sum())
        .sort("customer_state")
    )
    assert_frame_equal(by_state.select(delivery_mart.columns), delivery_mart, check_dtypes=False)

    cohorts = generated_kpis.cohorts(Filters()).cohorts
    retention = generated_reader.table("mart_cohort_retention")
    columns = ["cohort_month", "months_since_first", "cohort_size", "active_customers"]
    assert_frame_equal(
        cohorts.select(columns).sort(columns[:2]),
        retention.select(columns).sort(columns[:2]),
        check_dtypes=False,
    )


def test_each_tile_drills_to_orders_that_add_up_to_its_figure(
    generated_kpis: KpiService, filters: Filters
) -> None:
    for tile in generated_kpis.executive(filters).tiles:
        orders = generated_kpis.orders(filters, tile_drill(tile))
        if tile.kind.name != "money":  # money: as shown, below (AOV is rounded to the cent)
            assert tile_figure(tile, orders) == pytest.approx(tile.value), tile.key
        summary = drill_summary(tile_drill(tile), orders)
        assert summary.startswith(f"{tile.label} {tile_text(tile)}"), summary
        if tile.key == "not_fulfilled_rate":
            statuses = orders["order_status"].value_counts()
            assert set(statuses["order_status"]) <= {"canceled", "unavailable"}
            counted = dict(zip(statuses["order_status"], statuses["count"], strict=True))
            assert tuple((part, counted.get(part, 0)) for part, _ in tile.parts) == tile.parts
            assert f"({split_text(tile)}) of {tile.base:,} orders" in summary
