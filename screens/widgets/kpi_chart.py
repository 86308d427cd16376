"""A plotext chart of a KPI view, in the app's theme colours, with a cursor to drill from a bar.

Focus it and move with left/right (home/end); enter posts BarChosen for the position under the
cursor, whose figures the title reads out.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from contextlib import suppress

import plotext._utility as _plotext_utility
from rich.text import Text
from textual.app import RenderResult
from textual.binding import Binding
from textual.color import Color
from textual.geometry import Size
from textual.message import Message
from textual_plotext import PlotextPlot
from textual_plotext.plot import Plot

from screens.widgets.ansi_text import ansi_text
from screens.widgets.text_strips import TextStrips
from workbench.presentation.kpi_charts import TIME_DRILLS, ChartSpec, Palette, draw, readout

# plotext removes duplicate points through set(), whose order follows Python's string hashing,
# different in every process: the same chart drew its x labels a cell apart from one run to
# the next (and which of two touching labels stayed). The same, order-kept.
_plotext_utility.no_duplicates = lambda data: list(dict.fromkeys(data))

DRAWINGS_KEPT = 4  # per chart: a view shown again with figures it showed before (filters
# cleared, a reload that found the same figures) reuses their drawing


class ChartPanel(PlotextPlot, TextStrips, can_focus=True):
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
        self._drawings: OrderedDict[tuple[object, ...], Text] = OrderedDict()  # by spec and look
        self.drawings = 0  # how many drawings were shown (tests read it)
        self.drawn_ahead = 0  # of which were made by a load's worker
        self.cursor = 0
        # Drawn by a load's worker for the figures it loaded (see `draw_ahead`): (key, text).
        self._ahead: tuple[tuple[object, ...], Text] | None = None
        # The size it was last drawn at: a hidden widget has no size (its view is not shown),
        # and a view shown again gets the same room.
        self.shown_size = Size(0, 0)

    def show(self, spec: ChartSpec) -> None:
        """Draw `spec`, keeping the cursor where it was if the chart is as long."""
        if self.spec is None or len(self.spec.labels) != len(spec.labels):
            # the latest month of a time line, the first (largest) of a ranking
            self.cursor = max(len(spec.labels) - 1, 0) if spec.drill in TIME_DRILLS else 0
        self.spec = spec
        self.refresh()

    def look(self) -> tuple[object, ...] | None:
        """What the drawing shown now depends on: figures, size, cursor (when focused), theme.
        Nothing to show yet (the view still loading): blank, not an empty plotext canvas drawn
        for a frame or two."""
        if self.spec is None:
            return None
        self.shown_size = self.size
        cursor = self.cursor if self.has_focus and not self.spec.is_empty else None
        return (self.spec, self.size, cursor, self.app.theme)

    def render(self) -> RenderResult:
        look = self.look()
        return Text() if look is None else self.text_for(look).copy()

    def text_for(self, look: Hashable) -> Text:
        """The drawing of `look`, once for each figures and look: a refresh that changes none
        of them, or figures shown again at the same size, reuse the drawing."""
        assert isinstance(look, tuple)
        cursor = look[2]
        try:
            drawn = self._drawings.get(look)
        except TypeError:  # a key of the spec that cannot be hashed: drawn each time
            self.drawings += 1
            return self._draw(cursor)
        if drawn is not None:
            self._drawings.move_to_end(look)
            return drawn
        ahead = self._ahead
        if ahead is not None and ahead[0] == look:
            self._ahead = None
            drawn = ahead[1]  # drawn by the load's worker
            self.drawn_ahead += 1
        else:
            drawn = self._draw(cursor)
        self._keep(look, drawn)
        return drawn

    def _keep(self, look: tuple[object, ...], drawn: Text) -> None:
        self._drawings[look] = drawn
        self.drawings += 1
        while len(self._drawings) > DRAWINGS_KEPT:
            self._drawings.popitem(last=False)

    def ahead_used(self, look: Hashable) -> None:
        """The worker's strips are painted: its drawing is the one of `look` now."""
        ahead, self._ahead = self._ahead, None
        if ahead is not None and ahead[0] == look:
            self.drawn_ahead += 1
            with suppress(TypeError):
                self._keep(ahead[0], ahead[1])

    def draw_ahead(self, laid_out: Size | None = None) -> Callable[[ChartSpec], None]:
        """What a load's worker calls with the chart's spec it loaded, built on the loop when
        the load starts: the chart drawn now, off the event loop, at the size it will have and
        in the look it has without the cursor; `render` of that very spec and look uses it
        (any other size or look is drawn on the loop, as before). The size: the one it has;
        hidden (a view not shown has no layout), the one it was last drawn at, else
        `laid_out`, where its view's layout will put it."""
        size, theme = self.size, self.app.theme
        if not size.width or not size.height:
            size = self.shown_size if self.shown_size.width else laid_out or Size(0, 0)
        if not size.width or not size.height:
            return lambda spec: None
        palette, plot_theme = self._palette(), self._get_plotext_theme_name(theme)
        kept = set(self._drawings)  # figures shown before: their drawing is used again
        style = self.visual_style

        def draw_it(spec: ChartSpec) -> None:
            key = (spec, size, None, theme)
            if key not in kept:
                drawn = drawing(Plot(), spec, size, palette, None, plot_theme)
                self._ahead = (key, drawn)
                self.keep_ahead(key, style, drawn, size)

        return draw_it

    def take_drawing(self, look: tuple[object, ...], drawn: Text) -> None:
        """`drawn`, made elsewhere (the KPI screen's opening answer, drawn while the app was
        idle) for `look`: `render` uses it if that is the look it paints, like a worker's."""
        self._ahead = (look, drawn)

    def _draw(self, cursor: int | None) -> Text:
        assert self.spec is not None
        readout = self.readout() if cursor is not None else ""
        plot_theme = self._get_plotext_theme_name(self.app.theme)
        return drawing(self.plt, self.spec, self.size, self._palette(), cursor, plot_theme, readout)

    def readout(self) -> str:
        """The label and values under the cursor."""
        if self.spec is None or self.spec.is_empty:
            return ""
        return readout(self.spec, self.cursor)

    def _palette(self) -> Palette:
        return palette_of(self.app.theme_variables)

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


