"""KPI screen: executive tiles and monthly charts, categories, sellers, delivery, states, cohorts.

One set of filters (always visible at the top) applies to every view and chart. Each view loads
in its own worker when shown or when the filters change, so switching views never waits.
Once the view shown is painted, the other views are loaded ahead, one at a time, in the
background (for the same snapshot, filters and grain: exact, never stale), and put in their
hidden panes as they arrive: a view the user turns to afterwards is only shown. Anything the
user asks for first cancels the load ahead.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from typing import Any

import polars as pl
from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import AwaitMount, Widget
from textual.widgets import ContentSwitcher, Header, Input, Static

from domain.errors import InvalidValue
from screens.kpi_definitions import KpiDefinitionsScreen
from screens.kpi_opening import OPENING_GRAIN, OPENING_VIEW, KpiOpening, answer_for
from screens.kpi_orders import KpiOrdersScreen
from screens.loads import CANCEL_BINDING, Loaded, Loads, on_loaded
from screens.saved_views import SaveViewDialog
from screens.services import SnapshotScreen, app_of, needs_snapshot, services
from screens.widgets.empty_state import EmptyState
from screens.widgets.field_error import FieldError
from screens.widgets.frame_table import FrameTable
from screens.widgets.keys_footer import KeysFooter
from screens.widgets.kpi_filter_bar import FilterBar
from screens.widgets.kpi_opening_charts import WIDE_FROM
from screens.widgets.kpi_panes import (
    CohortPane,
    DeliveryPane,
    DrillRequested,
    ExecutivePane,
    KpiPane,
    TablePane,
)
from screens.widgets.kpi_sections import GeographyPane, SectionsPane
from screens.widgets.kpi_view_bar import VIEW_KEYS, view_bar
from screens.widgets.layout_ahead import frames_ready, settle
from screens.widgets.number_prompt import NumberPrompt
from screens.widgets.status_line import StatusLine
from workbench.application.kpi_filters import GRAINS, Choice, Filters
from workbench.application.kpis import SELLER_MIN_ORDERS, VIEWS, FilterChoices, KpiView
from workbench.application.saved_views import SavedView
from workbench.presentation.formats import plural
from workbench.presentation.kpi_definitions import definitions

HELP = """\
## KPIs

Executive tiles (GMV, orders, AOV, customers, new customers, mean review, late deliveries,
not fulfilled = canceled + unavailable, split on `enter`) and monthly charts. With a date range
set, each tile shows its change versus the previous period of equal length and, below it,
year over year ("yoy", versus the same days a year earlier); both periods are named in the bar
above the tiles: in % for amounts and counts, in percentage points (pp) for rates, in score
points for the mean review; "no change" when it rounds to zero. Then the Categories, Sellers
(scorecard: declining over the last 90 days first, then worst health), Delivery, States,
Cohorts, Products, Customers and Geography views. The filters at the top apply to every view
and chart.

