"""The Products, Customers and Geography views: figures by hand on the fixture, and under every
filter combination equal to hand-written SQL on the facts (tests/integration/kpis/hand_sql)
recomputed here in Python (ABC classes, bands, lifetimes), so neither side checks itself."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl
import pytest

from domain.value_objects.date_range import DateRange
from infrastructure.analytics.warehouse_reader import WarehouseReader
from workbench.application.kpi_customers import SECOND_ORDER_BANDS
from workbench.application.kpi_filters import Filters
from workbench.application.kpis import ABC_CUTOFFS, KpiService, SectionsView

HAND_SQL = Path(__file__).parent / "hand_sql"
SPRING = DateRange(date(2017, 3, 1), date(2017, 8, 31))


def hand(reader: WarehouseReader, name: str, filters: Filters) -> pl.DataFrame:
    return reader.sql((HAND_SQL / f"{name}.sql").read_text(), filters.params())


def person(n: int) -> str:
    return f"{'3e' if n == 3 else 'ee'}{'0' * 28}{n:02d}"


@pytest.fixture(scope="module")
def categories(generated_kpis: KpiService) -> tuple[str, ...]:
    return generated_kpis.choices().categories[:3]


@pytest.fixture(
    scope="module",
    params=["none", "state", "category", "dates", "all three", "several of both + dates"],
)
def filters(request: pytest.FixtureRequest, categories: tuple[str, ...]) -> Filters:
    return {
        "none": Filters(),
        "state": Filters(states=("RJ",)),
        "category": Filters(categories=categories[:1]),
        "dates": Filters(SPRING),
        "all three": Filters(SPRING, ("SP",), categories[:1]),
        "several of both + dates": Filters(SPRING, ("SP", "RJ"), categories[::2]),
    }[request.param]


def abc_by_hand(gmv: dict[str, Decimal]) -> dict[str, str]:
    """Ranked by GMV (ties by key); A while the share before is under 80 %, B under 95 %."""
    total = sum(gmv.values())
    ranked = sorted(gmv.items(), key=lambda item: (-item[1], item[0]))
    classes, before = {}, Decimal(0)
    for key, value in ranked:
        share_before = before / total
        if share_before < Decimal(str(ABC_CUTOFFS["a_cutoff"])):
            classes[key] = "A"
        elif share_before < Decimal(str(ABC_CUTOFFS["b_cutoff"])):
            classes[key] = "B"
        else:
            classes[key] = "C"
        before += value
    return classes


# -- Products ------------------------------------------------------------------------------------


def test_products_abc_and_bands_match_hand_sql(
    generated_kpis: KpiService, generated_reader: WarehouseReader, filters: Filters
) -> None:
    view = generated_kpis.products(filters, product_rows=None)
    items = hand(generated_reader, "sale_items", filters)
    assert items.height > 0, "each combination selects some items"
    product_gmv: dict[str, Decimal] = {}
    category_gmv: dict[str, Decimal] = {}
    for row in items.iter_rows(named=True):
        value = row["price"] + row["freight_value"]
        product_gmv[row["product_id"]] = product_gmv.get(row["product_id"], Decimal(0)) + value
        category_gmv[row["category"]] = category_gmv.get(row["category"], Decimal(0)) + value

    products = view.tables["kpi_product_abc"]
    assert dict(zip(products["product_id"], products["gmv"], strict=True)) == product_gmv
    assert dict(zip(products["product_id"], products["abc_class"], strict=True)) == abc_by_hand(
        product_gmv
    )
    assert products["cumulative_share"][-1] == pytest.approx(1.0)
    categories = view.tables["kpi_category_abc"]
    assert dict(zip(categories["category"], categories["gmv"], strict=True)) == category_gmv
    assert dict(zip(categories["category"], categories["abc_class"], strict=True)) == abc_by_hand(
        category_gmv
    )

    summary = view.tables["kpi_abc_summary"]
    for level, frame in (("category", categories), ("product", products)):
        part = summary.filter(pl.col("level") == level)
        assert part["abc_class"].to_list() == ["A", "B", "C"]
        assert part["cutoff"].to_list() == ["0-80%", "80%-95%", "95%-100%"]
        assert part["members"].sum() == frame.height
        assert part["gmv_share"].sum() == pytest.approx(1.0)

    # price bands: every item in exactly one band, revenue adds up to the items' price
    bands = view.tables["kpi_price_bands"]
    assert bands["items"].sum() == items.height
    assert bands["revenue"].sum() == items["price"].sum()
    expected_under_25 = items.filter(pl.col("price") < 25).height
    assert bands.row(0, named=True)["items"] == expected_under_25

    # freight share per weight band across categories
    freight = view.tables["kpi_freight_by_weight"]
    totals = freight.filter(pl.col("category") == "(all categories)")
    assert totals["items"].sum() == items.height
    assert totals["freight_value"].sum() == items["freight_value"].sum()
    light = items.filter(pl.col("weight_g") < 250)
    if light.height:
        row = totals.filter(pl.col("weight_band") == "under 250 g").row(0, named=True)
        share = light["freight_value"].sum() / (light["price"].sum() + light["freight_value"].sum())
        assert row["freight_share"] == pytest.approx(float(share))


def test_products_view_lists_the_first_products_and_counts_every_class(
    generated_kpis: KpiService, filters: Filters
) -> None:
    every = generated_kpis.products(filters, product_rows=None)
    first = generated_kpis.products(filters, product_rows=3)
    listed = first.tables["kpi_product_abc"]
    assert listed.equals(every.tables["kpi_product_abc"].head(3))
    assert first.tables["kpi_abc_summary"].equals(every.tables["kpi_abc_summary"])
    assert "the first 3 products by GMV listed" in first.notes[0]
    assert "listed" not in every.notes[0]
    # the statement behind the table is that of the rows listed
    query = first.queries["kpi_product_abc"]
    assert query.params["product_rows"] == 3


def test_review_by_delay_matches_hand_sql(
    generated_kpis: KpiService, generated_reader: WarehouseReader, filters: Filters
) -> None:
    delays = hand(generated_reader, "delivery_delays", filters)
    table = generated_kpis.products(filters).tables["kpi_review_by_delay"]
    assert table["delivered_orders"].sum() == delays.height
    on_time = delays.filter(pl.col("delay_days") == 0)
    row = table.filter(pl.col("delay_band") == "on the day").row(0, named=True)
    assert row["delivered_orders"] == on_time.height
    late = delays.filter(pl.col("delay_days").is_between(1, 3))
    row = table.filter(pl.col("delay_band") == "1-3 days late").row(0, named=True)
    assert row["delivered_orders"] == late.height
    if late["review_score"].drop_nulls().len():
        assert row["mean_review_score"] == pytest.approx(late["review_score"].mean())


def test_products_abc_on_the_fixture(kpis: KpiService) -> None:
    """Fixture: sale GMV 1,103.75 over its categories; the class of each follows the cut-offs."""
    view = kpis.products(Filters())
    categories = view.tables["kpi_category_abc"]
    assert sum(categories["gmv"]) == Decimal("1103.75")
    rows = categories.rows(named=True)
    for before, row in zip([None, *rows], rows, strict=False):
        share_before = 0.0 if before is None else before["cumulative_share"]
        expected = "A" if share_before < 0.8 else "B" if share_before < 0.95 else "C"
        assert row["abc_class"] == expected
    assert rows[0]["abc_class"] == "A"
    assert "A: first 80% of GMV, B: to 95%" in view.notes[0]


# -- Customers -----------------------------------------------------------------------------------


def test_customers_on_the_fixture(kpis: KpiService) -> None:
    """11 people acquired; U1 buys again 36 days later (O1 → O2), U3 7 days later (O11 → O12);
    U2's second order O5 is canceled: not a repeat."""
    view = kpis.customers(Filters())
    summary = view.tables["kpi_customer_repeat"].row(0, named=True)
    assert summary["customers"] == 11
    assert summary["second_order_customers"] == 2
    assert summary["second_order_rate"] == pytest.approx(2 / 11)
    assert summary["lifetime_gmv"] == Decimal("1103.75")
    days = dict(zip(view.tables["kpi_days_to_second"]["days_to_second"],
                    view.tables["kpi_days_to_second"]["customers"], strict=True))  # fmt: skip
    assert days["0-7 days"] == 1 and days["31-60 days"] == 1
    assert sum(days.values()) == 2
    months = {
        row["month"]: (row["new_gmv"], row["returning_gmv"])
        for row in view.tables["kpi_new_returning"].iter_rows(named=True)
    }
    assert months == {
        date(2017, 1, 1): (Decimal("318.25"), Decimal("0.00")),
        date(2017, 2, 1): (Decimal("0.00"), Decimal("90.00")),
        date(2017, 3, 1): (Decimal("175.00"), Decimal("28.50")),
        date(2018, 1, 1): (Decimal("300.00"), Decimal("0.00")),
        date(2018, 2, 1): (Decimal("72.00"), Decimal("40.00")),
        date(2018, 3, 1): (Decimal("80.00"), Decimal("0.00")),
    }
    cohorts = view.tables["kpi_ltv_cohorts"]
    january = cohorts.filter(pl.col("cohort_month") == date(2017, 1, 1)).row(0, named=True)
    # U1 228.50, U2 58.25, U10 150.00
    assert january["customers"] == 3
    assert january["lifetime_gmv"] == Decimal("436.75")
    assert january["mean_lifetime_gmv"] == pytest.approx(436.75 / 3)
    segments = view.tables["kpi_ltv_segments"]
    lost = segments.filter(pl.col("segment") == "Lost").row(0, named=True)
    assert lost["customers"] == 2 and lost["lifetime_gmv"] == Decimal("208.25")
    assert "(not scored)" in segments["segment"].to_list()  # U4: only an unavailable order


