"""KPI dashboards: executive tiles and monthly series, categories, sellers, delivery, states,
cohorts and the orders behind any figure, all under one set of filters.

Every figure comes from a `kpi_*.sql` query over the warehouse's `kpi_orders`/`kpi_items`
macros, the filters bound as parameters; the fixed definitions live in those files and in
`fct_orders` (see presentation/kpi_definitions). Unfiltered, the figures equal the marts' (tested).
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from domain.errors import InvalidValue
from domain.services.seller_health import SellerHealth
from domain.value_objects.date_range import DateRange
from workbench.application import kpi_customers
from workbench.application.kpi_filters import (
    Choice,
    Drill,
    Filters,
    parse_day,
    parse_grain,
    parse_states,
    split_values,
)
from workbench.application.kpi_tiles import Tile, tiles_of
from workbench.application.ports import WarehouseQueries
from workbench.application.table_queries import TableQuery

if TYPE_CHECKING:  # polars loads when a frame is first built, not at start-up
    import polars as pl

VIEWS = (
    "executive",
    "categories",
    "sellers",
    "delivery",
    "states",
    "cohorts",
    "products",
    "customers",
    "geography",
)
DELIVERY_MAX_DAYS = 40  # the last delivery-days bucket holds this many days and more
COHORT_GRID_MONTHS = 12  # months after the first order shown in the cohort grid


@dataclass(frozen=True)
class ExecutiveView:
    filters: Filters
    tiles: tuple[Tile, ...]
    series: pl.DataFrame  # one row per period of the grain (column `period`, its first day)
    grain: str = "month"


@dataclass(frozen=True)
class TableView:
    """A view made of one table (categories, sellers, states)."""

    name: str
    table: pl.DataFrame
    queries: Mapping[str, TableQuery] = field(default_factory=dict)  # by table, as exported


@dataclass(frozen=True)
class SellersView(TableView):
    """The seller scorecard (`table`) and each seller's health per month of the last months of
    the filtered period (`trend`: month, seller_id, orders, health; TREND_MONTHS)."""

    trend: pl.DataFrame = field(kw_only=True)


@dataclass(frozen=True)
class DeliveryView:
    days: pl.DataFrame
    by_state: pl.DataFrame
    routes: pl.DataFrame
    estimates: pl.DataFrame
    reviews: pl.DataFrame
    queries: Mapping[str, TableQuery] = field(default_factory=dict)


@dataclass(frozen=True)
class CohortView:
    cohorts: pl.DataFrame  # one row per cohort and month since the first order
    grid: pl.DataFrame  # one row per cohort: size, repeat rate, retention m1..m12
    queries: Mapping[str, TableQuery] = field(default_factory=dict)


@dataclass(frozen=True)
class SectionsView:
    """A view made of several tables (products, customers, geography), by exported name, in
    the order shown; `notes` are one-line readings of them (the ABC cut-offs, the rates)."""

    name: str
    tables: dict[str, pl.DataFrame]
    notes: tuple[str, ...] = ()
    queries: Mapping[str, TableQuery] = field(default_factory=dict)


KpiView = ExecutiveView | TableView | SellersView | DeliveryView | CohortView | SectionsView

# The tables built in Python from other tables, so no one statement stands behind them.
BUILT_IN_PYTHON = {
    "kpi_cohort_grid": "it is kpi_cohorts pivoted to one row per cohort, in Python",
    "kpi_customer_repeat": "it is the total row of kpi_customer_groups, rates added in Python",
    "kpi_days_to_second": "it is kpi_customer_groups' days to the second order, banded in Python",
    "kpi_ltv_cohorts": "it is kpi_customer_groups' rows per cohort month, rates added in Python",
    "kpi_ltv_segments": "it is kpi_customer_groups' rows per RFM segment, rates added in Python",
}

# Pareto / ABC: A while the GMV ranked before is under 80 % of the total, B under 95 %, C after.
ABC_CUTOFFS = {"a_cutoff": 0.80, "b_cutoff": 0.95}
# The products view lists the first PRODUCT_ROWS products by GMV (hundreds of thousands at scale
# 10 would cost a second to fetch); its summary counts every product; exports list them all.
PRODUCT_ROWS = 500


@dataclass(frozen=True)
class FilterChoices:
    states: tuple[str, ...]
    categories: tuple[str, ...]
    span: DateRange | None  # first and last purchase day in the warehouse


# The sellers view's default minimum volume on the screen and in `workbench kpis`: "worst health"
# led by sellers of one or two orders says little. Exports of every table keep every seller.
SELLER_MIN_ORDERS = 10
# Sellers' recent health: over the last RECENT_DAYS of the filtered period (or of the data);
# declining when it is more than DECLINE_POINTS below all-time over MIN_RECENT_ORDERS or more.
RECENT_DAYS = 90
DECLINE_POINTS = 5.0
MIN_RECENT_ORDERS = 3
# Sellers' health trend: per calendar month over the last TREND_MONTHS months of the period.
TREND_MONTHS = 6


class KpiService:
    def __init__(self, warehouse: WarehouseQueries, health: SellerHealth | None = None) -> None:
        self._warehouse = warehouse
        self.health = health or SellerHealth()

    # -- filters -------------------------------------------------------------------------------
    def choices(self) -> FilterChoices:
        """What the filters can be set to, most frequent first."""
        import polars as pl

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
        states: Choice = None,
        categories: Choice = None,
        choices: FilterChoices | None = None,
    ) -> Filters:
        """Filters from user input; an open end of the date range is the data's first/last day.
        States and categories: one, several separated by commas, or a list of them.
        `choices` is choices() when the caller already holds it for the snapshot in use."""
        start, end = parse_day(date_from, "'from' date"), parse_day(date_to, "'to' date")
        chosen_states, chosen_categories = parse_states(states), split_values(categories)
        if start is None and end is None and not chosen_categories:
            return Filters(states=chosen_states)
        choices = choices or self.choices()
        for category in chosen_categories:
            if category not in choices.categories:
                raise InvalidValue(
                    f"no category {category!r} in the warehouse: pick one listed in the "
                    "Categories view (untranslated ones keep their Portuguese name)"
                )
        period = None
        if start is not None or end is not None:
            if choices.span is None:
                raise InvalidValue("the warehouse holds no orders: there is no date to filter by")
            period = DateRange(start or choices.span.start, end or choices.span.end)
        return Filters(period, chosen_states, chosen_categories)

    # -- views ---------------------------------------------------------------------------------
    def view(
        self,
        name: str,
        filters: Filters,
        grain: str = "month",
        min_orders: int = 1,
        product_rows: int | None = PRODUCT_ROWS,
    ) -> KpiView:
        """View `name` under `filters`; `grain` (day, week, month) is the executive series',
        `min_orders` the sellers view's minimum volume, `product_rows` how many products the
        products view lists (None: all, as exports do)."""
        loaders: dict[str, Callable[[Filters], KpiView]] = {
            "executive": lambda filters: self.executive(filters, grain),
            "categories": self.categories,
            "sellers": lambda filters: self.sellers(filters, min_orders),
            "delivery": self.delivery,
            "states": self.states,
            "cohorts": self.cohorts,
            "products": lambda filters: self.products(filters, product_rows),
            "customers": self.customers,
            "geography": self.geography,
        }
        if name not in loaders:
            raise InvalidValue(f"no KPI view {name!r}: use one of {', '.join(VIEWS)}")
        return loaders[name](filters)

    def executive(self, filters: Filters, grain: str = "month") -> ExecutiveView:
        """The tiles (vs the period of equal length just before, and vs the same days a year
        earlier) and the series per day, week or month."""
        import polars as pl

        grain = parse_grain(grain)
        # The comparison periods' totals run at once with the current period's series.
        queries = {"current": self.table_query("kpi_series", filters, {"grain": grain})}
        for key, other in (("previous", filters.previous()), ("year_ago", filters.year_ago())):
            if other is not None:
                queries[key] = self.table_query("kpi_series", other, {"grain": "month"})
        frames = self._run_all(queries)
        current = frames["current"]
        total = current.row(0, named=True)
        series = current.filter(~pl.col("is_total")).drop("is_total")
        previous, year_ago = (
            frames[key].row(0, named=True) if key in frames else None
            for key in ("previous", "year_ago")
        )
        return ExecutiveView(filters, tiles_of(total, previous, year_ago), series, grain)

    def categories(self, filters: Filters) -> TableView:
        return self._table_view("categories", "kpi_categories", filters)

    def sellers(self, filters: Filters, min_orders: int = 1) -> SellersView:
        """The seller scorecard, worst health first, of the sellers with at least `min_orders`
        orders under the filters (a score over one or two orders says little), and every
        seller's health per month of the last TREND_MONTHS months (the same score)."""
        if min_orders < 1:
            raise InvalidValue(f"minimum orders per seller must be 1 or more, not {min_orders}")
        period = self._period(filters)
        recent = self.recent_window(filters, period)
        params = {
            **self.health.weights(),
            "min_orders": min_orders,
            "recent_from": recent.start if recent else None,
            "recent_to": recent.end if recent else None,
            "decline_points": DECLINE_POINTS,
            "min_recent_orders": MIN_RECENT_ORDERS,
        }
        query = self.table_query("kpi_sellers", filters, params)
        # The scorecard and the trend run at once (one statement keeps about one core busy).
        frames = self._run_all({"table": query, "trend": self.seller_trend_query(filters, period)})
        return SellersView(
            "sellers", frames["table"], {"kpi_sellers": query}, trend=frames["trend"]
        )

    def seller_trend_query(self, filters: Filters, period: DateRange | None = None) -> TableQuery:
        """The statement of each seller's health per calendar month of the trend window
        (trend_window)."""
        window = self.trend_window(filters, period)
        in_window = Filters(window, filters.states, filters.categories)
        return self.table_query("kpi_seller_health_months", in_window, self.health.weights())

    def recent_window(self, filters: Filters, period: DateRange | None = None) -> DateRange | None:
        """The last RECENT_DAYS days of the filtered period, or of the data without a period
        (None: the warehouse holds no orders); `period`: _period(filters) when already known."""
        period = period or self._period(filters)
        if period is None:
            return None
        start = max(period.start, period.end - timedelta(days=RECENT_DAYS - 1))
        return DateRange(start, period.end)

    def trend_window(self, filters: Filters, period: DateRange | None = None) -> DateRange | None:
        """The last TREND_MONTHS calendar months of the filtered period (or of the data), the
        first from its first day unless the period starts later (None: no orders)."""
        period = period or self._period(filters)
        if period is None:
            return None
        first = period.end.replace(day=1)
        for _ in range(TREND_MONTHS - 1):
            first = (first - timedelta(days=1)).replace(day=1)
        return DateRange(max(period.start, first), period.end)

    def _period(self, filters: Filters) -> DateRange | None:
        """The filtered period, or the data's first to last purchase day (None: no orders)."""
        if filters.period is not None:
            return filters.period
        span = self._warehouse.query("kpi_data_span").row(0, named=True)
        if span["last_day"] is None:
            return None
        return DateRange(span["first_day"], span["last_day"])

    def delivery(self, filters: Filters) -> DeliveryView:
        queries = {
            "kpi_delivery_days": self.table_query(
                "kpi_delivery_days", filters, {"max_days": DELIVERY_MAX_DAYS}
            ),
            **{
                name: self.table_query(name, filters)
                for name in (
                    "kpi_delivery_states",
                    "kpi_delivery_routes",
                    "kpi_delivery_estimates",
                    "kpi_delivery_reviews",
                )
            },
        }
        frames = self._run_all(queries)
        return DeliveryView(
            days=frames["kpi_delivery_days"],
            by_state=frames["kpi_delivery_states"],
            routes=frames["kpi_delivery_routes"],
            estimates=frames["kpi_delivery_estimates"],
            reviews=frames["kpi_delivery_reviews"],
            queries=queries,
        )

    def states(self, filters: Filters) -> TableView:
        return self._table_view("states", "kpi_states", filters)

    def cohorts(self, filters: Filters) -> CohortView:
        query = self.table_query("kpi_cohorts", filters)
        cohorts = self._run(query)
        return CohortView(cohorts, cohort_grid(cohorts), {"kpi_cohorts": query})

    def products(self, filters: Filters, product_rows: int | None = PRODUCT_ROWS) -> SectionsView:
        """ABC classes of categories and products by GMV share (cut-offs in ABC_CUTOFFS; the
        first `product_rows` products, None: all, and every class counted in kpi_abc_summary),
        sales by price band, review score by delivery delay, freight share by weight band."""
        queries = {
            "kpi_abc_summary": self.table_query("kpi_abc_summary", filters, ABC_CUTOFFS),
            "kpi_category_abc": self.table_query("kpi_category_abc", filters, ABC_CUTOFFS),
            "kpi_product_abc": self.table_query(
                "kpi_product_abc", filters, {**ABC_CUTOFFS, "product_rows": product_rows}
            ),
            "kpi_price_bands": self.table_query("kpi_product_price_bands", filters),
            "kpi_review_by_delay": self.table_query("kpi_review_by_delay", filters),
            "kpi_freight_by_weight": self.table_query("kpi_freight_by_weight", filters),
        }
        tables = self._run_all(queries)
        notes = abc_notes(tables["kpi_abc_summary"], tables["kpi_product_abc"].height)
        return SectionsView("products", tables, notes, queries)

    def customers(self, filters: Filters) -> SectionsView:
        """Repeat-purchase rate, days to the second order, new vs returning GMV by month, and
        lifetime value by acquisition cohort and by RFM segment (kpi_customers)."""
        queries = {
            "kpi_customer_groups": self.table_query("kpi_customer_groups", filters),
            "kpi_new_returning": self.table_query("kpi_new_returning", filters),
        }
        frames = self._run_all(queries)
        groups = frames["kpi_customer_groups"]
        summary = kpi_customers.repeat_summary(groups)
        tables = {
            "kpi_customer_repeat": summary,
            "kpi_days_to_second": kpi_customers.days_to_second(groups),
            "kpi_new_returning": frames["kpi_new_returning"],
            "kpi_ltv_cohorts": kpi_customers.lifetime_value_by(groups, "cohort_month"),
            "kpi_ltv_segments": kpi_customers.lifetime_value_by(groups, "segment"),
        }
        notes = kpi_customers.repeat_notes(summary)
        return SectionsView(
            "customers", tables, notes, {"kpi_new_returning": queries["kpi_new_returning"]}
        )

    def geography(self, filters: Filters) -> SectionsView:
        """The map's measures per layer (customers, sellers) and state, and its points: the
        zip-prefix centroids of dim_geography with customers or sellers under the filters."""
        queries = {
            name: self.table_query(name, filters) for name in ("kpi_geo_states", "kpi_geo_points")
        }
        tables = self._run_all(queries)
        return SectionsView("geography", tables, queries=queries)

    def seller_lines(self, filters: Filters, seller_id: str) -> pl.DataFrame:
        """One seller's lines on the map: its zip centroid to each of its customers' under the
        filters, with the orders between them."""
        return self._query("kpi_geo_seller_lines", filters, {"seller_id": seller_id})

    def orders(self, filters: Filters, drill: Drill) -> pl.DataFrame:
        """The orders behind a figure: the filters narrowed by `drill`."""
        return self._run(self.orders_query(filters, drill))

    def orders_query(self, filters: Filters, drill: Drill) -> TableQuery:
        """The statement behind orders(filters, drill), for the SQL console."""
        return self.table_query("kpi_drill_orders", drill.filters(filters), drill.params())

    def table_query(
        self, name: str, filters: Filters, extra: Mapping[str, Any] | None = None
    ) -> TableQuery:
        """The statement of query `name` under `filters` (and `extra` parameters)."""
        params = {**filters.params(), **(extra or {})}
        return TableQuery(name, self._warehouse.sql_text(name), params)

    def _table_view(
        self, view: str, name: str, filters: Filters, extra: Mapping[str, Any] | None = None
    ) -> TableView:
        query = self.table_query(name, filters, extra)
        return TableView(view, self._run(query), {f"kpi_{view}": query})

    def _run(self, query: TableQuery) -> pl.DataFrame:
        return self._warehouse.query(query.name, query.params)

    def _run_all(self, queries: Mapping[str, TableQuery]) -> dict[str, pl.DataFrame]:
        """Every query's frame, by the same keys: run at once, each on its own cursor (one
        DuckDB statement rarely keeps both cores busy), each in a copy of the caller's context
        so that the caller's cancel token stops them all."""
        with ThreadPoolExecutor(max_workers=len(queries)) as pool:
            futures = {
                name: pool.submit(contextvars.copy_context().run, self._run, query)
                for name, query in queries.items()
            }
            return {name: future.result() for name, future in futures.items()}

    def _query(
        self, name: str, filters: Filters, extra: dict[str, Any] | None = None
    ) -> pl.DataFrame:
        return self._warehouse.query(name, {**filters.params(), **(extra or {})})


