"""The six KPI views as panes: charts and tables fed from a loaded view; drill-downs as messages."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from contextlib import suppress
from typing import TYPE_CHECKING, cast

import polars as pl
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.message import Message
from textual.visual import visualize
from textual.widget import Widget
from textual.widgets import Label

from screens.widgets.frame_table import FrameTable
from screens.widgets.kpi_chart import ChartPanel
from screens.widgets.kpi_tiles import TILE_MIN_HEIGHT, TilesGrid, TileWidget, tile_markup
from screens.widgets.layout_ahead import foreseen_size
from workbench.application.kpi_filters import Drill
from workbench.application.kpi_tiles import TILES
from workbench.application.kpis import (
    BUILT_IN_PYTHON,
    DELIVERY_MAX_DAYS,
    CohortView,
    DeliveryView,
    ExecutiveView,
    KpiView,
    TableView,
)
from workbench.application.table_queries import TableQuery, query_behind
from workbench.presentation.formats import format_value, plural
from workbench.presentation.kpi_charts import ChartSpec, charts_of
from workbench.presentation.kpi_drills import bar_drill, row_drill, tile_drill
from workbench.presentation.kpi_tables import view_frames

if TYPE_CHECKING:
    from textual.css.styles import RulesMap

    from screens.widgets.kpi_opening_charts import Drawn

NOT_OBSERVABLE = "·"  # a cohort month the data does not reach yet (0 % shows as 0.0 %)


class DrillRequested(Message):
    """The user asked for the orders behind a figure."""

    def __init__(self, drill: Drill) -> None:
        super().__init__()
        self.drill = drill


class KpiPane(Vertical):
    """Base of the view panes: turns chart and table choices into DrillRequested."""

    DEFAULT_CLASSES = "kpi-pane"

    MAIN = "DataTable"  # what gets the focus when the view is shown

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.queries: Mapping[str, TableQuery] = {}  # of the view shown, by table
        self.styled = 0  # how many times the stylesheet was applied to it (tests read it)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.styled += 1

    def show(self, view: KpiView) -> None:
        raise NotImplementedError

    def take_drawings(self, drawn: Mapping[str, Drawn]) -> None:
        """Charts drawn elsewhere, by chart id (`ChartPanel.take_drawing`)."""
        for chart in self.query(ChartPanel):
            if chart.id is not None and chart.id in drawn:
                chart.take_drawing(*drawn[chart.id])

    def fit_ahead(self) -> Callable[[KpiView], None]:
        """What a load's worker runs on the view it loaded, built on the loop when the load
        starts: the table's frame fitted to the table's room there (formatting every cell is a
        polars query per column, 10-40 ms that the event loop no longer waits for), and the
        charts drawn at their size (plotext, 20-40 ms a chart). A fit that fails is left to
        `show`, which reports it as before."""
        tables = [(table, table.room()) for table in self.query(FrameTable)]
        charts_for = self.charts_ahead()

        def fit(view: KpiView) -> None:
            for table, room in tables:
                frame = self.frame_of(table, view)
                if frame is not None:
                    with suppress(Exception):
                        table.fit_ahead(frame, room)
            with suppress(Exception):  # met again on the loop, and reported there
                for draw_chart, spec in zip(charts_for(view), charts_of(view), strict=False):
                    draw_chart(spec)

        return fit

    def charts_ahead(self) -> Callable[[KpiView], list[Callable[[ChartSpec], None]]]:
        """What draws the pane's charts of a view, in a load's worker (see
        `ChartPanel.draw_ahead`), at the sizes they have or will have (`chart_sizes`)."""
        sizes = self.chart_sizes() if self._hidden_charts() else {}
        draws = [chart.draw_ahead(sizes.get(chart)) for chart in self.query(ChartPanel)]
        return lambda view: draws

    def frame_of(self, table: FrameTable, view: KpiView) -> pl.DataFrame | None:
        """The frame `show(view)` will hand to `table`, when it is one of the view's own."""
        return None

    def _hidden_charts(self) -> bool:
        return any(
            not chart.size.width and not chart.shown_size.width for chart in self.query(ChartPanel)
        )

    def chart_sizes(self, sizes: dict[Widget, Size] | None = None) -> dict[ChartPanel, Size]:
        """The sizes the pane's layout will give its charts when it is shown (in the views'
        room, as its switcher has it now), for a pane never shown: hidden, it has no layout
        of its own. Worked out by the layouts Textual lays the pane out with (`sizes`, when
        given, gets every widget's inner size); a size that turns out otherwise only means the
        chart is drawn on the loop, as before."""
        area = self.parent.size if isinstance(self.parent, Widget) else Size(0, 0)
        if isinstance(self.parent, Widget) and not (area.width and area.height):
            # the screen opening has no layout yet: the room its layout will give the views
            area = foreseen_size(self.parent)
        laid_out: dict[Widget, Size] = {} if sizes is None else sizes  # every widget's
        if not area.width or not area.height:
            return {}

        def place(container: Widget, room: Size) -> None:
            shown = [child for child in container.children if child.display]
            for placement in container.layout.arrange(container, shown, room):
                widget = placement.widget
                inner = placement.region.shrink(widget.styles.gutter).size
                laid_out[widget] = inner
                if not isinstance(widget, ChartPanel) and widget.query(ChartPanel):
                    place(widget, inner)

        with suppress(Exception):  # a guess: without it, the charts are drawn on the loop
            place(self, area)
        return {widget: size for widget, size in laid_out.items() if isinstance(widget, ChartPanel)}

    def query_behind(self, table: FrameTable) -> TableQuery:
        return query_behind(self.queries, table.export_name, BUILT_IN_PYTHON)

    def focus_main(self) -> None:
        # At once, not after the next message as `focus()` does: a table replaced right after
        # (a view loaded ahead, shown on the same key) must see it has the focus to hand it on.
        self.screen.set_focus(self.query(self.MAIN).first())

    @on(ChartPanel.BarChosen)
    def _bar_chosen(self, event: ChartPanel.BarChosen) -> None:
        event.stop()
        drill = bar_drill(event.spec, event.index, DELIVERY_MAX_DAYS)
        if drill is None:
            self.notify("These bars stand for no orders of their own: drill from the table.")
        else:
            self.post_message(DrillRequested(drill))

    @on(FrameTable.RowChosen)
    def _row_chosen(self, event: FrameTable.RowChosen) -> None:
        event.stop()
        drill = row_drill(event.table.export_name, event.row, DELIVERY_MAX_DAYS)
        if drill is not None:
            self.post_message(DrillRequested(drill))