def test_customers_under_a_filter_on_the_fixture(kpis: KpiService) -> None:
    """2018 only: U7, U8, U3, U9, U11 acquired; U3 buys again (O12)."""
    view = kpis.customers(Filters(DateRange(date(2018, 1, 1), date(2018, 12, 31))))
    summary = view.tables["kpi_customer_repeat"].row(0, named=True)
    assert (summary["customers"], summary["second_order_customers"]) == (5, 1)


def test_customers_match_hand_sql(
    generated_kpis: KpiService, generated_reader: WarehouseReader, filters: Filters
) -> None:
    reference = hand(generated_reader, "customer_lifetimes", filters)
    view = generated_kpis.customers(filters)
    summary = view.tables["kpi_customer_repeat"].row(0, named=True)
    repeat = reference.filter(pl.col("second_at").is_not_null())
    assert summary["customers"] == reference.height > 0
    assert summary["second_order_customers"] == repeat.height
    assert summary["lifetime_gmv"] == reference["lifetime_gmv"].sum()
    days = [
        (second.date() - first.date()).days
        for first, second in zip(repeat["first_at"], repeat["second_at"], strict=True)
    ]
    bands = view.tables["kpi_days_to_second"]["customers"].to_list()
    expected = [
        sum(1 for d in days if d >= low and (high is None or d <= high))
        for _, low, high in SECOND_ORDER_BANDS
    ]
    assert bands == expected
    by_month: dict[date, Decimal] = {}
    for row in reference.iter_rows(named=True):
        month = row["first_at"].date().replace(day=1)
        by_month[month] = by_month.get(month, Decimal(0)) + row["lifetime_gmv"]
    cohorts = view.tables["kpi_ltv_cohorts"]
    assert dict(zip(cohorts["cohort_month"], cohorts["lifetime_gmv"], strict=True)) == by_month