| key | action |
|---|---|
| `x` `c` `l` `v` `t` `h` | views: executive, categories, sellers, delivery, states, cohorts |
| `o` `n` `a` | views: products (ABC, price bands), customers (repeat, LTV), geography (map) |
| `b` in Products, Customers | next table |
| `y` / `w` in Geography | map layer (customers, sellers, both) / the measure colouring it |
| `z` in Geography | zoom into the state under the table's cursor (again: all Brazil) |
| `[` / `]` | previous / next view |
| `f` | edit the filters (typing replaces a box, enter applies) |
| | dates YYYY-MM-DD; states, categories as lists "SP, RJ" (`→` completes) |
| `u` | clear every filter |
| `p` | executive charts by day, week (from Monday) or month |
| `d` | KPI definitions (and the seller health formula) |
| `ctrl+s` | save the view (filters, view, grain) under a name; `ctrl+p` lists saved views |
| `m` in Sellers | the minimum orders a seller needs to be listed (default 10, shown above) |
| `k` in Sellers | map the seller under the cursor: lines to its customers (`k` in Geography: off) |
| `g` | move between tiles, charts and tables (`tab` works outside tables too) |
| `←` `→` on a tile | move to the previous / next tile (the focused one is marked) |
| `←` `→` on a chart | move the highlighted bar (its figures show in the title) |
| `enter` on a tile, bar or row | the orders behind it (a tile's add up to its figure) |
| `enter` on an order | open it in the Explorer |
| `b` in Delivery | next table (states, routes, estimates, reviews, days) |
| `s` / `e` on a table | sort by the cursor's column / export |
| `r` | reload the view |
| `escape` | while a view loads: cancel it (the footer shows it then) |
"""


FILTERS_LOAD = "kpi-filters"
AHEAD_LOAD = "kpi-ahead"  # the background load of a view not shown yet
# A view answered within this time is painted straight away: covering it with a loading
# indicator (mounted, styled, laid out, then taken off) cost more than most answers take.
# Meanwhile the view bar says the view loads; past it, the indicator covers the view.
COVER_AFTER_SECONDS = 0.3
LOADING_MARK = "· loading…"
SWITCH_SETTLE_SECONDS = 0.012  # a view key's updates wait this long to be painted together
NO_SNAPSHOT_ACTIONS = ("reload", "cancel_load", "definitions")

# The views' panes, built when first needed: the screen opens with the pane of the view shown
# alone (the others are ~100 widgets that the first frame does not show: composing and
# styling them took about half of the open's time on the loop); each other pane is mounted,
# hidden, when it is loaded ahead (after the view shown is painted) or its key is pressed.
PANES: dict[str, Callable[[], KpiPane]] = {
    "executive": lambda: ExecutivePane(id="executive"),
    "categories": lambda: TablePane("categories", id="categories"),
    "sellers": lambda: TablePane("sellers", charts=2, id="sellers"),
    "delivery": lambda: DeliveryPane(id="delivery"),
    "states": lambda: TablePane("states", id="states"),
    "cohorts": lambda: CohortPane(id="cohorts"),
    "products": lambda: SectionsPane("products", id="products"),
    "customers": lambda: SectionsPane("customers", id="customers"),
    "geography": lambda: GeographyPane(id="geography"),
}


class ChoicesLoaded(Loaded):
    def __init__(self, choices: FilterChoices) -> None:
        super().__init__()
        self.choices = choices


class KpiViewLoaded(Loaded):
    """A view loaded with `filters`; `filters_requested`: they were just entered, and apply now."""

    def __init__(
        self,
        view: str,
        filters: Filters,
        result: KpiView,
        grain: str,
        least: int,
        *,
        filters_requested: bool = False,
    ) -> None:
        super().__init__()
        self.view = view
        self.filters = filters
        self.result = result
        self.grain = grain
        self.filters_requested = filters_requested
        self.least = least  # the sellers' minimum orders it was loaded with


class SellerLinesLoaded(Loaded):
    def __init__(self, seller_id: str, lines: pl.DataFrame) -> None:
        super().__init__()
        self.seller_id = seller_id
        self.lines = lines


class KpiScreen(Loads, SnapshotScreen, Screen[None]):
    HELP = HELP
    AUTO_FOCUS = "#tile-gmv"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE_FROM, "-wide")]
    BINDINGS = [
        CANCEL_BINDING,
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
        Binding("p", "cycle_grain", "Grain", id="kpis.grain"),
        Binding("ctrl+s", "save_view", "Save view", id="kpis.save_view"),
        Binding("m", "min_orders", "Min orders", id="kpis.min_orders", show=False),
        Binding("k", "seller_map", "Seller map", id="kpis.seller_map", show=False),
        Binding("r", "reload", "Reload", id="kpis.reload"),
    ]

    @classmethod
    def made_ahead(cls, app: App[Any]) -> bool:
        # Mounted, it loads (its opening answer, then the views ahead once shown): not
        # before its key when the views are not to be loaded ahead.
        return services(app).settings().kpi_load_ahead

    def __init__(self) -> None:
        super().__init__()
        self.filters = Filters()
        self.view = OPENING_VIEW
        self.grain = OPENING_GRAIN  # of the executive series
        self._loaded: dict[str, tuple[Filters, str]] = {}
        self._choices: FilterChoices | None = None  # of the snapshot in use, once loaded
        self._loading_views: dict[str, str] = {}  # load kind -> the view it loads
        self.min_orders = SELLER_MIN_ORDERS  # the sellers view's minimum volume (m changes it)
        self._view_bar_lines = 0  # the view bar's height as last laid out
        self._focus_under_cover: dict[str, Widget] = {}  # by view: had the focus when covered
        # The view the running load ahead loads, with the filters, grain and minimum orders it
        # was started for (None once it ended or was stopped).
        self._ahead_for: tuple[str, Filters, str, int] | None = None
        self._held = False  # the screen's updates are held (`_hold`)
        self._ahead_waits = False  # a load ahead waits for the hold's end
        self._panes: dict[str, KpiPane] = {}  # by view: the panes built so far
        self._mounting: dict[str, AwaitMount] = {}  # by view: panes being mounted

    def compose(self) -> ComposeResult:
        yield Header()
        yield needs_snapshot(FilterBar(id="kpi-filters"))
        yield FieldError("kpi-from", "kpi-to", id="kpi-filter-error")
        yield Static("", id="kpi-view-bar")
        yield EmptyState(id="kpi-empty")
        with needs_snapshot(ContentSwitcher(initial=self.view, id="kpi-views")):
            yield self._new_pane(self.view)  # the others when needed (`_with_pane`)
        yield StatusLine()
        yield KeysFooter()

    # -- loading ---------------------------------------------------------------------------------
    def load_data(self) -> None:
        """(Re)load for the snapshot in use: filter choices, then the view shown."""
        self._loaded.clear()
        self._stop_ahead()
        self._choices = None
        self._show_view_bar()
        # What the app loaded while idle, if it answers what this screen opens with.
        opening = KpiOpening.of(self.app).hand_over()
        wanted = (self._loaded_generation, self.view, *self._wanted())
        if opening is not None and opening.done():
            answer = answer_for(opening, wanted)
            if answer is not None:  # in hand: the first frame shows it
                self._take_choices(answer.choices)
                self._pane(self.view).take_drawings(answer.charts)
                self._show_result(
                    KpiViewLoaded(self.view, self.filters, answer.result, self.grain, answer.least)
                )
                return
        kpis = services(self).kpis()

        def choices() -> ChoicesLoaded:
            answer = answer_for(opening, wanted)
            return ChoicesLoaded(kpis.choices() if answer is None else answer.choices)

        self.start_load("kpi-choices", choices, "the filter choices")
        if opening is None:
            self._ensure_loaded(self.view)
        else:  # that answer still loads: the view's load waits for it rather than query again

            def result() -> KpiView | None:
                answer = answer_for(opening, wanted)
                return None if answer is None else answer.result

            self._start_view_load(f"kpi-{self.view}", self.view, self._view_work(self.view, result))

    @on_loaded(ChoicesLoaded)
    def _show_choices(self, message: ChoicesLoaded) -> None:
        self._take_choices(message.choices)

    def _take_choices(self, choices: FilterChoices) -> None:
        self._choices = choices
        self.query_one(FilterBar).set_choices(choices.states, choices.categories)
        self._show_sellers_note()
        self._load_ahead()  # waited for the choices (and the view shown) to arrive

    def _show_sellers_note(self) -> None:
        # Two lines at 80 columns, so the charts under it keep their rows: the health formula
        # itself is in the definitions (d).
        if "sellers" not in self._mounted():
            return  # (told when it is mounted)
        self.query_one("#sellers", TablePane).note(
            "declining first (last 90 days vs all time), then worst health, of sellers with at "
            f"least {plural(self.min_orders, 'order')} placed, canceled too (m: change) · d: "
            "health formula"  # (the table's `orders` are sales: a seller may show 9 of 10)
        )

    def action_min_orders(self) -> None:
        """Ask for the sellers view's minimum volume; the view reloads with it."""
        if self.view != "sellers":
            self.notify("m sets the sellers' minimum orders: press l for the Sellers view.")
            return
        prompt = NumberPrompt("Sellers with at least how many orders?", self.min_orders, 1, 100_000)
        self.app.push_screen(prompt, self._min_orders_chosen)

    def action_seller_map(self) -> None:
        """The Geography map with lines from the seller under the Sellers table's cursor to
        its customers under the filters."""
        if self.view != "sellers":
            self.notify("k maps the seller under the cursor: press l for the Sellers view.")
            return
        row = self.query_one("#table-sellers", FrameTable).selected_row()
        if row is None:
            return
        seller, filters, kpis = row["seller_id"], self.filters, services(self).kpis()

        def show() -> None:  # the map's pane mounted first: the lines go there
            self.start_load(
                "kpi-seller-lines",
                lambda: SellerLinesLoaded(seller, kpis.seller_lines(filters, seller)),
                "the seller's customers",
            )
            self.action_show_view("geography")

        self._with_pane("geography", show)

    @on_loaded(SellerLinesLoaded)
    def _show_seller_lines(self, message: SellerLinesLoaded) -> None:
        if message.lines.is_empty():
            self.notify(f"Seller {message.seller_id} has no geolocated customers here.")
        self.query_one(GeographyPane).show_lines(
            None if message.lines.is_empty() else message.lines
        )

    def _min_orders_chosen(self, value: int | None) -> None:
        if value is None or value == self.min_orders:
            return
        self.min_orders = value
        self._show_sellers_note()
        self._loaded.pop("sellers", None)
        self._ensure_loaded("sellers")

    def _ensure_loaded(self, view: str) -> None:
        if self._is_shown_for_now(view):
            self._load_ahead()
            return
        if self._ahead_for == (view, *self._wanted()) and self.is_loading(AHEAD_LOAD):
            self._wait_for_ahead(view)  # its result is on the way: shown when it arrives
            return
        self._stop_ahead()  # the view asked for has both cores
        self._start_view_load(f"kpi-{view}", view, self._view_work(view))

    def _view_work(
        self, view: str, loaded: Callable[[], KpiView | None] = lambda: None
    ) -> Callable[[], KpiViewLoaded]:
        """The worker's job: `view` under the filters, grain and minimum orders in force now
        (`loaded()`'s result if it has one: loaded already for those)."""
        filters, grain, kpis = self.filters, self.grain, services(self).kpis()
        least, fit = self.min_orders, self._pane(view).fit_ahead()

        def load() -> KpiViewLoaded:
            result = loaded()
            if result is None:
                result = kpis.view(view, filters, grain, least)
            fit(result)
            return KpiViewLoaded(view, filters, result, grain, least)

        return load

    def _show_result(self, loaded: KpiViewLoaded) -> None:
        """Paint the view's figures (a view loaded ahead: in its pane, hidden till its key),
        and remember what they were loaded for."""
        self._pane(loaded.view).show(loaded.result)
        self._loaded[loaded.view] = (loaded.filters, loaded.grain)
        self._settle(loaded.view)

    def _settle(self, view: str) -> None:
        """`view`'s pane gets the sizes the layout that shows it will give it (`settle`): a
        pane shown for the first time, or with its notes of another height, is laid out once,
        not again a frame later for the virtual sizes and scrollbars that layout found."""
        switcher, pane = self.query_one(ContentSwitcher), self._pane(view)
        if switcher.size.width:
            room = switcher.size - switcher.styles.gutter.totals
            for placement in switcher.layout.arrange(switcher, [pane], room):
                settle(pane, placement.region.size)

    def _is_shown_for_now(self, view: str) -> bool:
        """Whether `view` shows figures for the filters and grain in force."""
        return self._loaded.get(view) == (self.filters, self.grain)

    def _wanted(self) -> tuple[Filters, str, int]:
        """The filters, grain and minimum orders in force: what a view is loaded for."""
        return self.filters, self.grain, self.min_orders

    def _current(self, loaded: KpiViewLoaded) -> bool:
        """Whether `loaded` answers the filters, grain and minimum orders in force."""
        return (loaded.filters, loaded.grain, loaded.least) == self._wanted()

    # -- loading ahead ---------------------------------------------------------------------------
    def _load_ahead(self) -> None:
        """After the next frame (the view just shown is painted first), load the next view not
        loaded yet in the background, when nothing else loads: the views after the one shown,
        in the order of the view keys."""
        self.call_after_refresh(self._start_ahead)

    def _start_ahead(self) -> None:
        if self._held:
            # This refresh painted nothing (`_hold`): the load ahead starts after the frame
            # that paints the answer, or it (both cores) would slow the painting of it.
            self._ahead_waits = True
            return
        if not self._loads_ahead() or self._choices is None or self._ahead_for is not None:
            return  # (a load ahead stopped may still be winding down: a new one replaces it)
        if any(self.is_loading(kind) for kind in self._loading_views):
            return  # the user's load first: it loads ahead again when it arrives
        start = VIEWS.index(self.view)
        for view in VIEWS[start + 1 :] + VIEWS[:start]:
            if self._is_shown_for_now(view):
                continue
            if view not in self._mounted():
                # Its pane first (hidden: it paints nothing), then this again (the load
                # is worked out for the pane's sizes).
                self._with_pane(view, self._start_ahead)
                return
            self._ahead_for = (view, *self._wanted())
            self.start_load(AHEAD_LOAD, self._view_work(view), f"the {view} view", background=True)
            return

    def _loads_ahead(self) -> bool:
        return services(self).settings().kpi_load_ahead and self.is_current

    def _wait_for_ahead(self, view: str) -> None:
        """The user turned to the view being loaded ahead: it is that view's load now (the view
        bar says it loads, the cover comes after a while, the cancel key stops it)."""
        self.promote(AHEAD_LOAD)
        self._loading_views[AHEAD_LOAD] = view
        self._show_view_bar()
        self.set_timer(COVER_AFTER_SECONDS, lambda: self._cover_if_loading(AHEAD_LOAD, view))

    def _stop_ahead(self) -> None:
        """Stop the load ahead, quietly, even one the user turned to and waits for (the
        filters, grain or snapshot it was for are being replaced, or another view is asked
        for: whoever stops it loads what is wanted now)."""
        self._ahead_for = None
        if not self.is_loading(AHEAD_LOAD):
            return
        waited = self._loading_views.pop(AHEAD_LOAD, None)
        self.start_quiet(AHEAD_LOAD)
        self.cancel_load(AHEAD_LOAD)
        if waited is not None:
            self._end_view_load(waited)

    @on(events.ScreenSuspend)
    def _stop_ahead_while_away(self) -> None:
        self._stop_ahead()  # another screen (or a dialog over this one) has the cores

    @on(events.Mount)
    def _frames_ready(self) -> None:
        frames_ready(self)  # the opened screen's frame comes as the switch's hold ends

    @on(events.ScreenResume)
    def _resumed(self) -> None:
        # A handler of its own: `on_screen_resume` is SnapshotScreen's (the restyles of the
        # first switch skipped, a newer snapshot loaded). Before the layout that shows the
        # screen (Textual's handler): the view bar for the app's width now.
        self._show_view_bar()
        self._load_ahead()

    def _ahead_arrived(self, message: KpiViewLoaded) -> None:
        self._ahead_for = None
        waited = self._loading_views.pop(AHEAD_LOAD, None)  # the user turned to it meanwhile
        if waited is not None:
            self._end_view_load(waited)
        if not self._current(message):
            if message.view == self.view:
                self._ensure_loaded(self.view)  # loaded for what is no longer in force
                return
        else:
            self._show_result(message)  # the view shown, or one to show when its key comes
        self._load_ahead()

    def _start_view_load(self, kind: str, view: str, work: Callable[[], Loaded]) -> None:
        self._loading_views[kind] = view
        self.start_load(kind, work, f"the {view} view")
        self._show_view_bar()
        self.set_timer(COVER_AFTER_SECONDS, lambda: self._cover_if_loading(kind, view))

    def _cover_if_loading(self, kind: str, view: str) -> None:
        if self.is_loading(kind) and self._loading_views.get(kind) == view:
            pane = self._pane(view)
            if self.focused is not None and pane in self.focused.ancestors:
                self._focus_under_cover[view] = self.focused  # covering takes it away
            pane.loading = True

    def _view_loading(self) -> bool:
        """Whether a load of the view shown runs (the view bar says so)."""
        return any(
            view == self.view and self.is_loading(kind)
            for kind, view in self._loading_views.items()
        )

    def _end_view_load(self, view: str) -> None:
        self._pane(view).loading = False
        focused = self._focus_under_cover.pop(view, None)
        if focused is not None and self.focused is None and focused.is_attached:
            self.set_focus(focused)  # at once: the view about to be shown hands it on
        if view == self.view:
            self._show_view_bar()

    @on_loaded(KpiViewLoaded)
    def _show_loaded(self, message: KpiViewLoaded) -> None:
        if message.kind == AHEAD_LOAD:
            self._ahead_arrived(message)
            return
        self._end_view_load(message.view)
        if message.filters_requested:
            # The filters' answer moves the focus from the box to the view (the footer's keys
            # with it) and fills the view: held, it is one layout and one frame (as a view key).
            self._hold()
            self._adopt(message.filters)
            if isinstance(self.focused, Input):  # the dates apply: back to the view's keys
                self._pane(self.view).focus_main()
            app_of(self).release_keys(self)  # the keys typed meanwhile act on the view
        elif (message.filters, message.grain) != (self.filters, self.grain):
            return  # loaded for filters since replaced: the view loads again when shown
        self._show_result(message)
        self._ensure_loaded(self.view)  # the view shown meanwhile, if the filters changed

    def load_stopped(self, kind: str, cancelled: bool) -> None:
        if kind == AHEAD_LOAD:
            self._ahead_for = None
            view = self._loading_views.pop(kind, None)  # it was waited for: the user is told
        else:
            view = self._loading_views.get(kind)
        if view is not None:
            self._end_view_load(view)
        if kind == FILTERS_LOAD:  # refused (the keys go to the box) or cancelled
            app_of(self).release_keys(self)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.has_class("-no-snapshot") and action not in NO_SNAPSHOT_ACTIONS:
            return False  # no figures to filter, move between or define: only reload
        return super().check_action(action, parameters)

    def shows_failure(self, kind: str, error: Exception) -> bool:
        if kind == FILTERS_LOAD and isinstance(error, InvalidValue):
            self.query_one(FilterBar).refuse(str(error))
            return True
        return False

    def _pane(self, view: str) -> KpiPane:
        return self._panes[view]

    def _new_pane(self, view: str) -> KpiPane:
        pane = self._panes[view] = PANES[view]()
        return pane

    def _mounted(self) -> set[str]:
        """The views whose panes are mounted (composed, styled: their tables and charts can
        be sized and filled)."""
        return {view for view, pane in self._panes.items() if pane.is_mounted}

    def _with_pane(self, view: str, then: Callable[[], None]) -> None:
        """`then()` now if `view`'s pane is mounted, else once it is (mounted hidden here).
        One pane at a time: all of them at the first load ahead was one mount of ~50 ms on
        the loop right after the open's answer was painted."""
        if view in self._mounted():
            then()
            return
        mounting = self._mounting.get(view)
        if mounting is None:
            pane = self._new_pane(view)
            pane.display = False  # the switcher shows it when it is the current view
            mounting = self._mounting[view] = self.query_one(ContentSwitcher).mount(pane)

        async def when_mounted() -> None:
            await mounting
            if self._mounting.pop(view, None) is not None:  # (the first waiting for it)
                gc.freeze()  # it lives as long as the screen: as the app does for a screen
                if view == "sellers":
                    self._show_sellers_note()
            then()

        self.call_next(when_mounted)

    def action_reload(self) -> None:
        if self._choices is None and not self.is_loading("kpi-choices"):
            self.load_snapshot()  # the choices' load failed or was cancelled: load all again
        else:
            self._loaded.pop(self.view, None)
            self._ensure_loaded(self.view)
        self.query_one(StatusLine).refresh_status()

    # -- views -----------------------------------------------------------------------------------
    def action_show_view(self, view: str) -> None:
        if view not in self._mounted():
            self._with_pane(view, lambda: self.action_show_view(view))  # (keys pressed at once)
            return
        if view != self.view:
            # The pane shown, the focus moved to it and the footer's keys for it each ask for
            # a layout from their own message queue, some after the screen has laid out and
            # painted for the first: each such late one took a frame of its own (>= 1/60 s
            # later). Held this long, they are one layout and one frame. (Not for the view
            # shown already: the end of the hold repaints the whole screen.)
            self._hold()
        self.view = view
        self.query_one(ContentSwitcher).current = view
        self._show_view_bar()
        self._pane(view).focus_main()
        self._ensure_loaded(view)
        self._settle(view)  # (settled when filled: again, in case the screen was resized)

    def _hold(self) -> None:
        """Hold the screen's updates SWITCH_SETTLE_SECONDS (`App.delay_update`)."""
        self.app.delay_update(SWITCH_SETTLE_SECONDS)
        self._held = True
        self.set_timer(SWITCH_SETTLE_SECONDS, self._release)

    def _release(self) -> None:
        """The hold is over (its timer, started first, ended it): the next frame paints."""
        self._held = False
        if self._ahead_waits:
            self._ahead_waits = False
            self.call_later(self._load_ahead)

    def action_cycle_focus(self) -> None:
        """Focus the view's next stop: the tiles (one stop), a chart or a table (tab stays
        inside a table to move its cursor)."""
        parts = [*self._pane(self.view).query("TileWidget, ChartPanel, DataTable")]
        parts = [part for part in parts if part.allow_focus()]
        if parts:
            current = parts.index(self.focused) if self.focused in parts else -1
            parts[(current + 1) % len(parts)].focus()

    def action_cycle_grain(self) -> None:
        """Day, week, month, day ... for the executive charts (the tiles stay as they are)."""
        self.grain = GRAINS[(GRAINS.index(self.grain) + 1) % len(GRAINS)]
        self._show_view_bar()
        if self.view != "executive":
            self.notify(f"Executive charts by {self.grain}: press x to see them.")
        self._ensure_loaded(self.view)

    def action_cycle_view(self, step: int) -> None:
        self.action_show_view(VIEWS[(VIEWS.index(self.view) + step) % len(VIEWS)])

    def _show_view_bar(self) -> None:
        """The views, the active filters and the period the tiles compare with (`view_bar`)."""
        bar = self.query_one("#kpi-view-bar", Static)
        # The bar spans the screen (padding 0 1): the app's width, also while hidden or before
        # the first layout after a resize (a screen made ahead, or shown again, at another width).
        width = self.app.size.width - bar.styles.gutter.width
        shown, line_length = view_bar(self.view, self.filters, self.grain, width)
        # Only where the last line has room: the bar never grows for it (the view under it
        # would be laid out, and its charts drawn, again); the cover says it otherwise.
        if self._view_loading() and line_length + 1 + len(LOADING_MARK) <= width:
            shown.append(f" {LOADING_MARK}", style="bold")
        lines = shown.plain.count("\n") + 1
        bar.update(shown, layout=lines != self._view_bar_lines)  # as high: nothing moves
        self._view_bar_lines = lines

    def on_resize(self) -> None:
        self._show_view_bar()

    # -- filters ---------------------------------------------------------------------------------
    def action_filters(self) -> None:
        self.query_one(FilterBar).focus_first()

    def action_clear_filters(self) -> None:
        self._apply(Filters())

    @on(FilterBar.Requested)
    def _filters_requested(self, event: FilterBar.Requested) -> None:
        self._request_filters(event.date_from, event.date_to, event.states, event.categories)

    def _request_filters(
        self, date_from: str | None, date_to: str | None, states: Choice, categories: Choice
    ) -> None:
        """Read the filters and load the view shown with them, in one worker round trip; the
        filters apply when the view arrives (refused ones are marked in the bar, the focus
        stays in it and the filters in force stay)."""
        view, grain, kpis, choices = self.view, self.grain, services(self).kpis(), self._choices
        least, fit = self.min_orders, self._pane(view).fit_ahead()

        def load() -> KpiViewLoaded:
            filters = kpis.filters(date_from, date_to, states, categories, choices=choices)
            result = kpis.view(view, filters, grain, least)
            fit(result)
            return KpiViewLoaded(view, filters, result, grain, least, filters_requested=True)

        # Until they are accepted or refused, keys typed on would go to the box: held.
        app_of(self).hold_keys(self)
        self._stop_ahead()
        self._start_view_load(FILTERS_LOAD, view, load)

    def _adopt(self, filters: Filters) -> None:
        if filters != self.filters:
            self._stop_ahead()
        self.filters = filters
        self.query_one(FilterBar).show(filters)
        self._show_view_bar()

    def _apply(self, filters: Filters) -> None:
        self._adopt(filters)
        self._ensure_loaded(self.view)

    # -- saved views ---------------------------------------------------------------------------
    def action_save_view(self) -> None:
        what = f"{self.view} by {self.grain} · {self.filters.describe()}"
        self.app.push_screen(SaveViewDialog(what), self._save_view)

    def _save_view(self, name: str | None) -> None:
        if name is None:
            self.notify("Not saved.", title="Save view")
            return
        try:
            saved = services(self).saved_views().save(name, self.view, self.grain, self.filters)
        except Exception as error:  # a bad name, or the store is unreachable: say so
            app_of(self).report_error(error)
            return
        self.notify(f"Saved view {saved.name!r}: ctrl+p lists it.", title="Save view")

    def open_saved(self, saved: SavedView) -> None:
        """Show a saved view: its view and grain at once, its filters once checked and loaded."""
        if saved.view not in self._mounted():
            self._with_pane(saved.view, lambda: self.open_saved(saved))
            return
        self.grain = saved.grain
        self.view = saved.view
        self.query_one(ContentSwitcher).current = saved.view
        self._show_view_bar()
        self._pane(saved.view).focus_main()
        self._request_filters(saved.date_from, saved.date_to, saved.states, saved.categories)

    # -- drill-down and definitions -------------------------------------------------------------
    @on(DrillRequested)
    def _drill(self, event: DrillRequested) -> None:
        self.app.push_screen(KpiOrdersScreen(self.filters, event.drill), self._explore_order)

    def _explore_order(self, order_id: str | None) -> None:
        if order_id is not None:
            app_of(self).explore("order", order_id)

    def action_definitions(self) -> None:
        self.app.push_screen(KpiDefinitionsScreen(definitions(services(self).kpis().health)))