def abc_notes(summary: pl.DataFrame, products_listed: int) -> tuple[str, ...]:
    """The classes' sizes in one line, with the cut-offs (cumulative share of GMV), and how many
    of the products the products' table lists when it does not list them all."""
    parts = []
    for level, plural in (("category", "categories"), ("product", "products")):
        rows = summary.filter(summary["level"] == level).iter_rows(named=True)
        parts.append(plural + " " + " · ".join(f"{r['abc_class']} {r['members']:,}" for r in rows))
    products = int(summary.filter(summary["level"] == "product")["members"].sum())
    if products_listed < products:
        parts.append(f"the first {products_listed:,} products by GMV listed")
    a, b = ABC_CUTOFFS["a_cutoff"], ABC_CUTOFFS["b_cutoff"]
    return (f"ABC (A: first {a:.0%} of GMV, B: to {b:.0%}, C: rest) · " + " · ".join(parts),)


def cohort_grid(cohorts: pl.DataFrame) -> pl.DataFrame:
    """One row per cohort: size, repeat rate, how many months after it the data reaches
    (`months_observable`, at most 12) and the retention rate m1..m12 months later.

    A month the data reaches in which nobody came back is 0.0; a month it does not reach yet
    is null (not observable), which `months_observable` explains."""
    import polars as pl

    months = list(range(1, COHORT_GRID_MONTHS + 1))
    grid = cohorts.pivot(
        "months_since_first",
        on_columns=months,
        index=["cohort_month", "cohort_size", "repeat_rate"],
        values="retention_rate",
    ).rename({str(n): f"m{n}" for n in months})
    last = _last_month(cohorts)
    observable = (
        (last.year - pl.col("cohort_month").dt.year()) * 12
        + last.month
        - pl.col("cohort_month").dt.month()
    ).clip(0, COHORT_GRID_MONTHS)
    return (
        grid.with_columns(observable.cast(pl.Int64).alias("months_observable"))
        .with_columns(
            pl.when(pl.col("months_observable") >= n)
            .then(pl.col(f"m{n}").fill_null(0.0))
            .otherwise(None)
            .alias(f"m{n}")
            for n in months
        )
        .select(
            "cohort_month",
            "cohort_size",
            "repeat_rate",
            "months_observable",
            *(f"m{n}" for n in months),
        )
        .sort("cohort_month")
    )


def _last_month(cohorts: pl.DataFrame) -> date:
    """The latest month the cohorts' data reaches: a first order or a return."""
    import polars as pl

    if cohorts.is_empty():
        return date.min
    reached: date = cohorts.select(
        pl.col("cohort_month").dt.offset_by(pl.format("{}mo", "months_since_first")).max()
    ).item()
    first: date = cohorts["cohort_month"].max()  # type: ignore[assignment]
    return max(reached, first)
