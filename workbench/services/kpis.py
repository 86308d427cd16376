"""KPI dashboards: executive tiles and monthly series, categories, sellers, delivery, states,
cohorts and the orders behind any figure, all under one set of filters.

Every figure comes from a `kpi_*.sql` query over the warehouse's `kpi_orders`/`kpi_items`
macros, the filters bound as parameters; the fixed definitions live in those files and in
`fct_orders` (see kpi_definitions). Unfiltered, the figures equal the marts' (tested).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any, Protocol

import polars as pl

from domain.errors import InvalidValue
from domain.services.seller_health import SellerHealth
from domain.value_objects.date_range import DateRange
from workbench.services.kpi_charts import (
    ChartSpec,
    cohort_chart,
    delivery_days_chart,
    estimates_chart,
    health_chart,
    monthly_charts,
    ranked_bars,
)
from workbench.services.kpi_definitions import definitions
from workbench.services.kpi_filters import Drill, Filters, parse_day, parse_state
from workbench.services.kpi_tiles import Tile, tiles_frame, tiles_of
from workbench.services.ports import WarehouseQueries

VIEWS = ("executive", "categories", "sellers", "delivery", "states", "cohorts")
DELIVERY_MAX_DAYS = 40  # the last delivery-days bucket holds this many days and more
COHORT_GRID_MONTHS = 12  # months after the first order shown in the cohort grid

# Every table of the views as exported (batch, `workbench kpis --out`): name -> (view, what).
KPI_FRAMES: dict[str, tuple[str, str]] = {
    "kpi_executive": ("executive", "executive tiles: value, previous period, change"),
    "kpi_monthly": ("executive", "monthly GMV, orders, AOV, customers, rates, review"),
    "kpi_categories": ("categories", "revenue, items, mean price, review, late rate by category"),
    "kpi_sellers": ("sellers", "seller scorecard with health score, worst first"),
    "kpi_delivery_days": ("delivery", "delivered orders by whole delivery days"),
    "kpi_delivery_states": ("delivery", "late rate and delivery days by customer state"),
    "kpi_delivery_routes": ("delivery", "late rate by seller state -> customer state"),
    "kpi_delivery_estimates": ("delivery", "estimated vs actual delivery days per month"),
    "kpi_delivery_reviews": ("delivery", "review score of late vs on-time deliveries"),
    "kpi_states": ("states", "orders, GMV, customers, freight share, late rate per UF"),
    "kpi_cohorts": ("cohorts", "cohort retention by month since the first order"),
    "kpi_cohort_grid": ("cohorts", "cohort size, repeat rate and retention m1..m12"),
}


class KpiView(Protocol):
    """A loaded view: its tables (named as exported) and its charts."""

    def frames(self) -> dict[str, pl.DataFrame]: ...

    def charts(self) -> tuple[ChartSpec, ...]: ...


@dataclass(frozen=True)
class ExecutiveView:
    filters: Filters
    tiles: tuple[Tile, ...]
    monthly: pl.DataFrame

    def frames(self) -> dict[str, pl.DataFrame]:
        return {"kpi_executive": tiles_frame(self.tiles), "kpi_monthly": self.monthly}

    def charts(self) -> tuple[ChartSpec, ...]:
        return monthly_charts(self.monthly)


@dataclass(frozen=True)
class TableView:
    """A view made of one table and one chart of it (categories, sellers, states)."""

    name: str
    table: pl.DataFrame
    chart: ChartSpec

    def frames(self) -> dict[str, pl.DataFrame]:
        return {f"kpi_{self.name}": self.table}

    def charts(self) -> tuple[ChartSpec, ...]:
        return (self.chart,)


@dataclass(frozen=True)
class DeliveryView:
    days: pl.DataFrame
    by_state: pl.DataFrame
    routes: pl.DataFrame
    estimates: pl.DataFrame
    reviews: pl.DataFrame

    def frames(self) -> dict[str, pl.DataFrame]:
        return {
            "kpi_delivery_days": self.days,
            "kpi_delivery_states": self.by_state,
            "kpi_delivery_routes": self.routes,
            "kpi_delivery_estimates": self.estimates,
            "kpi_delivery_reviews": self.reviews,
        }

    def charts(self) -> tuple[ChartSpec, ...]:
        return (delivery_days_chart(self.days, DELIVERY_MAX_DAYS), estimates_chart(self.estimates))


@dataclass(frozen=True)
class CohortView:
    cohorts: pl.DataFrame  # one row per cohort and month since the first order
    grid: pl.DataFrame  # one row per cohort: size, repeat rate, retention m1..m12

    def frames(self) -> dict[str, pl.DataFrame]:
        return {"kpi_cohorts": self.cohorts, "kpi_cohort_grid": self.grid}

    def charts(self) -> tuple[ChartSpec, ...]:
        return (cohort_chart(self.grid),)


@dataclass(frozen=True)
class FilterChoices:
    states: tuple[str, ...]
    categories: tuple[str, ...]
    span: DateRange | None  # first and last purchase day in the warehouse


class KpiService:
    def __init__(self, warehouse: WarehouseQueries, health: SellerHealth | None = None) -> None:
        self._warehouse = warehouse
        self.health = health or SellerHealth()

    # -- filters -------------------------------------------------------------------------------
    def choices(self) -> FilterChoices:
        """What the filters can be set to, most frequent first."""
        frame = self._warehouse.query("kpi_filter_choices")
        span = self._warehouse.query("kpi_data_span").row(0, named=True)
        states, categories = (
            tuple(frame.filter(pl.col("filter") == kind)["value"].to_list())
            for kind in ("state", "category")
        )
        has_data = span["first_day"] is not None
        return FilterChoices(
            states, categories, DateRange(span["first_day"], span["last_day"]) if has_data else None
        )

    def filters(
        self,
        date_from: str | date | None = None,
        date_to: str | date | None = None,
        state: str | None = None,
        category: str | None = None,
        choices: FilterChoices | None = None,
    ) -> Filters:
        """Filters from user input; an open end of the date range is the data's first/last day.
        `choices` is choices() when the caller already holds it for the snapshot in use."""
        start, end = parse_day(date_from, "'from' date"), parse_day(date_to, "'to' date")
        category = category.strip() if category and category.strip() else None
        if start is None and end is None and category is None:
            return Filters(state=parse_state(state))
        choices = choices or self.choices()
        if category is not None and category not in choices.categories:
            raise InvalidValue(
                f"no category {category!r} in the warehouse: pick one listed in the Categories "
                "view (untranslated ones keep their Portuguese name)"
            )
        period = None
        if start is not None or end is not None:
            if choices.span is None:
                raise InvalidValue("the warehouse holds no orders: there is no date to filter by")
            period = DateRange(start or choices.span.start, end or choices.span.end)
        return Filters(period, parse_state(state), category)

    # -- views ---------------------------------------------------------------------------------
    def view(self, name: str, filters: Filters) -> KpiView:
        loaders: dict[str, Callable[[Filters], KpiView]] = {
            "executive": self.executive,
            "categories": self.categories,
            "sellers": self.sellers,
            "delivery": self.delivery,
            "states": self.states,
            "cohorts": self.cohorts,
        }
        if name not in loaders:
            raise InvalidValue(f"no KPI view {name!r}: use one of {', '.join(VIEWS)}")
        return loaders[name](filters)

    def executive(self, filters: Filters) -> ExecutiveView:
        """The tiles (vs the previous period of equal length) and the monthly series."""
        current = self._query("kpi_monthly", filters)
        previous_filters = filters.previous()
        previous = None
        if previous_filters is not None:
            previous = self._query("kpi_monthly", previous_filters).row(0, named=True)
        total = current.row(0, named=True)
        monthly = current.filter(~pl.col("is_total")).drop("is_total")
        return ExecutiveView(filters, tiles_of(total, previous), monthly)

    def categories(self, filters: Filters) -> TableView:
        table = self._query("kpi_categories", filters)
        chart = ranked_bars(table, "category", "revenue", "Revenue (R$) by category", "category")
        return TableView("categories", table, chart)

    def sellers(self, filters: Filters) -> TableView:
        """The seller scorecard, worst health first."""
        table = self._query("kpi_sellers", filters, self.health.weights())
        return TableView("sellers", table, health_chart(table))

    def delivery(self, filters: Filters) -> DeliveryView:
        return DeliveryView(
            self._query("kpi_delivery_days", filters, {"max_days": DELIVERY_MAX_DAYS}),
            self._query("kpi_delivery_states", filters),
            self._query("kpi_delivery_routes", filters),
            self._query("kpi_delivery_estimates", filters),
            self._query("kpi_delivery_reviews", filters),
        )

    def states(self, filters: Filters) -> TableView:
        table = self._query("kpi_states", filters)
        chart = ranked_bars(
            table, "customer_state", "gmv", "GMV (R$) by customer state", "state", 27
        )
        return TableView("states", table, chart)

    def cohorts(self, filters: Filters) -> CohortView:
        cohorts = self._query("kpi_cohorts", filters)
        return CohortView(cohorts, cohort_grid(cohorts))

    def orders(self, filters: Filters, drill: Drill) -> pl.DataFrame:
        """The orders behind a figure: the filters narrowed by `drill`."""
        return self._query("kpi_drill_orders", drill.filters(filters), drill.params())

    def definitions(self) -> str:
        return definitions(self.health)

    def _query(
        self, name: str, filters: Filters, extra: dict[str, Any] | None = None
    ) -> pl.DataFrame:
        return self._warehouse.query(name, {**filters.params(), **(extra or {})})


def cohort_grid(cohorts: pl.DataFrame) -> pl.DataFrame:
    """One row per cohort: size, repeat rate and the retention rate m1..m12 months later."""
    months = list(range(1, COHORT_GRID_MONTHS + 1))
    return (
        cohorts.pivot(
            "months_since_first",
            on_columns=months,
            index=["cohort_month", "cohort_size", "repeat_rate"],
            values="retention_rate",
        )
        .rename({str(n): f"m{n}" for n in months})
        .sort("cohort_month")
    )


@cache
def kpi_view_frames(view: str) -> Callable[[WarehouseQueries], dict[str, pl.DataFrame]]:
    """A loader of every exported table of one KPI view over the whole warehouse (no filters).
    One loader per view, so an export of several of its tables computes the view once."""
    return lambda warehouse: KpiService(warehouse).view(view, Filters()).frames()
