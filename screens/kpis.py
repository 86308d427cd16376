"""KPI screen: executive tiles and monthly charts, categories, sellers, delivery, states, cohorts.

One set of filters (always visible at the top) applies to every view and chart. Each view loads
in its own worker when shown or when the filters change, so switching views never waits.
"""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Header, Input, Static

from screens.kpi_definitions import KpiDefinitionsScreen
from screens.kpi_orders import KpiOrdersScreen
from screens.services import ReportsWorkerErrors, SnapshotScreen, app_of, services
from screens.widgets.kpi_filter_bar import FilterBar
from screens.widgets.kpi_panes import (
    CohortPane,
    DeliveryPane,
    DrillRequested,
    ExecutivePane,
    KpiPane,
    TablePane,
)
from screens.widgets.status_line import StatusLine
from workbench.application.kpi_filters import Filters
from workbench.application.kpis import VIEWS, FilterChoices, KpiView
from workbench.presentation.kpi_definitions import definitions

VIEW_KEYS = {
    "executive": "x",
    "categories": "c",
    "sellers": "l",
    "delivery": "v",
    "states": "t",
    "cohorts": "h",
}

HELP = """\
## KPIs

Executive tiles (GMV, orders, AOV, customers, new customers, mean review, late deliveries,
cancellations) and monthly charts. With a date range set, each tile shows its change versus the
previous period of equal length (named in the bar above the tiles): in % for amounts and counts,
in percentage points (pp) for rates, in score points for the mean review; "no change" when it
rounds to zero. Then the Categories, Sellers (scorecard, worst health first), Delivery,
States and Cohorts views. The filters at the top apply to every view and chart.

| key | action |
|---|---|
| `x` `c` `l` `v` `t` `h` | views: executive, categories, sellers, delivery, states, cohorts |
| `[` / `]` | previous / next view |
| `f` | edit the filters: dates YYYY-MM-DD (typing replaces the box, enter applies) |
| `u` | clear every filter |
| `d` | KPI definitions (and the seller health formula) |
| `g` | move between tiles, charts and tables (`tab` works outside tables too) |
| `←` `→` on a tile | move to the previous / next tile (the focused one is marked) |
| `←` `→` on a chart | move the highlighted bar (its figures show in the title) |
| `enter` on a tile, bar or row | the orders behind it (a tile's add up to its figure) |
| `enter` on an order | open it in the Explorer |
| `b` in Delivery | next table (states, routes, estimates, reviews, days) |
| `s` / `e` on a table | sort by the cursor's column / export |
| `r` | reload the view |
"""


