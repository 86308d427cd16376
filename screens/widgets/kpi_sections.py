"""The Products, Customers and Geography views as panes (a view of several tables: `b` moves
to the next one; the geography view shows the map beside its states' table)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import TYPE_CHECKING, cast

import polars as pl
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.geometry import Size
from textual.visual import visualize
from textual.widget import Widget
from textual.widgets import Label

from screens.widgets.frame_table import FrameTable
from screens.widgets.kpi_chart import ChartPanel
from screens.widgets.kpi_map import BrazilMap, MapInput
from screens.widgets.kpi_panes import KpiPane
from workbench.application.kpis import KpiView, SectionsView
from workbench.application.table_queries import TableQuery
from workbench.presentation.brazil_map import LAYERS, MEASURES, layer_side
from workbench.presentation.kpi_charts import ChartSpec, charts_of

if TYPE_CHECKING:
    from textual.css.styles import RulesMap

SECTION_TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "products": (
        ("kpi_abc_summary", "ABC classes: cut-offs, members, GMV share"),
        ("kpi_category_abc", "categories by GMV: share, cumulative share, ABC class"),
        ("kpi_product_abc", "products by GMV: share, cumulative share, ABC class"),
        ("kpi_price_bands", "sale items by price band"),
        ("kpi_review_by_delay", "review score by days delivered vs the estimate"),
        ("kpi_freight_by_weight", "freight share by weight band and category"),
    ),
    "customers": (
        ("kpi_ltv_cohorts", "lifetime GMV by acquisition month"),
        ("kpi_ltv_segments", "lifetime GMV by RFM segment"),
        ("kpi_new_returning", "new vs returning customers' GMV by month"),
        ("kpi_days_to_second", "days from the first to the second order"),
        ("kpi_customer_repeat", "customers acquired and second-order rate"),
    ),
}


NOTE_LINES_TRIED = 6  # the view's notes laid out at most this high are foreseen (below)


def notes_text(notes: Sequence[str]) -> str:
    return "\n".join(notes)


class SectionsPane(KpiPane):
    """Two charts, the view's notes, and one of its tables at a time (`b`: the next)."""

    BINDINGS = [Binding("b", "next_table", "Next table", id="kpi.sections_table")]

    def __init__(self, name: str, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view_name = name
        self._table = 0
        self._frames: dict[str, pl.DataFrame] = {}

    def compose(self) -> ComposeResult:
        with Horizontal(classes="kpi-charts"):
            yield ChartPanel(id=f"chart-{self.view_name}-1")
            yield ChartPanel(id=f"chart-{self.view_name}-2")
        yield Label("", id=f"{self.view_name}-notes", classes="kpi-note")
        yield Label("", id=f"{self.view_name}-table-title", classes="section-title")
        first = SECTION_TABLES[self.view_name][0][0]
        yield FrameTable(first, id=f"table-{self.view_name}")

    def show(self, view: KpiView) -> None:
        assert isinstance(view, SectionsView)
        self.queries = view.queries
        for panel, spec in zip(self.query(ChartPanel), charts_of(view), strict=False):
            panel.show(spec)
        self.query_one(f"#{self.view_name}-notes", Label).update(notes_text(view.notes))
        self._frames = dict(view.tables)
        self._show_table()

    def charts_ahead(self) -> Callable[[KpiView], list[Callable[[ChartSpec], None]]]:
        """The charts share the height the view's notes leave, which only the loaded view
        knows: the layout is worked out on the loop for notes of 1 to NOTE_LINES_TRIED lines,
        and the worker draws at the sizes of the height its notes take."""
        if not self._hidden_charts():
            return super().charts_ahead()
        note = self.query_one(f"#{self.view_name}-notes", Label)
        charts = list(self.query(ChartPanel))
        draws: dict[int, list[Callable[[ChartSpec], None]]] = {}
        width = 0
        try:
            for lines in range(1, NOTE_LINES_TRIED + 1):
                note.styles.height = lines  # the pane is hidden: nothing is painted
                laid_out: dict[Widget, Size] = {}
                sizes = self.chart_sizes(laid_out)
                width = laid_out.get(note, Size(0, 0)).width
                draws[lines] = [chart.draw_ahead(sizes.get(chart)) for chart in charts]
        finally:
            note.styles.clear_rule("height")  # as high as its notes again
        styles = cast("RulesMap", note.styles)  # what Textual measures a label's text with

        def charts_for(view: KpiView) -> list[Callable[[ChartSpec], None]]:
            if not isinstance(view, SectionsView) or not width:
                return []
            notes = visualize(note, notes_text(view.notes))
            return draws.get(notes.get_height(styles, width), [])

        return charts_for

    def frame_of(self, table: FrameTable, view: KpiView) -> pl.DataFrame | None:
        if not isinstance(view, SectionsView):
            return None
        return dict(view.tables).get(SECTION_TABLES[self.view_name][self._table][0])

    def action_next_table(self) -> None:
        self._table = (self._table + 1) % len(SECTION_TABLES[self.view_name])
        self._show_table()

    def _show_table(self) -> None:
        tables = SECTION_TABLES[self.view_name]
        name, title = tables[self._table]
        label = self.query_one(f"#{self.view_name}-table-title", Label)
        label.update(f"{title}  ({self._table + 1}/{len(tables)}, b: next table)")
        if name in self._frames:
            self.query_one(FrameTable).show(self._frames[name], name)


class GeographyPane(KpiPane):
    """The map (y: layer, w: measure, z: zoom into the state under the table's cursor) beside
    the states' measures; enter on a state lists its orders."""

    DEFAULT_CSS = """
    #geo-body { height: 1fr; }
    #geo-side { width: 1fr; height: 1fr; }
    """
    BINDINGS = [
        Binding("y", "cycle_layer", "Layer", id="kpi.map_layer"),
        Binding("w", "cycle_measure", "Measure", id="kpi.map_measure"),
        Binding("z", "zoom", "Zoom state", id="kpi.map_zoom"),
        Binding("k", "clear_lines", "Lines off", id="kpi.map_lines_off", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.map_layer = "customers"
        self.measure = "gmv"
        self.zoom_state: str | None = None
        self.seller_lines: pl.DataFrame | None = None  # one seller's lines (k in Sellers)
        self._view: SectionsView | None = None
        # The table's rows of the last states shown, per side (see _layer_rows).
        self._layers: tuple[pl.DataFrame, dict[str, pl.DataFrame]] | None = None

    def fit_ahead(self) -> Callable[[KpiView], None]:
        """What the load's worker does with the view it loaded: the map drawn and the states'
        table fitted, for the layer, measure and zoom in force and the sizes they will have (a
        pane not shown yet has not been laid out: it gets the views' room, the map its left
        half, as the layout gives them)."""
        area = self.parent.size if isinstance(self.parent, Widget) else self.screen.size
        drawn, table = self.query_one(BrazilMap), self.query_one(FrameTable)
        map_size = drawn.size if drawn.size.width else Size(area.width // 2, area.height)
        room = table.room() if table.size.width else max(area.width - area.width // 2 - 3, 20)
        style = drawn.visual_style
        layer, measure, zoom, lines = (
            self.map_layer,
            self.measure,
            self.zoom_state,
            self.seller_lines,
        )

        def fit(view: KpiView) -> None:
            if not isinstance(view, SectionsView):
                return
            states = view.tables["kpi_geo_states"]
            given = MapInput(states, view.tables["kpi_geo_points"], layer, measure, zoom, lines)
            with suppress(Exception):  # a failure is met again on the loop, and reported there
                drawn.prepare(given, map_size, style)
                table.fit_ahead(self._layer_rows(states, layer), room)

        return fit

    def _layer_rows(self, states: pl.DataFrame, layer: str) -> pl.DataFrame:
        """The table's rows: the states of the layer's side (the same frame for the same
        states, so a fit done ahead for it is found)."""
        side = layer_side(layer)
        known = self._layers
        if known is None or known[0] is not states:
            known = self._layers = (states, {})  # one set of states at a time
        rows = known[1].get(side)
        if rows is None:
            rows = states.filter(pl.col("layer") == side).select(pl.exclude("layer"), "layer")
            known[1][side] = rows
        return rows

    def compose(self) -> ComposeResult:
        with Horizontal(id="geo-body"):
            yield BrazilMap(id="geo-map")
            with Vertical(id="geo-side"):
                yield Label("", id="geo-title", classes="section-title")
                yield FrameTable("kpi_geo_states", id="table-geography")

    def show(self, view: KpiView) -> None:
        assert isinstance(view, SectionsView)
        self.queries = view.queries
        self._view = view
        self._redraw()

    def _redraw(self) -> None:
        if self._view is None:
            return
        states = self._view.tables["kpi_geo_states"]
        side = layer_side(self.map_layer)
        shown = self._layer_rows(states, self.map_layer)
        self.query_one(BrazilMap).show(
            states,
            self._view.tables["kpi_geo_points"],
            self.map_layer,
            self.measure,
            self.zoom_state,
            self.seller_lines,
        )
        label = MEASURES[self.measure][0]
        zoom = f" · zoom {self.zoom_state} (z: out)" if self.zoom_state else " · z: zoom"
        self.query_one("#geo-title", Label).update(
            f"{side}' states · y: layer {self.map_layer} · w: {label}{zoom}"
        )
        table = self.query_one(FrameTable)
        if not table.frame.equals(shown):
            table.show(shown)

    def query_behind(self, table: FrameTable) -> TableQuery:
        """kpi_geo_states holds both layers; the table shows the rows of one (y switches)."""
        query = super().query_behind(table)
        self.notify(f"The table shows the rows of layer {self.map_layer!r} of this query.")
        return query

    def show_lines(self, lines: pl.DataFrame | None) -> None:
        """Draw one seller's lines to its customers (None: no lines)."""
        self.seller_lines = lines
        self._redraw()

    def action_clear_lines(self) -> None:
        self.show_lines(None)

    def action_cycle_layer(self) -> None:
        self.map_layer = LAYERS[(LAYERS.index(self.map_layer) + 1) % len(LAYERS)]
        self._redraw()

    def action_cycle_measure(self) -> None:
        measures = tuple(MEASURES)
        self.measure = measures[(measures.index(self.measure) + 1) % len(measures)]
        self._redraw()

    def action_zoom(self) -> None:
        if self.zoom_state is not None:
            self.zoom_state = None
        else:
            row = self.query_one(FrameTable).selected_row()
            if row is None:
                return
            self.zoom_state = row["state"]
        self._redraw()