def palette_of(variables: Mapping[str, str]) -> Palette:
    """The charts' colours in the app's theme (its CSS variables)."""
    colors = tuple(
        Color.parse(variables[name]).rgb
        for name in ("primary", "foreground", "error")
        if name in variables
    )
    cursor = Color.parse(variables.get("warning", "orange")).rgb
    return Palette(colors or Palette().series, cursor)


def plot_theme(app_theme: str, variables: Mapping[str, str]) -> str:
    """The plotext theme a chart is drawn in under the app's theme `app_theme` (with its CSS
    `variables`), registered with plotext as a chart registers it when it is mounted
    (`PlotextPlot._register_theme`, whose name and colours these are: textual-plotext has no
    public function for it), so a chart can be drawn before any is mounted."""
    name = f"textual-auto-{app_theme}"
    # Private names, imported here: if a release renames them, only the drawing ahead fails
    # (its load suppresses the error and the chart draws on the loop), not the KPI screen.
    from plotext._dict import themes as _plotext_themes
    from textual_plotext.plot import _rgbify_theme, _sequence

    if name not in _plotext_themes:
        surface = Color.parse(variables["surface"]).rgb
        foreground = Color.parse(variables["foreground"]).rgb
        sequence: list[str | int | tuple[int, int, int]] = list(_sequence)
        _plotext_themes[name] = _rgbify_theme(surface, surface, foreground, "default", sequence)
    return name


def drawing(
    plt: Plot,
    spec: ChartSpec,
    size: Size,
    palette: Palette,
    cursor: int | None,
    plot_theme: str,
    readout: str = "",
) -> Text:
    """`spec` drawn by plotext on `plt` at `size`, as text: what `PlotextPlot.render` does, the
    escape codes plotext builds read by `ansi_text` (the same text as Rich's `Text.from_ansi`,
    in a quarter of the time). `readout`: the title when the cursor is shown."""
    # From a clean figure each time: plotext keeps sizes and ticks of earlier renders (those
    # at the sizes a layout passes through), so the same chart at the same size came out
    # with other ticks and labels from run to run.
    plt.clear_figure()
    width, height = size
    shown = draw(plt, spec, width, palette, cursor, height)
    title = spec.title
    if shown.note:  # first, so a narrow chart still says it shows only some positions
        title = f"{shown.note.removeprefix(' · ')} ←/→ · {title}"
    if cursor is not None:
        title = f"▶ {readout}"
    elif spec.is_empty:
        title = "no data under these filters"
    plt.title(shown.title(title))
    plt.plotsize(width, height)
    plt._set_size(width, height)  # as textual-plotext does (its issue 5)
    plt.theme(plot_theme)
    return ansi_text(plt.build())
