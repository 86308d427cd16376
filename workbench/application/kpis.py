"""KPI dashboards: executive tiles and monthly series, categories, sellers, delivery, states,
cohorts and the orders behind any figure, all under one set of filters.

Every figure comes from a `kpi_*.sql` query over the warehouse's `kpi_orders`/`kpi_items`
macros, the filters bound as parameters; the fixed definitions live in those files and in
`fct_orders` (see presentation/kpi_definitions). Unfiltered, the figures equal the marts' (tested).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from domain.errors import InvalidValue
from domain.services.seller_health import SellerHealth
from domain.value_objects.date_range import DateRange
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

if TYPE_CHECKING:  # polars loads when a frame is first built, not at start-up
    import polars as pl

VIEWS = ("executive", "categories", "sellers", "delivery", "states", "cohorts")
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


@dataclass(frozen=True)
class DeliveryView:
    days: pl.DataFrame
    by_state: pl.DataFrame
    routes: pl.DataFrame
    estimates: pl.DataFrame
    reviews: pl.DataFrame


@dataclass(frozen=True)
class CohortView:
    cohorts: pl.DataFrame  # one row per cohort and month since the first order
    grid: pl.DataFrame  # one row per cohort: size, repeat rate, retention m1..m12


KpiView = ExecutiveView | TableView | DeliveryView | CohortView


@dataclass(frozen=True)
class FilterChoices:
    states: tuple[str, ...]
    categories: tuple[str, ...]
    span: DateRange | None  # first and last purchase day in the warehouse


# The sellers view's default minimum volume on the screen and in `workbench kpis`: "worst health"
# led by sellers of one or two orders says little. Exports of every table keep every seller.
SELLER_MIN_ORDERS = 10


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
        self, name: str, filters: Filters, grain: str = "month", min_orders: int = 1
    ) -> KpiView:
        """View `name` under `filters`; `grain` (day, week, month) is the executive series',
        `min_orders` the sellers view's minimum volume."""
        loaders: dict[str, Callable[[Filters], KpiView]] = {
            "executive": lambda filters: self.executive(filters, grain),
            "categories": self.categories,
            "sellers": lambda filters: self.sellers(filters, min_orders),
            "delivery": self.delivery,
            "states": self.states,
            "cohorts": self.cohorts,
        }
        if name not in loaders:
            raise InvalidValue(f"no KPI view {name!r}: use one of {', '.join(VIEWS)}")
        return loaders[name](filters)

    def executive(self, filters: Filters, grain: str = "month") -> ExecutiveView:
        """The tiles (vs the period of equal length just before, and vs the same days a year
        earlier) and the series per day, week or month."""
        import polars as pl

        grain = parse_grain(grain)
        current = self._query("kpi_series", filters, {"grain": grain})
        total = current.row(0, named=True)
        series = current.filter(~pl.col("is_total")).drop("is_total")
        previous, year_ago = self._total(filters.previous()), self._total(filters.year_ago())
        return ExecutiveView(filters, tiles_of(total, previous, year_ago), series, grain)

    def _total(self, filters: Filters | None) -> dict[str, Any] | None:
        """The total row of the executive figures under `filters` (None: no filters, no row)."""
        if filters is None:
            return None
        return self._query("kpi_series", filters, {"grain": "month"}).row(0, named=True)

    def categories(self, filters: Filters) -> TableView:
        return TableView("categories", self._query("kpi_categories", filters))

    def sellers(self, filters: Filters, min_orders: int = 1) -> TableView:
        """The seller scorecard, worst health first, of the sellers with at least `min_orders`
        orders under the filters (a score over one or two orders says little)."""
        if min_orders < 1:
            raise InvalidValue(f"minimum orders per seller must be 1 or more, not {min_orders}")
        params = {**self.health.weights(), "min_orders": min_orders}
        return TableView("sellers", self._query("kpi_sellers", filters, params))

    def delivery(self, filters: Filters) -> DeliveryView:
        return DeliveryView(
            self._query("kpi_delivery_days", filters, {"max_days": DELIVERY_MAX_DAYS}),
            self._query("kpi_delivery_states", filters),
            self._query("kpi_delivery_routes", filters),
            self._query("kpi_delivery_estimates", filters),
            self._query("kpi_delivery_reviews", filters),
        )

    def states(self, filters: Filters) -> TableView:
        return TableView("states", self._query("kpi_states", filters))

    def cohorts(self, filters: Filters) -> CohortView:
        cohorts = self._query("kpi_cohorts", filters)
        return CohortView(cohorts, cohort_grid(cohorts))

    def orders(self, filters: Filters, drill: Drill) -> pl.DataFrame:
        """The orders behind a figure: the filters narrowed by `drill`."""
        return self._query("kpi_drill_orders", drill.filters(filters), drill.params())

    def _query(
        self, name: str, filters: Filters, extra: dict[str, Any] | None = None
    ) -> pl.DataFrame:
        return self._warehouse.query(name, {**filters.params(), **(extra or {})})


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
