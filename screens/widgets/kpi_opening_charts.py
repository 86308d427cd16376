"""The executive charts the KPI screen opens with, drawn while the app is idle.

The screen opens on the executive view the app loaded while idle (`screens.kpi_opening`); its
two charts were then drawn by plotext on the event loop as the screen was first painted, ~17 ms
of the open's ~110. The room the screen gives them follows from the app's size and the tiles'
text alone: above them the header, the filter bar, the view bar and the tiles, below them the
status line and the footer, sized by the stylesheet (`assets/app.tcss`, the KPI screen's part:
the numbers below are its heights, paddings, margins and gutters). The idle load draws the
charts for that room, in the app's theme as it was then; a chart uses the drawing only if its
look (figures, size, cursor, theme) is the one it paints, so a foresight that no longer matches
the stylesheet costs what the open cost before (tests/tui/test_kpi_opening.py fails then).
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from itertools import accumulate

from rich.text import Text
from textual.content import Content
from textual.geometry import Size
from textual_plotext.plot import Plot

from screens.widgets.kpi_chart import drawing, palette_of, plot_theme
from screens.widgets.kpi_tiles import TILE_MIN_HEIGHT, tile_markup
from screens.widgets.kpi_view_bar import view_bar
from workbench.application.kpi_filters import Filters
from workbench.application.kpi_tiles import Tile
from workbench.application.kpis import ExecutiveView
from workbench.presentation.kpi_charts import charts_of

CHARTS = ("chart-gmv", "chart-late")  # the executive pane's charts, left to right
WIDE_FROM = 120  # columns from which the KPI screen is wide (eight tiles to a row, not four)
ROWS_AROUND = 4  # header, filter bar (above the view bar), status line, footer
BAR_PADDING = 2  # the view bar's, left and right
TILES_PADDING = 2  # the tiles grid's, left and right
TILE_GUTTER = 1  # between two tiles of a row
TILE_PADDING = 2  # a tile's, left and right
CHART_MARGIN = 1  # at the right of each chart
CHART_MIN_HEIGHT = 8

# A chart's drawing and the look it was drawn for: (figures, size, cursor, app theme).
Drawn = tuple[tuple[object, ...], Text]


def columns_at(width: int) -> int:
    """Tiles to a row at an app `width` (the screen's breakpoint)."""
    return 8 if width >= WIDE_FROM else 4


def shares(total: int, parts: int, gutter: int) -> list[int]:
    """`total` cells split into `parts` equal fractions with `gutter` cells between them, as
    Textual's layouts round them (each edge at the floor of its exact place)."""
    unit = Fraction(total - gutter * (parts - 1), parts)
    edges = [0, *(edge.__floor__() for edge in accumulate([unit, Fraction(gutter)] * parts))]
    return [edges[2 * i + 1] - edges[2 * i] for i in range(parts)]


def tiles_height(tiles: tuple[Tile, ...], width: int) -> int:
    """The tiles grid's rows at an app `width`: each row as high as its highest tile."""
    columns = columns_at(width)
    widths = shares(width - TILES_PADDING, columns, TILE_GUTTER)
    heights = []
    for index, tile in enumerate(tiles):
        inner = max(widths[index % columns] - TILE_PADDING, 1)  # (its value fitted to it)
        shown = Content.from_markup(tile_markup(tile, inner))
        heights.append(max(shown.get_height({}, inner), TILE_MIN_HEIGHT))
    return sum(max(heights[i : i + columns]) for i in range(0, len(heights), columns))


def chart_sizes(size: Size, view: ExecutiveView, filters: Filters, grain: str) -> list[Size]:
    """The sizes of the executive charts on the KPI screen opened at the app's `size`."""
    width, height = size
    bar, _ = view_bar("executive", filters, grain, width - BAR_PADDING)
    rows_above = ROWS_AROUND + bar.plain.count("\n") + 1 + tiles_height(view.tiles, width)
    chart_height = max(height - rows_above, CHART_MIN_HEIGHT)
    return [Size(w, chart_height) for w in shares(width - CHART_MARGIN * len(CHARTS), 2, 0)]


def opening_charts(
    view: ExecutiveView,
    filters: Filters,
    grain: str,
    size: Size,
    theme: str,
    variables: Mapping[str, str],
) -> dict[str, Drawn]:
    """The executive charts of `view`, by chart id, drawn for the KPI screen opened at the
    app's `size` in its `theme` (with its CSS `variables`), as a chart draws them unfocused."""
    palette, plotext_theme = palette_of(variables), plot_theme(theme, variables)
    drawn: dict[str, Drawn] = {}
    sizes = chart_sizes(size, view, filters, grain)
    for chart, spec, room in zip(CHARTS, charts_of(view), sizes, strict=True):
        text = drawing(Plot(), spec, room, palette, None, plotext_theme)
        drawn[chart] = ((spec, room, None, theme), text)
    return drawn