class KpiScreen(ReportsWorkerErrors, SnapshotScreen, Screen[None]):
    HELP = HELP
    AUTO_FOCUS = "#tile-gmv"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    BINDINGS = [
        *(
            Binding(key, f"show_view('{view}')", view.title(), id=f"kpis.{view}", show=False)
            for view, key in VIEW_KEYS.items()
        ),
        Binding("left_square_bracket", "cycle_view(-1)", "Prev view", id="kpis.prev_view"),
        Binding("right_square_bracket", "cycle_view(1)", "Next view", id="kpis.next_view"),
        Binding("g", "cycle_focus", "Chart/table", id="kpis.cycle_focus"),
        Binding("f", "filters", "Filters", id="kpis.filters"),
        Binding("u", "clear_filters", "Clear filters", id="kpis.clear"),
        Binding("d", "definitions", "Definitions", id="kpis.definitions"),
        Binding("r", "reload", "Reload", id="kpis.reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.filters = Filters()
        self.view = "executive"
        self._loaded: dict[str, Filters] = {}
        self._choices: FilterChoices | None = None  # of the snapshot in use, once loaded

    def compose(self) -> ComposeResult:
        yield Header()
        yield FilterBar(id="kpi-filters")
        yield Static("", id="kpi-view-bar")
        with ContentSwitcher(initial="executive", id="kpi-views"):
            yield ExecutivePane(id="executive")
            yield TablePane("categories", id="categories")
            yield TablePane("sellers", id="sellers")
            yield DeliveryPane(id="delivery")
            yield TablePane("states", id="states")
            yield CohortPane(id="cohorts")
        yield StatusLine()
        yield Footer()

    # -- loading ---------------------------------------------------------------------------------
    def load_data(self) -> None:
        """(Re)load for the snapshot in use: filter choices, then the view shown."""
        self._loaded.clear()
        self._choices = None
        self._show_view_bar()
        self.run_worker(
            self._load_choices,
            thread=True,
            exclusive=True,
            group="kpi-choices",
            exit_on_error=False,
        )
        self._ensure_loaded(self.view)

    def _load_choices(self) -> None:
        choices = services(self).kpis().choices()
        self.app.call_from_thread(self._show_choices, choices)

    def _show_choices(self, choices: FilterChoices) -> None:
        self._choices = choices
        self.query_one(FilterBar).set_choices(choices.states, choices.categories)
        health = services(self).kpis().health.formula()
        self.query_one("#sellers", TablePane).note(f"worst health first · {health}")

    def _ensure_loaded(self, view: str) -> None:
        if self._loaded.get(view) == self.filters:
            return
        self._pane(view).loading = True
        self.run_worker(
            partial(self._load_view, view, self.filters),
            thread=True,
            exclusive=True,
            group=f"kpi-{view}",
            exit_on_error=False,
        )

    def _load_view(self, view: str, filters: Filters) -> None:
        try:
            loaded = services(self).kpis().view(view, filters)
        finally:
            self.app.call_from_thread(self._loading_done, view, filters)
        self.app.call_from_thread(self._show_loaded, view, filters, loaded)

    def _loading_done(self, view: str, filters: Filters) -> None:
        if filters == self.filters:
            self._pane(view).loading = False

    def _show_loaded(self, view: str, filters: Filters, loaded: KpiView) -> None:
        if filters != self.filters:
            return  # the filters changed while it loaded: a newer load is on its way
        self._pane(view).show(loaded)
        self._loaded[view] = filters

    def _pane(self, view: str) -> KpiPane:
        return self.query_one(f"#{view}", KpiPane)

    def action_reload(self) -> None:
        self._loaded.pop(self.view, None)
        self._ensure_loaded(self.view)
        self.query_one(StatusLine).refresh_status()

    # -- views -----------------------------------------------------------------------------------
    def action_show_view(self, view: str) -> None:
        self.view = view
        self.query_one(ContentSwitcher).current = view
        self._show_view_bar()
        self._pane(view).focus_main()
        self._ensure_loaded(view)

    def action_cycle_focus(self) -> None:
        """Focus the view's next chart or table (tab stays inside a table to move its cursor)."""
        parts = [*self._pane(self.view).query("TileWidget, ChartPanel, DataTable")]
        if parts:
            current = parts.index(self.focused) if self.focused in parts else -1
            parts[(current + 1) % len(parts)].focus()

    def action_cycle_view(self, step: int) -> None:
        self.action_show_view(VIEWS[(VIEWS.index(self.view) + step) % len(VIEWS)])

    def _show_view_bar(self) -> None:
        bar = Text()
        for view, key in VIEW_KEYS.items():
            style = "bold reverse" if view == self.view else ""
            bar.append(f" {key} {view.title()} ", style=style)
            bar.append(" ")
        bar.append(f"│ {self.filters.describe()}", style="dim")
        previous = self.filters.previous()
        if self.view == "executive" and previous is not None and previous.period is not None:
            period = previous.period
            bar.append(f" · tile changes vs {period.start} → {period.end}", style="dim")
        self.query_one("#kpi-view-bar", Static).update(bar)

    # -- filters ---------------------------------------------------------------------------------
    def action_filters(self) -> None:
        self.query_one(FilterBar).focus_first()

    def action_clear_filters(self) -> None:
        self._apply(Filters())

    @on(FilterBar.Requested)
    def _filters_requested(self, event: FilterBar.Requested) -> None:
        if isinstance(self.focused, Input):  # a date was entered: back to the view's keys
            self._pane(self.view).focus_main()
        self.run_worker(
            partial(
                self._parse_filters, event.date_from, event.date_to, event.state, event.category
            ),
            thread=True,
            exclusive=True,
            group="kpi-filters",
            exit_on_error=False,
        )

    def _parse_filters(
        self, date_from: str, date_to: str, state: str | None, category: str | None
    ) -> None:
        filters = (
            services(self)
            .kpis()
            .filters(date_from, date_to, state, category, choices=self._choices)
        )
        self.app.call_from_thread(self._apply, filters)

    def _apply(self, filters: Filters) -> None:
        self.filters = filters
        self.query_one(FilterBar).show(filters)
        self._show_view_bar()
        self._ensure_loaded(self.view)

    # -- drill-down and definitions -------------------------------------------------------------
    @on(DrillRequested)
    def _drill(self, event: DrillRequested) -> None:
        self.app.push_screen(KpiOrdersScreen(self.filters, event.drill), self._explore_order)

    def _explore_order(self, order_id: str | None) -> None:
        if order_id is not None:
            app_of(self).explore("order", order_id)

    def action_definitions(self) -> None:
        self.app.push_screen(KpiDefinitionsScreen(definitions(services(self).kpis().health)))
