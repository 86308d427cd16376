"""Segmentation screen: RFM segments, R×F / R×M grid, customers, migration between runs, what-if."""

from __future__ import annotations

import gc
from contextlib import suppress
from typing import Any

import polars as pl
from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import (
    Button,
    Header,
    Input,
    Label,
    Select,
    Static,
    TabbedContent,
    TabPane,
)

from domain.errors import InvalidValue, WarehouseNotPublished
from domain.value_objects.money import Money
from screens.loads import CANCEL_BINDING, Loaded, Loads, on_loaded
from screens.segments_opening import OPENING_GRID, SegmentsOpening
from screens.services import SnapshotScreen, app_of, services
from screens.widgets.empty_state import EmptyState, empty_state_text
from screens.widgets.field_error import FieldError, accept, refuse
from screens.widgets.frame_table import PAGED_FROM, FrameTable
from screens.widgets.heat_grid import HeatGrid
from screens.widgets.keys_footer import KeysFooter
from screens.widgets.layout_ahead import (
    after_painted,
    answer_at_once,
    foreseen_size,
    hold_updates,
    settle,
)
from screens.widgets.status_line import StatusLine
from workbench.application.segment_definitions import EXCLUSION_NOTE, SCORING_NOTE
from workbench.application.segment_figures import Unscored
from workbench.application.segment_migration import SegmentMigration
from workbench.application.segment_offers import (
    RESPONSE_RATE,
    OfferOutcome,
    parse_offer,
    parse_response_rate,
)
from workbench.application.table_queries import NoQueryBehind, TableQuery
from workbench.application.table_rows import TableRows
from workbench.presentation.formats import format_value, plural
from workbench.presentation.table_fit import FittedTable

HELP = f"""\
## Segmentation (RFM)

Customers are people (`customer_unique_id`), scored on their counted orders (not canceled or
unavailable). {SCORING_NOTE}

{EXCLUSION_NOTE} Their number is shown under the segments table.

Segments are assigned by the first matching rule of the segment map (tab *Definitions*); every
score combination lands in exactly one segment.

| key | action |
|---|---|
| `enter` on a segment | list its customers (tab *Customers*) |
| `enter` on a customer | open the customer in the Explorer |
| `s` / `e` | sort by the cursor's column / export the table |
| `g` | switch the grid between R×F and R×M |
| `c` `d` `m` `w` | tabs: customers, definitions, migration, what-if |
| `r` | reload the figures |
| `escape` while loading | cancel the loads running (shown in the footer while one runs) |

**Migration** compares the customer → segment assignment stored for the loaded run with the one
of an earlier run (`(new)`: not scored then, `(gone)`: not scored now).

**What-if**: an offer (`10%` or `R$ 15`) applies once to the next order of every customer of
the segment, valued at the customer's average counted order. *Revenue at risk* is the sum of
those next orders (what the segment would spend on one more purchase each, lost if they do not
come back); *cost* is the discount on them if everyone uses the offer (PricingService, rounded
to the centavo per order; a fixed amount never exceeds the order). The *response rate* (an
assumption: 10% unless you type another) is the share of the customers reached who take the
offer and order once more; the expected customers, revenue, cost and net are shown for it.
"""

TAB_FOCUS = {
    "customers": "#segment-customers DataTable",
    "definitions": "#segment-definitions DataTable",
    "migration": "#migration-table DataTable",
    "what-if": "#offer",
}
NO_SEGMENT = pl.DataFrame({"no segment chosen": []})
# Why the Segmentation tables other than a segment's customers have no one statement behind them.
NO_QUERY = {
    "segment-summary": "every segment of the map is listed, empty ones too: segment_summary is "
    "joined to the domain's segment rules in Python",
    "migration-table": "it compares two runs' customer assignments kept in the metadata store",
    "segment-definitions": "the segment rules are the product's own, in the order they are "
    "tried, not read from the warehouse",
}
GRID_TITLES = {"f": "R × F: customers (F 1/3/5)", "m": "R × M: customers"}


def _fixed(column: pl.Expr, decimals: int) -> pl.Expr:
    """A number shown with exactly `decimals` decimals that still sorts as a number."""
    return column.round(decimals).cast(pl.Decimal(18, decimals))


# How the summary's columns read (formats.py): shares are already in percent.
SUMMARY_KINDS = {
    "% cust": "percent",
    "revenue R$": "money",
    "% rev": "percent",
    "recency d": "days",
    "orders/cust": "number",
    "spend/cust R$": "money",
}


