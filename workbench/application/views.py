"""Named views of the warehouse that batch runs and screens export: one place to list them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.application.ports import WarehouseQueries
from workbench.application.segment_figures import segment_customers, segment_summary

if TYPE_CHECKING:  # polars loads when a frame is first built, not at start-up
    import polars as pl


@dataclass(frozen=True)
class View:
    name: str
    description: str
    load: Callable[[WarehouseQueries], pl.DataFrame]
    # Set when the frame is one of several computed together (the tables of one KPI view): an
    # export of several such views runs that computation once and takes this view's frame.
    load_with_others: Callable[[WarehouseQueries], Mapping[str, pl.DataFrame]] | None = None


def _table(name: str) -> Callable[[WarehouseQueries], pl.DataFrame]:
    return lambda warehouse: warehouse.table(name)


MART_VIEWS: tuple[View, ...] = (
    View(
        "mart_kpi_monthly",
        "monthly KPIs: orders, GMV, AOV, customers, rates",
        _table("mart_kpi_monthly"),
    ),
    View("mart_customer_rfm", "RFM scores and segment per customer", _table("mart_customer_rfm")),
    View(
        "mart_cohort_retention",
        "monthly acquisition cohorts and repeat purchases",
        _table("mart_cohort_retention"),
    ),
    View(
        "mart_category_performance",
        "revenue, items, price, review, late rate by category",
        _table("mart_category_performance"),
    ),
    View(
        "mart_seller_scorecard",
        "seller revenue, orders, on-time rate, reviews",
        _table("mart_seller_scorecard"),
    ),
    View(
        "mart_delivery_performance",
        "delivery times and lateness by route",
        _table("mart_delivery_performance"),
    ),
    View(
        "mart_state_summary",
        "orders, GMV, customers, freight share, late rate per UF",
        _table("mart_state_summary"),
    ),
)

SEGMENT_VIEWS: tuple[View, ...] = (
    View(
        "segment_summary",
        "customers, shares, revenue and mean R/F/M per RFM segment",
        segment_summary,
    ),
    View(
        "customer_segments",
        "every scored customer with scores, segment and state",
        segment_customers,
    ),
)