TILE_ROWS_TRIED = 12  # the tiles' grid foreseen up to this high (8 tiles of 2-6 lines)


class ExecutivePane(KpiPane):
    MAIN = "TileWidget"

    def charts_ahead(self) -> Callable[[KpiView], list[Callable[[ChartSpec], None]]]:
        """The charts get the height the tiles leave, which only the loaded tiles know (a
        value or change that wraps makes its row higher): for a pane not laid out yet (the
        screen opening, or the view loaded ahead) the layout is worked out on the loop for each
        height of the tiles' grid, and the worker draws at the sizes of the height its tiles
        take (measured as Textual measures them, at each tile's width)."""
        if not self._hidden_charts():
            return super().charts_ahead()
        grid = self.query_one(TilesGrid)
        tiles = {tile.id: tile for tile in grid.query_children(TileWidget)}
        charts = list(self.query(ChartPanel))
        draws: dict[int, list[Callable[[ChartSpec], None]]] = {}
        widths: dict[str | None, int] = {}  # each tile's content width, by id
        try:
            for height in range(TILE_MIN_HEIGHT, TILE_ROWS_TRIED + 1):
                grid.styles.height = height  # the screen is not laid out yet: nothing painted
                laid_out: dict[Widget, Size] = {}
                sizes = self.chart_sizes(laid_out)
                draws[height] = [chart.draw_ahead(sizes.get(chart)) for chart in charts]
                if not widths and grid in laid_out:
                    for place in grid.layout.arrange(grid, list(tiles.values()), laid_out[grid]):
                        inner = place.region.shrink(place.widget.styles.gutter)
                        widths[place.widget.id] = inner.width
        finally:
            grid.styles.clear_rule("height")  # as high as its tiles again
        columns = grid.styles.grid_size_columns or 1
        gutter = grid.styles.grid_gutter_horizontal  # between rows (Textual's naming)

        def charts_for(view: KpiView) -> list[Callable[[ChartSpec], None]]:
            if not isinstance(view, ExecutiveView) or not widths:
                return []
            heights = []
            for tile in view.tiles:
                shown = tiles[f"tile-{tile.key}"]
                width = widths[shown.id]
                text = visualize(shown, tile_markup(tile, width), markup=True)
                lines = text.get_height(cast("RulesMap", shown.styles), width)
                heights.append(max(lines + shown.styles.gutter.height, TILE_MIN_HEIGHT))
            rows = [max(heights[i : i + columns]) for i in range(0, len(heights), columns)]
            return draws.get(sum(rows) + gutter * (len(rows) - 1), [])

        return charts_for

    def compose(self) -> ComposeResult:
        yield TilesGrid(tuple((key, label) for key, label, _ in TILES), id="kpi-tiles")
        with Horizontal(classes="kpi-charts"):
            yield ChartPanel(id="chart-gmv")
            yield ChartPanel(id="chart-late")

    def show(self, view: KpiView) -> None:
        assert isinstance(view, ExecutiveView)
        self.query_one(TilesGrid).show(view.tiles)
        gmv, late = charts_of(view)
        self.query_one("#chart-gmv", ChartPanel).show(gmv)
        self.query_one("#chart-late", ChartPanel).show(late)

    @on(TileWidget.Chosen)
    def _tile_chosen(self, event: TileWidget.Chosen) -> None:
        event.stop()
        self.post_message(DrillRequested(tile_drill(event.tile)))


