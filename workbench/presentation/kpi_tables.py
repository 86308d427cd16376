"""The KPI views' tables as exported (batch, `workbench kpis`, `e` on the screen), by name."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from workbench.application.kpi_filters import Filters
from workbench.application.kpi_tiles import Tile
from workbench.application.kpis import (
    TREND_MONTHS,
    CohortView,
    DeliveryView,
    ExecutiveView,
    KpiService,
    KpiView,
    SectionsView,
    SellersView,
    TableView,
)
from workbench.application.ports import WarehouseQueries
from workbench.application.views import View
from workbench.presentation.kpi_tiles import change_text, tile_text, year_change_text

if TYPE_CHECKING:  # polars loads when a frame is first built, not at start-up
    import polars as pl

# Every table of the views as exported (batch, `workbench kpis --out`): name -> (view, what).
KPI_FRAMES: dict[str, tuple[str, str]] = {
    "kpi_executive": ("executive", "executive tiles: value, previous period, change"),
    "kpi_monthly": ("executive", "monthly GMV, orders, AOV, customers, rates, review"),
    "kpi_categories": ("categories", "revenue, items, mean price, review, late rate by category"),
    "kpi_sellers": ("sellers", "seller scorecard with health score, worst first"),
    "kpi_seller_health_months": (
        "sellers",
        f"each seller's health per month of the last {TREND_MONTHS} months",
    ),
    "kpi_delivery_days": ("delivery", "delivered orders by whole delivery days"),
    "kpi_delivery_states": ("delivery", "late rate and delivery days by customer state"),
    "kpi_delivery_routes": ("delivery", "late rate by seller state -> customer state"),
    "kpi_delivery_estimates": ("delivery", "estimated vs actual delivery days per month"),
    "kpi_delivery_reviews": ("delivery", "review score of late vs on-time deliveries"),
    "kpi_states": ("states", "orders, GMV, customers, freight share, late rate per UF"),
    "kpi_cohorts": ("cohorts", "cohort retention by month since the first order"),
    "kpi_cohort_grid": ("cohorts", "cohort size, repeat rate and retention m1..m12"),
    "kpi_abc_summary": ("products", "ABC classes of categories and products: cut-off, GMV share"),
    "kpi_category_abc": ("products", "categories ranked by GMV: share, cumulative share, class"),
    "kpi_product_abc": ("products", "products ranked by GMV: share, cumulative share, class"),
    "kpi_price_bands": ("products", "sale items by price band: revenue share, review, late rate"),
    "kpi_review_by_delay": ("products", "review score by days delivered after the estimate"),
    "kpi_freight_by_weight": ("products", "freight share of the value by weight band, category"),
    "kpi_customer_repeat": ("customers", "customers acquired, second-order rate, mean LTV"),
    "kpi_days_to_second": ("customers", "customers by days from first to second order"),
    "kpi_new_returning": ("customers", "GMV and orders of new vs returning customers by month"),
    "kpi_ltv_cohorts": ("customers", "lifetime GMV per customer by acquisition month"),
    "kpi_ltv_segments": ("customers", "lifetime GMV per customer by RFM segment"),
    "kpi_geo_states": ("geography", "map measures per layer and state"),
    "kpi_geo_points": ("geography", "map points: zip-prefix centroids with orders and GMV"),
}

# The executive series by grain, as exported: table name and the name of its period column.
SERIES_FRAMES = {
    "day": ("kpi_daily", "day"),
    "week": ("kpi_weekly", "week"),
    "month": ("kpi_monthly", "month"),
}

CHANGE_COLUMNS = {"money": "change_pct", "count": "change_pct", "rate": "change_pp"}


def view_frames(view: KpiView) -> dict[str, pl.DataFrame]:
    """The view's tables, named as exported."""
    if isinstance(view, ExecutiveView):
        name, column = SERIES_FRAMES[view.grain]
        series = view.series.rename({"period": column})
        return {"kpi_executive": tiles_frame(view.tiles), name: series}
    if isinstance(view, SellersView):
        return {"kpi_sellers": view.table, "kpi_seller_health_months": view.trend}
    if isinstance(view, TableView):
        return {f"kpi_{view.name}": view.table}
    if isinstance(view, SectionsView):
        return dict(view.tables)
    if isinstance(view, DeliveryView):
        return {
            "kpi_delivery_days": view.days,
            "kpi_delivery_states": view.by_state,
            "kpi_delivery_routes": view.routes,
            "kpi_delivery_estimates": view.estimates,
            "kpi_delivery_reviews": view.reviews,
        }
    assert isinstance(view, CohortView)
    return {"kpi_cohorts": view.cohorts, "kpi_cohort_grid": view.grid}


def tiles_frame(tiles: tuple[Tile, ...]) -> pl.DataFrame:
    """The tiles as a table: exact value, previous value and the change in its own unit.

    change_pct: percent change (money, counts); change_pp: difference in percentage points
    (rates); change_abs: difference in score points (mean review). One of them per row.
    year_ago: the value over the same days a year earlier; year_change: the change versus it,
    in the unit of the row's change column.
    """
    import polars as pl

    changes: dict[str, list[float | None]] = {"change_pct": [], "change_pp": [], "change_abs": []}
    year_changes: list[float | None] = []
    for tile in tiles:
        column = CHANGE_COLUMNS.get(tile.kind.name, "change_abs")
        change = tile.change
        if change is not None and column == "change_pct":
            change *= 100
        for name, values in changes.items():
            values.append(change if name == column else None)
        year_change = tile.year_change
        if year_change is not None and column == "change_pct":
            year_change *= 100
        year_changes.append(year_change)
    return pl.DataFrame(
        {
            "kpi": [tile.key for tile in tiles],
            "label": [tile.label for tile in tiles],
            "value": [_number(tile.value) for tile in tiles],
            "previous": [_number(tile.previous) for tile in tiles],
            **changes,
            "shown": [tile_text(tile) for tile in tiles],
            "change_shown": [change_text(tile) for tile in tiles],
            "year_ago": [_number(tile.year_ago) for tile in tiles],
            "year_change": year_changes,
            "year_change_shown": [year_change_text(tile) for tile in tiles],
        },
        schema_overrides={
            "value": pl.Float64,
            "previous": pl.Float64,
            "year_ago": pl.Float64,
            "year_change": pl.Float64,
            **dict.fromkeys(changes, pl.Float64),
        },
    )


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


@cache
def kpi_view_frames(view: str) -> Callable[[WarehouseQueries], dict[str, pl.DataFrame]]:
    """A loader of every exported table of one KPI view over the whole warehouse (no filters).
    One loader per view, so an export of several of its tables computes the view once; every
    product listed."""
    return lambda warehouse: view_frames(
        KpiService(warehouse).view(view, Filters(), product_rows=None)
    )


def _kpi_view(name: str, view: str, description: str) -> View:
    frames = kpi_view_frames(view)
    return View(name, description, lambda warehouse: frames(warehouse)[name], frames)


KPI_VIEWS: tuple[View, ...] = tuple(
    _kpi_view(name, view, description) for name, (view, description) in KPI_FRAMES.items()
)