# -- Geography -----------------------------------------------------------------------------------


def test_geography_states_match_hand_sql(
    generated_kpis: KpiService, generated_reader: WarehouseReader, filters: Filters
) -> None:
    view = generated_kpis.geography(filters)
    states = view.tables["kpi_geo_states"].filter(
        (pl.col("layer") == "customers") & (pl.col("orders") > 0)
    )
    reference = hand(generated_reader, "state_totals", filters)
    assert states.select("state", "orders", "gmv").sort("state").rows() == reference.rows()
    points = view.tables["kpi_geo_points"].filter(pl.col("layer") == "customers")
    assert 0 < points["orders"].sum() <= reference["orders"].sum()
    assert set(points["state"]) <= set(reference["customer_state"])


def test_geography_points_on_the_fixture(kpis: KpiService) -> None:
    """O14's customer lives in zip 01409 (centroid of its points in Brazil); O10's zip 78990 has
    no coordinates: it is not drawn."""
    view: Any = kpis.view("geography", Filters())
    assert isinstance(view, SectionsView)
    points = view.tables["kpi_geo_points"]
    customers = points.filter(pl.col("layer") == "customers")
    row = customers.filter(pl.col("zip_code_prefix") == "01409").row(0, named=True)
    assert (row["lat"], row["lng"], row["state"]) == (-23.552667, -46.660667, "SP")
    assert "78990" not in customers["zip_code_prefix"].to_list()
    states = view.tables["kpi_geo_states"]
    assert states.filter(pl.col("layer") == "customers").height == states["state"].n_unique()


# -- Sellers: the last 90 days next to all time --------------------------------------------------


def test_sellers_recent_health_and_declining_first(
    generated_kpis: KpiService, filters: Filters
) -> None:
    table = generated_kpis.sellers(filters).table
    window = generated_kpis.recent_window(filters)
    assert window is not None and window.days <= 90
    if filters.period is not None:
        assert window.end == filters.period.end
    recent = generated_kpis.sellers(
        Filters(window, filters.states, filters.categories)
    ).table.select("seller_id", pl.col("health_score").alias("recent"), "all_orders")
    joined = table.join(recent, on="seller_id", how="left")
    for row in joined.iter_rows(named=True):
        assert row["health_90d"] == pytest.approx(row["recent"])  # both None or equal
        assert row["orders_90d"] == (row["all_orders_right"] or 0)
        if row["health_90d"] is not None:
            assert row["health_trend"] == pytest.approx(row["health_90d"] - row["health_score"])
        declining = (
            row["orders_90d"] >= 3 and row["health_trend"] is not None and row["health_trend"] < -5
        )
        assert row["is_declining"] == declining
    flags = table["is_declining"].to_list()
    assert flags == sorted(flags, reverse=True)  # declining sellers first
    trends = table.filter(pl.col("is_declining"))["health_trend"].to_list()
    assert trends == sorted(trends)  # steepest decline first


def test_sellers_recent_window_on_the_fixture(kpis: KpiService) -> None:
    """The data ends 2018-03-02: the window is 2017-12-03 → 2018-03-02; S1..S3's orders there
    are O9..O15's items."""
    window = kpis.recent_window(Filters())
    assert window == DateRange(date(2017, 12, 3), date(2018, 3, 2))
    spring = kpis.recent_window(Filters(DateRange(date(2017, 1, 1), date(2017, 1, 31))))
    assert spring == DateRange(date(2017, 1, 1), date(2017, 1, 31))  # shorter than 90 days
