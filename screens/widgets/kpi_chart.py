"""A plotext chart of a KPI view, in the app's theme colours, with a cursor to drill from a bar.

Focus it and move with left/right (home/end); enter posts BarChosen for the position under the
cursor, whose figures the title reads out.
"""

from __future__ import annotations

import plotext._utility as _plotext_utility
from rich.text import Text
from textual.app import RenderResult
from textual.binding import Binding
from textual.color import Color
from textual.message import Message
from textual_plotext import PlotextPlot

from workbench.presentation.kpi_charts import TIME_DRILLS, ChartSpec, Palette, draw, readout

# plotext removes duplicate points through set(), whose order follows Python's string hashing,
# different in every process: the same chart drew its x labels a cell apart from one run to
# the next (and which of two touching labels stayed). The same, order-kept.
_plotext_utility.no_duplicates = lambda data: list(dict.fromkeys(data))


class ChartPanel(PlotextPlot, can_focus=True):
    DEFAULT_CLASSES = "kpi-chart"
    BINDINGS = [
        Binding("left", "move(-1)", "Previous bar", show=False),
        Binding("right", "move(1)", "Next bar", show=False),
        Binding("home", "move(-100000)", "First bar", show=False),
        Binding("end", "move(100000)", "Last bar", show=False),
        Binding("enter", "choose", "Orders", id="kpi.chart_orders"),
        Binding("s", "sort", "Sort", show=False),
    ]

    class BarChosen(Message):
        """Enter on a position of the chart."""

        def __init__(self, chart: ChartPanel, spec: ChartSpec, index: int) -> None:
            super().__init__()
            self.chart = chart
            self.spec = spec
            self.index = index

        @property
        def control(self) -> ChartPanel:
            return self.chart

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.spec: ChartSpec | None = None
        self._drawn: tuple[tuple[object, ...], Text] | None = None  # the spec's look last drawn
        self.cursor = 0

    def show(self, spec: ChartSpec) -> None:
        """Draw `spec`, keeping the cursor where it was if the chart is as long."""
        if self.spec is None or len(self.spec.labels) != len(spec.labels):
            # the latest month of a time line, the first (largest) of a ranking
            self.cursor = max(len(spec.labels) - 1, 0) if spec.drill in TIME_DRILLS else 0
        self.spec = spec
        self._drawn = None
        self.refresh()

    def render(self) -> RenderResult:
        """Draw the spec as it should look now (size, focus, cursor), then let plotext build it;
        drawn once for each look (a refresh that changes none of them reuses the drawing)."""
        if self.spec is None:
            return super().render()
        cursor = self.cursor if self.has_focus and not self.spec.is_empty else None
        look = (self.size, cursor, self.app.theme)
        if self._drawn is None or self._drawn[0] != look:
            self._drawn = (look, self._draw(cursor))
        return self._drawn[1].copy()

    def _draw(self, cursor: int | None) -> Text:
        # From a clean figure each time: plotext keeps sizes and ticks of earlier renders (those
        # at the sizes a layout passes through), so the same chart at the same size came out
        # with other ticks and labels from run to run.
        self.plt.clear_figure()
        if self.spec is not None:
            width, height = self.size
            shown = draw(self.plt, self.spec, width, self._palette(), cursor, height)
            title = self.spec.title
            if shown.note:  # first, so a narrow chart still says it shows only some positions
                title = f"{shown.note.removeprefix(' · ')} ←/→ · {title}"
            if cursor is not None:
                title = f"▶ {self.readout()}"
            elif self.spec.is_empty:
                title = "no data under these filters"
            self.plt.title(shown.title(title))
        drawn = super().render()
        assert isinstance(drawn, Text)
        return drawn

    def readout(self) -> str:
        """The label and values under the cursor."""
        if self.spec is None or self.spec.is_empty:
            return ""
        return readout(self.spec, self.cursor)

    def _palette(self) -> Palette:
        variables = self.app.theme_variables
        colors = tuple(
            Color.parse(variables[name]).rgb
            for name in ("primary", "foreground", "error")
            if name in variables
        )
        cursor = Color.parse(variables.get("warning", "orange")).rgb
        return Palette(colors or Palette().series, cursor)

    def action_move(self, step: int) -> None:
        if self.spec is None or self.spec.is_empty:
            return
        self.cursor = min(max(self.cursor + step, 0), len(self.spec.labels) - 1)
        self.refresh()

    def action_sort(self) -> None:
        self.notify("Sort works on tables: press g to move to the view's table.")

    def action_choose(self) -> None:
        if self.spec is not None and not self.spec.is_empty:
            self.post_message(self.BarChosen(self, self.spec, self.cursor))