def summary_display(summary: pl.DataFrame) -> pl.DataFrame:
    """The segment summary as shown: shares in percent; recency, orders, spend are means per
    customer (headed so: a segment's "orders" read as its total)."""
    return summary.select(
        "segment",
        "customers",
        _fixed(pl.col("customer_share") * 100, 1).alias("% cust"),
        pl.col("revenue").alias("revenue R$"),
        _fixed(pl.col("revenue_share") * 100, 1).alias("% rev"),
        _fixed(pl.col("mean_recency_days"), 1).alias("recency d"),
        _fixed(pl.col("mean_frequency"), 2).alias("orders/cust"),
        _fixed(pl.col("mean_monetary"), 2).alias("spend/cust R$"),
    )


def coverage_note(summary: pl.DataFrame, unscored: Unscored) -> str:
    scored = int(summary["customers"].sum())
    revenue = summary["revenue"].sum()
    return (
        f"{scored:,} customers scored, R$ {revenue:,.2f} revenue · {unscored.unscored:,} of "
        f"{unscored.people:,} people not scored: every order canceled or unavailable, "
        "so in no segment"
    )


def offer_report(outcome: OfferOutcome) -> str:
    share = outcome.cost_share
    share_text = "" if share is None else f" ({format_value('rate', share)} of revenue at risk)"
    rate = format_value("rate", outcome.response_rate)
    return (
        f"{outcome.offer.describe()} to {outcome.segment}: "
        f"{plural(outcome.customers, 'customer')} reached\n"
        f"revenue at risk   {_money(outcome.revenue_at_risk)}  "
        "(one average order per customer reached)\n"
        f"cost              {_money(outcome.cost)}{share_text}  "
        "(if every customer reached uses it once)\n"
        f"revenue after it  {_money(outcome.revenue_after_offer)}\n"
        f"assuming {rate} respond (the response rate above): "
        f"{format_value('number', outcome.expected_customers)} customers order once more, "
        f"bringing {_money(outcome.expected_revenue)} for a cost of "
        f"{_money(outcome.expected_cost)}, net {_money(outcome.expected_net)}"
    )


def _money(amount: Money) -> str:
    return format_value("money", amount.amount)


def migration_report(migration: SegmentMigration) -> str:
    return (
        f"run #{migration.previous_run} → run #{migration.current_run}: "
        f"{migration.stayed:,} stayed, {migration.moved:,} moved segment, "
        f"{migration.new:,} new, {migration.gone:,} gone"
    )


class SnapshotMissing(Loaded):
    def __init__(self, missing: WarehouseNotPublished) -> None:
        super().__init__()
        self.missing = missing


class Nothing(Loaded):
    """A load with nothing to show (no snapshot yet: the overview says so)."""


class OverviewLoaded(Loaded):
    def __init__(
        self, summary: pl.DataFrame, unscored: Unscored, definitions: pl.DataFrame
    ) -> None:
        super().__init__()
        self.summary = summary
        self.unscored = unscored
        self.definitions = definitions


class GridLoaded(Loaded):
    def __init__(self, columns: str, grid: pl.DataFrame) -> None:
        super().__init__()
        self.columns = columns
        self.grid = grid


class CustomersLoaded(Loaded):
    def __init__(self, segment: str, customers: pl.DataFrame | TableRows) -> None:
        super().__init__()
        self.segment = segment
        self.customers = customers


class MigrationLoaded(Loaded):
    def __init__(self, runs: list[int], migration: SegmentMigration | None) -> None:
        super().__init__()
        self.runs = runs
        self.migration = migration


class OfferEvaluated(Loaded):
    def __init__(self, outcome: OfferOutcome) -> None:
        super().__init__()
        self.outcome = outcome