class TablePane(KpiPane):
    """A chart (or `charts` side by side) above the view's table (categories, sellers, states),
    with an optional note."""

    def __init__(self, name: str, *, charts: int = 1, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view_name = name
        self.charts = charts

    def compose(self) -> ComposeResult:
        yield Label("", classes="kpi-note")
        if self.charts == 1:
            yield ChartPanel(id=f"chart-{self.view_name}")
        else:
            with Horizontal(classes="kpi-charts"):
                for index in range(self.charts):
                    yield ChartPanel(id=f"chart-{self.view_name}-{index + 1}")
        yield FrameTable(f"kpi_{self.view_name}", id=f"table-{self.view_name}")

    def show(self, view: KpiView) -> None:
        assert isinstance(view, TableView)
        self.queries = view.queries
        for panel, chart in zip(self.query(ChartPanel), charts_of(view), strict=True):
            panel.show(chart)
        self.query_one(FrameTable).show(view.table)

    def frame_of(self, table: FrameTable, view: KpiView) -> pl.DataFrame | None:
        return view.table if isinstance(view, TableView) else None

    def note(self, text: str) -> None:
        label = self.query_one(".kpi-note", Label)
        label.update(text)
        label.display = bool(text)


DELIVERY_TABLES = (
    ("kpi_delivery_states", "late rate by customer state"),
    ("kpi_delivery_routes", "late rate by route, seller state → customer state"),
    ("kpi_delivery_estimates", "estimated vs actual days per month"),
    ("kpi_delivery_reviews", "review score, late vs on time"),
    ("kpi_delivery_days", "delivery days distribution"),
)


class DeliveryPane(KpiPane):
    BINDINGS = [Binding("b", "next_table", "Next table", id="kpi.delivery_table")]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._table = 0
        self._frames: dict[str, pl.DataFrame] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(classes="kpi-charts"):
            yield ChartPanel(id="chart-days")
            yield ChartPanel(id="chart-estimates")
        yield Label("", id="delivery-reviews", classes="kpi-note")
        yield Label("", id="delivery-table-title", classes="section-title")
        yield FrameTable(DELIVERY_TABLES[0][0], id="table-delivery")

    def show(self, view: KpiView) -> None:
        assert isinstance(view, DeliveryView)
        self.queries = view.queries
        days, estimates = charts_of(view)
        self.query_one("#chart-days", ChartPanel).show(days)
        self.query_one("#chart-estimates", ChartPanel).show(estimates)
        self.query_one("#delivery-reviews", Label).update(reviews_line(view.reviews))
        self._frames = view_frames(view)
        self._show_table()

    def action_next_table(self) -> None:
        self._table = (self._table + 1) % len(DELIVERY_TABLES)
        self._show_table()

    def _show_table(self) -> None:
        name, title = DELIVERY_TABLES[self._table]
        self.query_one("#delivery-table-title", Label).update(f"{title}  (b: next table)")
        if name in self._frames:
            self.query_one(FrameTable).show(self._frames[name], name)


def reviews_line(reviews: pl.DataFrame) -> str:
    """Mean review of late vs on-time deliveries, in one line."""
    parts = [
        f"{row['delivery']}: {plural(row['delivered_orders'], 'order')}, mean review "
        + format_value("score", row["mean_review_score"])
        for row in reviews.iter_rows(named=True)
    ]
    return "Review score · " + (" · ".join(parts) if parts else "no delivered orders")


class CohortPane(KpiPane):
    def compose(self) -> ComposeResult:
        yield ChartPanel(id="chart-cohorts")
        yield Label(
            f"share of each first-order cohort ordering again m1..m12 months later; a cell "
            f"{NOT_OBSERVABLE!r}: not observable yet (the data ends before that month)",
            classes="section-title legend",
        )
        yield FrameTable("kpi_cohort_grid", id="table-cohorts", blank=NOT_OBSERVABLE)

    def show(self, view: KpiView) -> None:
        assert isinstance(view, CohortView)
        self.queries = view.queries
        (chart,) = charts_of(view)
        self.query_one(ChartPanel).show(chart)
        self.query_one(FrameTable).show(view.grid)

    def frame_of(self, table: FrameTable, view: KpiView) -> pl.DataFrame | None:
        return view.grid if isinstance(view, CohortView) else None