class SegmentsScreen(Loads, SnapshotScreen, Screen[None]):
    HELP = HELP
    AUTO_FOCUS = "#segment-summary DataTable"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # narrow: grid under the table
    BINDINGS = [
        CANCEL_BINDING,
        Binding("g", "toggle_grid", "R×F / R×M", id="segments.grid"),
        Binding("c", "show_tab('customers')", "Customers", id="segments.customers"),
        Binding("d", "show_tab('definitions')", "Definitions", id="segments.definitions"),
        Binding("m", "show_tab('migration')", "Migration", id="segments.migration"),
        Binding("w", "show_tab('what-if')", "What-if", id="segments.what_if"),
        Binding("r", "reload", "Reload", id="segments.reload"),
    ]

    @classmethod
    def made_ahead(cls, app: App[Any]) -> bool:
        return True  # (its opening answer is loaded while idle anyway: `SegmentsOpening`)

    def __init__(self) -> None:
        super().__init__()
        self.grid_columns = "f"
        self.segment: str | None = None
        self._segment_names: list[str] = []
        # The tabs not shown on opening are filled when first shown (`_build_tab`): what was
        # loaded for them meanwhile is kept here. The migration's table is made now, so the
        # migration's load can fit its rows in its worker (`FrameTable.fit_ahead`).
        self._built: set[str] = {"customers"}
        self._definitions: pl.DataFrame | None = None
        self._migration: tuple[list[int], SegmentMigration | None] | None = None
        self._migration_table = FrameTable("segment_migration", id="migration-table")
        self._migration_for = -1  # the snapshot generation its last load was started for
        self._migration_waits = False  # its read ahead waits for the screen to be shown

    def compose(self) -> ComposeResult:
        yield Header()
        yield EmptyState(id="segments-empty")
        with Vertical(id="segments-body"):
            with Horizontal(id="segments-top"):
                with Vertical(id="segments-left"):
                    yield Label("Segments", classes="section-title")
                    yield FrameTable("segment_summary", id="segment-summary", kinds=SUMMARY_KINDS)
                    yield Label("loading…", id="segments-note")
                with Vertical(id="segments-right"):
                    yield Label(GRID_TITLES["f"], id="grid-title", classes="section-title")
                    yield HeatGrid(id="score-grid")
            with TabbedContent(id="segment-tabs"):
                with TabPane("Customers", id="customers"):
                    yield Label("enter on a segment lists its customers", id="customers-title")
                    yield FrameTable("segment_customers", id="segment-customers")
                # Their widgets (~30, a third of the screen's) when first shown: opening
                # composed and styled them for tabs the first frame does not show.
                yield TabPane("Definitions", id="definitions")
                yield TabPane("Migration", id="migration")
                yield TabPane("What-if", id="what-if")
        yield StatusLine()
        yield KeysFooter()

    def _tab_widgets(self, tab: str) -> list[Widget]:
        """The widgets of a tab not shown on opening."""
        if tab == "definitions":
            return [
                FrameTable("segment_definitions", id="segment-definitions"),
                Static(f"{SCORING_NOTE}\n{EXCLUSION_NOTE}", classes="segments-help"),
            ]
        if tab == "migration":
            return [
                Horizontal(
                    Label("compare with", classes="inline-label"),
                    Select[int]([], prompt="previous run", id="previous-run"),
                    Label("", id="migration-summary", classes="inline-label"),
                    classes="segments-form",
                ),
                self._migration_table,
            ]
        return [
            Horizontal(
                Select[str]([], prompt="segment", id="offer-segment"),
                Input(placeholder="offer, e.g. 10% or 15.00", id="offer"),
                Label("response", classes="inline-label"),
                Input(value=f"{RESPONSE_RATE * 100:.0f}%", placeholder="10%", id="response-rate"),
                Button("Evaluate", id="evaluate", variant="primary"),
                classes="segments-form",
            ),
            FieldError("offer", "response-rate", id="offer-error"),
            Static("", id="offer-result"),
        ]

    async def _build_tab(self, tab: str) -> None:
        """Mount the widgets of `tab` if not yet, and show in them what was loaded for it."""
        if tab in self._built:
            return
        self._built.add(tab)
        await self.query_one(f"TabPane#{tab}", TabPane).mount_all(self._tab_widgets(tab))
        gc.freeze()  # they live as long as the screen: as the app does for a screen made
        if tab == "definitions":
            self._fill_definitions()
        elif tab == "migration":
            self._fill_migration()
        else:
            self._fill_offer_segments()

    @on(TabbedContent.TabActivated)
    async def _tab_shown(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id is not None:
            await self._build_tab(event.pane.id)  # (a tab clicked)
            if event.pane.id == "migration":
                self._wait_for_migration()

    def on_mount(self) -> None:
        # Then SnapshotScreen's on_mount loads the data (Textual calls each class's handler: a
        # super() call here loaded everything twice).
        self.query_one("#segment-customers", FrameTable).show(NO_SEGMENT)

    # -- overview: summary, grid, definitions ---------------------------------------------------
    def load_data(self) -> None:
        shown = self.is_mounted and self.query_one(TabbedContent).active == "migration"
        # What the app loaded while idle, if it is for this snapshot: opening, the first
        # layout and frame show the figures (their loads' answers came in frames of their own).
        opening = SegmentsOpening.of(self.app).take(self._loaded_generation)
        if opening is not None and self.grid_columns == OPENING_GRID:
            self._show_grid(OPENING_GRID, opening.grid)  # first: the summary gets the room left
            fitted = (opening.summary_shown, opening.summary_fit)
            self._show_overview(opening.summary, opening.unscored, opening.definitions, fitted)
            # Every widget's scrollable size as the first layout will find it: each one it
            # changed (from none, every widget on opening) asked for another layout.
            settle(self, self.app.size)
        else:
            self.load_overview()
            self.load_grid(self.grid_columns)
        if shown:
            self.load_migration(None)
        else:
            # Read ahead while its tab is not shown, once the figures are painted: its worker
            # competed with their painting, and the cancel key it would show and hide in the
            # footer painted a frame of its own.
            after_painted(self, self._read_migration_ahead)
        if self.segment is not None:
            self.open_segment(self.segment)

    def _read_migration_ahead(self) -> None:
        if not self.is_current:
            # Made ahead (`screens.made_ahead`), hidden: read once the screen is shown, as
            # before; the migration of a big warehouse is seconds of both cores.
            self._migration_waits = True
        elif self._migration_for != self._loaded_generation:  # (not asked for since: a tab key)
            self.load_migration(None, background=True)

    @on(events.ScreenResume)
    def _read_what_waited(self) -> None:
        if self._migration_waits:
            self._migration_waits = False
            after_painted(self, self._read_migration_ahead)

    def action_reload(self) -> None:
        self._migration_for = -1  # read again too
        self.load_data()
        self.query_one(StatusLine).refresh_status()

    def load_overview(self) -> None:
        segments = services(self).segments()

        def overview() -> Loaded:
            try:
                summary, unscored = segments.summary(), segments.unscored()
            except WarehouseNotPublished as missing:  # said once here, not by every load
                return SnapshotMissing(missing)
            return OverviewLoaded(summary, unscored, segments.definitions())

        self.start_load("segments-overview", overview, "the segments")

    @on_loaded(SnapshotMissing)
    def _snapshot_missing(self, message: SnapshotMissing) -> None:
        self._show_missing(empty_state_text(self, message.missing))

    @on_loaded(OverviewLoaded)
    def _overview_loaded(self, message: OverviewLoaded) -> None:
        self._show_overview(message.summary, message.unscored, message.definitions)

    def _show_missing(self, text: str) -> None:
        self.query_one("#segments-empty", EmptyState).update(text)
        self.set_class(True, "-no-snapshot")

    def _show_overview(
        self,
        summary: pl.DataFrame,
        unscored: Unscored,
        definitions: pl.DataFrame,
        fitted: tuple[pl.DataFrame, FittedTable] | None = None,
    ) -> None:
        """`fitted`: the summary as shown, and fitted by a worker (used where it fits)."""
        self.set_class(False, "-no-snapshot")
        note = self.query_one("#segments-note", Label)
        note.update(coverage_note(summary, unscored))
        table = self.query_one("#segment-summary", FrameTable)
        # Fitted to the width the next layout gives it (the grid beside it, loaded first,
        # narrows it): fitted to its width now, it was fitted again on that layout's resize.
        foreseen = foreseen_size(table).width
        shown = summary_display(summary) if fitted is None else fitted[0]
        if fitted is not None:
            table.take_fit(*fitted)
        table.show(shown, room=max(foreseen - 3, 20) if foreseen else None)
        self._definitions = definitions
        self._fill_definitions()
        self._segment_names = list(summary["segment"])
        self._fill_offer_segments()
        answer_at_once(self.query_one("#segments-body"), hold=False)  # laid out once

    def _fill_definitions(self) -> None:
        if "definitions" not in self._built or self._definitions is None:
            return  # (when the tab is first shown)
        self.query_one("#segment-definitions", FrameTable).show(self._definitions)

    def _fill_offer_segments(self) -> None:
        if "what-if" not in self._built:
            return  # (when the tab is first shown)
        offer_segment = self.query_one("#offer-segment", Select)
        offer_segment.set_options([(name, name) for name in self._segment_names])
        if self.segment in self._segment_names:
            offer_segment.value = self.segment

    def action_toggle_grid(self) -> None:
        self.grid_columns = "m" if self.grid_columns == "f" else "f"
        self.load_grid(self.grid_columns)
        self._in_view(self.query_one("#segments-right"))  # the grid and its title

    def load_grid(self, columns: str) -> None:
        segments = services(self).segments()

        def grid() -> Loaded:
            try:
                return GridLoaded(columns, segments.grid(columns))
            except WarehouseNotPublished:  # the overview says so
                return Nothing()

        self.start_load("segments-grid", grid, "the score grid")

    @on_loaded(Nothing)
    def _nothing_loaded(self, message: Nothing) -> None:
        """Only ends its load: the overview tells that there is no snapshot yet."""

    @on_loaded(GridLoaded)
    def _grid_loaded(self, message: GridLoaded) -> None:
        self._show_grid(message.columns, message.grid)

    def _show_grid(self, columns: str, grid: pl.DataFrame) -> None:
        self.query_one("#grid-title", Label).update(GRID_TITLES[columns])
        self.query_one(HeatGrid).show(grid)

    async def action_show_tab(self, tab: str) -> None:
        await self._build_tab(tab)
        if tab == "migration":
            self._wait_for_migration()
        self.query_one(TabbedContent).active = tab
        self.query_one(TAB_FOCUS[tab]).focus()
        answer_at_once(self.query_one(TabbedContent))  # the tab shown: laid out once
        self._in_view(self.query_one(TabbedContent))

    # -- a segment's customers, and drill-down to one customer --------------------------------
    @on(FrameTable.RowChosen, "#segment-summary")
    def _segment_chosen(self, event: FrameTable.RowChosen) -> None:
        self.open_segment(str(event.row["segment"]))

    def open_segment(self, segment: str) -> None:
        self.segment = segment
        self.query_one("#customers-title", Label).update(f"loading the customers of {segment}…")
        self.query_one(TabbedContent).active = "customers"
        if segment in self._segment_names and "what-if" in self._built:
            self.query_one("#offer-segment", Select).value = segment
        self.load_customers(segment)
        answer_at_once(self.query_one(TabbedContent))  # the tab shown: laid out once
        self._in_view(self.query_one(TabbedContent))

    def _in_view(self, part: Widget) -> None:
        """Below 120 columns the screen's parts are stacked in a body that scrolls: the part a
        key answers in is scrolled into view once laid out, or the answer would be out of
        sight (a tab's key, a segment's enter, the grid's key after a tab's). Focus does not
        do it: it scrolls only to a widget laid out already, and a tab's is not until shown."""
        self.call_after_refresh(lambda: part.scroll_visible(animate=False, immediate=True))

    def load_customers(self, segment: str) -> None:
        segments = services(self).segments()
        table = self.query_one("#segment-customers", FrameTable)
        room = table.room()

        def customers() -> CustomersLoaded:
            rows = segments.customer_rows(segment)
            # A big segment (~1.9M customers at scale 100) is shown from its first page: its
            # count and widths measured in the warehouse, its first pages read here (the table
            # then reads every row in the background: frame_table.ROWS_LOAD).
            found = rows.collect() if rows.height <= PAGED_FROM else rows
            # Fitted here, not on the loop (a fit that fails is redone by show).
            with suppress(Exception):
                table.fit_ahead(found, room)
            return CustomersLoaded(segment, found)

        self.start_load("segments-customers", customers, f"the customers of {segment}")

    @on_loaded(CustomersLoaded)
    def _customers_loaded(self, message: CustomersLoaded) -> None:
        self._show_customers(message.segment, message.customers)

    def load_stopped(self, kind: str, cancelled: bool) -> None:
        ended = "cancelled (r reloads)" if cancelled else "failed, see the error notification"
        if kind == "segments-customers":
            self.query_one("#customers-title", Label).update(f"{self.segment}: {ended}")
        elif kind == "segments-overview":
            self.query_one("#segments-note", Label).update(f"segments: {ended}")

    def _show_customers(self, segment: str, customers: pl.DataFrame | TableRows) -> None:
        hold_updates(self.app)  # (before `show`: a big segment's read waits for the frame)
        title = f"{segment}: {customers.height:,} customers · enter opens one in the Explorer"
        self.query_one("#customers-title", Label).update(title)
        name = "segment_" + segment.lower().replace("'", "").replace(" ", "_")
        table = self.query_one("#segment-customers", FrameTable)
        table.show(customers, name)
        # At once, in the frame showing the rows (after the next refresh, the focus moving
        # restyled and repainted the screen in a frame of its own), and laid out once.
        self.set_focus(table.table)
        answer_at_once(self.query_one(TabbedContent), hold=False)  # (held above)

    def query_behind(self, table: FrameTable) -> TableQuery:
        """A segment's customers come from one statement; the other tables do not."""
        if table.id == "segment-customers" and self.segment is not None:
            return services(self).segments().customers_query(self.segment)
        raise NoQueryBehind(NO_QUERY.get(table.id or "", "choose a segment first (enter on it)"))

    @on(FrameTable.RowChosen, "#segment-customers")
    def _customer_chosen(self, event: FrameTable.RowChosen) -> None:
        app_of(self).explore("customer", str(event.row["customer_unique_id"]))

    # -- migration between runs ---------------------------------------------------------------
    def _wait_for_migration(self) -> None:
        """The migration tab is shown: its load read ahead is one the user waits for now (the
        cancel key shows, a failure is said); read again if that load failed or was cancelled."""
        if self.is_loading("segments-migration"):
            self.promote("segments-migration")
        elif self._migration is None or self._migration_for != self._loaded_generation:
            self.load_migration(None)

    def load_migration(self, previous_run: int | None, *, background: bool = False) -> None:
        segments = services(self).segments()
        self._migration_for = self._loaded_generation
        table = self._migration_table  # (mounted when its tab is first shown)
        room = table.room()

        def migration() -> Loaded:
            try:
                runs = segments.snapshot_runs()
                found = segments.migration(previous_run=previous_run, runs=runs)
            except WarehouseNotPublished:  # the overview says so
                return Nothing()
            if found is not None:
                # Fitted here, not on the loop (20 ms there, on opening the screen, for a table
                # in a tab not shown yet; a fit that fails is redone by show).
                with suppress(Exception):
                    table.fit_ahead(found.matrix, room)
            return MigrationLoaded(runs, found)

        self.start_load(
            "segments-migration", migration, "the segment migration", background=background
        )

    @on_loaded(MigrationLoaded)
    def _migration_loaded(self, message: MigrationLoaded) -> None:
        self._show_migration(message.runs, message.migration)

    def _show_migration(self, runs: list[int], migration: SegmentMigration | None) -> None:
        self._migration = (runs, migration)
        self._fill_migration()

    def _fill_migration(self) -> None:
        if "migration" not in self._built or self._migration is None:
            return  # (when the tab is first shown)
        runs, migration = self._migration
        summary = self.query_one("#migration-summary", Label)
        table = self.query_one("#migration-table", FrameTable)
        if migration is None:
            summary.update(
                "Migration needs segment snapshots of two runs: the next successful ingest "
                "stores the second."
            )
            table.show(pl.DataFrame({"from \\ to": []}))
            return
        choice = self.query_one("#previous-run", Select)
        with choice.prevent(Select.Changed):
            choice.set_options(
                [(f"run #{run}", run) for run in runs if run != migration.current_run]
            )
            choice.value = migration.previous_run
        summary.update(migration_report(migration))
        table.show(
            migration.matrix, f"segment_migration_{migration.previous_run}_{migration.current_run}"
        )

    @on(Select.Changed, "#previous-run")
    def _previous_run_chosen(self, event: Select.Changed) -> None:
        if isinstance(event.value, int):
            self.load_migration(event.value)

    # -- what-if --------------------------------------------------------------------------------
    @on(Input.Submitted, "#offer")
    @on(Input.Submitted, "#response-rate")
    @on(Button.Pressed, "#evaluate")
    def _evaluate_requested(self) -> None:
        segment = self.query_one("#offer-segment", Select).value
        text = self.query_one("#offer", Input).value
        if not isinstance(segment, str):
            self.notify("Choose the segment the offer goes to.", severity="warning")
            return
        self.evaluate_offer(segment, text, self.query_one("#response-rate", Input).value)

    def evaluate_offer(self, segment: str, text: str, response: str = "10%") -> None:
        field, rate_field = self.query_one("#offer", Input), self.query_one("#response-rate", Input)
        try:
            offer = parse_offer(text)
        except InvalidValue as refused:
            refuse(field, str(refused))
            return
        accept(field)
        try:
            rate = parse_response_rate(response)
        except InvalidValue as refused:
            refuse(rate_field, str(refused))
            return
        accept(rate_field)
        segments = services(self).segments()
        self.start_load(
            "segments-offer",
            lambda: OfferEvaluated(segments.what_if(segment, offer, rate)),
            f"the offer to {segment}",
        )

    @on_loaded(OfferEvaluated)
    def _offer_evaluated(self, message: OfferEvaluated) -> None:
        self.query_one("#offer-result", Static).update(offer_report(message.outcome))
