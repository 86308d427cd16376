"""Charts of the KPI views, described from their frames and drawn on any plotext figure.

The same ChartSpec is drawn inside the TUI (textual-plotext) and as text for reports (plotext),
so a chart always shows the warehouse's figures of the moment, never a picture of old data.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from workbench.application.kpis import (
    DELIVERY_MAX_DAYS,
    CohortView,
    DeliveryView,
    ExecutiveView,
    KpiView,
    SectionsView,
    SellersView,
    TableView,
)
from workbench.presentation.formats import compact, format_value

if TYPE_CHECKING:  # polars loads when a frame is first built, not at start-up
    import polars as pl

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]
    kind: str = "bar"  # "bar" or "line"
    right_axis: bool = False
    measure: str = "number"  # how a value reads (formats.py): money, count, percent, score ...


@dataclass(frozen=True)
class ChartSpec:
    """One chart: x positions named by `labels`, each standing for `keys[i]` (for drill-down)."""

    title: str
    labels: tuple[str, ...]
    series: tuple[Series, ...]
    keys: tuple[Any, ...]
    drill: str  # what a position stands for: month, category, state, days, cohort ...

    @property
    def is_empty(self) -> bool:
        return not self.labels


@dataclass(frozen=True)
class Palette:
    """Colours of the series (in order) and of the highlighted position."""

    series: tuple[RGB, ...] = ((70, 130, 180), (230, 230, 230), (220, 90, 90))
    cursor: RGB = (255, 165, 0)


class PlotextFigure(Protocol):
    """The part of a plotext figure (plotext itself, or textual-plotext's `plt`) charts use."""

    def clear_data(self) -> None: ...
    def bar(self, *args: Any, **kwargs: Any) -> None: ...
    def plot(self, *args: Any, **kwargs: Any) -> None: ...
    def vline(self, *args: Any, **kwargs: Any) -> None: ...
    def xticks(self, *args: Any, **kwargs: Any) -> None: ...
    def xlim(self, *args: Any, **kwargs: Any) -> None: ...
    def yticks(self, *args: Any, **kwargs: Any) -> None: ...
    def ylim(self, *args: Any, **kwargs: Any) -> None: ...
    def title(self, label: str) -> None: ...


# A position's room in a bar chart, and the share of it a bar fills: plotext draws bars at cell
# resolution, so with less room (or wider bars) neighbours merge into one block.
CELLS_PER_BAR = 4
BAR_WIDTH = 0.4
CELLS_PER_POINT = 1
BRAILLE_POINTS_PER_CELL = 2  # a braille cell is two dots wide
Y_TICKS = 5
# The lines of a chart in plain text (no colours), in order: braille, dots, crosses.
PLAIN_LINE_MARKERS = ("braille", "dot", "x", "+")
CHROME_ROWS = 4  # a plot's rows that are not the plot: title, both x axis lines, tick labels
# Charts whose positions are a time line: when they do not all fit, the latest are shown first.
TIME_DRILLS = frozenset({"day", "week", "month", "delivered_month", "cohort"})


@dataclass(frozen=True)
class Window:
    """The positions of a chart drawn at once: [start, stop) of `total`."""

    start: int
    stop: int
    total: int
    # The longest title shown: plotext centres it on the plot and drops it whole when it runs
    # past either edge, so it is shortened to this (0: the chart is not drawn yet).
    title_room: int = 0

    def title(self, text: str) -> str:
        """`text` shortened ("…") to the room the title has."""
        room = max(self.title_room, 1)
        return text if len(text) <= room else text[: room - 1] + "…"

    @property
    def note(self) -> str:
        """What the title says when not every position is drawn."""
        if self.stop - self.start >= self.total:
            return ""
        return f" · {self.start + 1}-{self.stop} of {self.total}"


def window(
    spec: ChartSpec, plot_width: int, cursor: int | None = None, braille: bool = False
) -> Window:
    """As many positions as fit `plot_width` cells (bars with a gap each; lines a cell a
    position, or two drawn in braille, whose cells are two dots wide), holding `cursor`."""
    total = len(spec.labels)
    if any(series.kind == "bar" for series in spec.series):
        fits = max(1, plot_width // CELLS_PER_BAR)
    else:
        fits = max(1, plot_width * (BRAILLE_POINTS_PER_CELL if braille else CELLS_PER_POINT))
    if total <= fits:
        return Window(0, total, total)
    if cursor is None:
        start = total - fits if spec.drill in TIME_DRILLS else 0
    else:
        start = min(max(cursor - fits // 2, 0), total - fits)
    return Window(start, start + fits, total)


def draw(
    plt: PlotextFigure,
    spec: ChartSpec,
    width: int,
    palette: Palette | None = None,
    cursor: int | None = None,
    height: int | None = None,
    plain: bool = False,
) -> Window:
    """Draw `spec` on `plt` for a plot `width` columns wide, highlighting position `cursor`.

    Every y axis starts at zero, so a bar or a line never exaggerates a dip; only the
    positions that fit the width are drawn (see `window`), every one of them labelled when its
    label fits under it; `height` (the plot's rows, title and x axis included) bounds the y
    ticks to one a row. `plain`: no colours to tell lines apart, each line its own marker (the
    legend shows it). Returns the positions drawn."""
    palette = palette or Palette()
    plt.clear_data()
    if spec.is_empty:
        shown = Window(0, 0, 0, max(width - 2, 1))
        plt.title(shown.title(spec.title))
        return shown
    # Two ticks on one row overwrote each other, the one kept varying from run to run.
    # plotext writes the legend over the plot's top rows, a row a series: a bar or line under
    # it read lower than it is. Known the plot's rows, the axes reach above the highest value
    # by the legend's rows, and the ticks share the rows left (none overwrites another).
    headroom, y_ticks = 1.05, Y_TICKS
    if height is not None:
        rows = height - CHROME_ROWS
        legend = len(spec.series) if len(spec.series) < rows - 1 else 0
        if legend:
            headroom = max(headroom, rows / (rows - legend - 0.5))  # half a row to spare
        y_ticks = max(2, min(Y_TICKS, rows - legend))
    axes = _axes(plt, spec, y_ticks, headroom)
    plot_width = max(width - sum(axes.values()) - 4, 1)
    shown = window(spec, plot_width, cursor, braille=not plain)
    if spec.drill in TIME_DRILLS and shown.stop - shown.start < shown.total:
        # A time line too long for its bars is drawn as lines, which fit more positions (see
        # `window`): beside a chart of lines over the same months (the executive pair), both
        # then show the same span, not the last few months beside all of them.
        spec = _bars_as_lines(spec)
        shown = window(spec, plot_width, cursor, braille=not plain)
    shown = replace(shown, title_room=_title_room(axes, width))
    plt.title(shown.title(spec.title + shown.note))
    xs = list(range(1, shown.stop - shown.start + 1))
    mark = None if cursor is None else cursor - shown.start
    markers = iter(PLAIN_LINE_MARKERS if plain else ("braille",) * len(spec.series))
    for index, series in enumerate(spec.series):
        color = palette.series[index % len(palette.series)]
        side = "right" if series.right_axis else "left"
        values = series.values[shown.start : shown.stop]
        if series.kind == "bar":
            heights = [value or 0.0 for value in values]
            plt.bar(xs, heights, color=color, width=BAR_WIDTH, yside=side, label=series.name)
            if mark is not None and 0 <= mark < len(heights):
                plt.bar(
                    [xs[mark]], [heights[mark]], color=palette.cursor, width=BAR_WIDTH, yside=side
                )
        else:
            marker = next(markers)
            for run, (px, py) in enumerate(_runs(xs, values)):
                label = series.name if run == 0 else None
                plt.plot(px, py, color=color, yside=side, label=label, marker=marker)
    if mark is not None and 0 <= mark < len(xs) and spec.series[0].kind == "line":
        plt.vline(xs[mark], palette.cursor)
    plt.xlim(0.5, len(xs) + 0.5)  # every position gets the same room
    _xticks(plt, xs, spec.labels[shown.start : shown.stop], plot_width)
    return shown


def _bars_as_lines(spec: ChartSpec) -> ChartSpec:
    """`spec` with its bar series drawn as lines (the legend shows which)."""
    return replace(spec, series=tuple(replace(one, kind="line") for one in spec.series))


def _title_room(axes: dict[str, int], width: int) -> int:
    """The longest title plotext shows: centred on the plot (between the y labels and their
    axis lines), whole inside the figure's `width`; a cell clear of each edge."""
    left = axes.get("left", 2) - 1  # the labels and the axis line
    right = axes.get("right", 2) - 1
    centre = left + (width - left - right) // 2
    fits = (
        length
        for length in range(width - 2, 0, -1)
        if length // 2 <= centre and length - length // 2 <= width - centre
    )
    return next(fits, 1)


def _axes(
    plt: PlotextFigure, spec: ChartSpec, y_ticks: int = Y_TICKS, headroom: float = 1.05
) -> dict[str, int]:
    """Both y axes from zero to `headroom` times the highest value, ticks in the measure's
    format; returns each axis' label width."""
    widths: dict[str, int] = {}
    for side in ("left", "right"):
        values = [
            value
            for series in spec.series
            if series.right_axis == (side == "right")
            for value in series.values
            if value is not None
        ]
        if not values:
            continue
        low, high = min(0.0, min(values)), max(values)
        high = high if high > low else low + 1
        plt.ylim(low, high * headroom if high > 0 else high, yside=side)
        ticks = [low + (high - low) * step / (y_ticks - 1) for step in range(y_ticks)]
        counts = {s.measure for s in spec.series if s.right_axis == (side == "right")} == {"count"}
        if counts:  # sellers, orders, customers: whole ones ("24.5 sellers" is no count)
            ticks = sorted({float(round(tick)) for tick in ticks})
        labels = [_tick(tick, whole=counts) for tick in ticks]
        plt.yticks(ticks, labels, yside=side)
        widths[side] = max(len(label) for label in labels) + 2
    return widths


def _tick(value: float, whole: bool = False) -> str:
    if value == 0:
        return "0"
    if abs(value) >= 10_000:
        return compact("number", value)
    return f"{value:,.0f}" if whole or abs(value) >= 100 else f"{value:.1f}"


def _xticks(plt: PlotextFigure, xs: list[int], labels: tuple[str, ...], plot_width: int) -> None:
    """A label under every position: whole when it fits, else cut with "…" to the room a
    position has while the cut labels still tell the positions apart; otherwise whole labels
    under every n-th position (the readout names the others)."""
    spacing = plot_width // max(len(xs), 1)
    if max(len(label) for label in labels) <= spacing - 2:  # plotext drops a touching label
        plt.xticks(xs, list(labels))
        return
    room = spacing - 3  # a cut label's start moves by a cell with rounding: two cells apart
    cut = [label if len(label) <= room else label[: room - 1] + "…" for label in labels]
    if room >= 4 and len(set(cut)) == len(cut):
        plt.xticks(xs, cut)
        return
    label_width = max(len(label) for label in labels) + 2
    step = max(1, -(-len(xs) * label_width // max(plot_width, label_width)))  # ceiling division
    plt.xticks(xs[::step], list(labels[::step]))


def _runs(xs: list[int], values: tuple[float | None, ...]) -> list[tuple[list[int], list[float]]]:
    """The stretches of consecutive known values, so a line is not drawn across a gap."""
    runs: list[tuple[list[int], list[float]]] = []
    previous_known = False
    for x, value in zip(xs, values, strict=True):
        if value is None:
            previous_known = False
            continue
        if not previous_known:
            runs.append(([], []))
        runs[-1][0].append(x)
        runs[-1][1].append(value)
        previous_known = True
    return runs


def readout(spec: ChartSpec, index: int) -> str:
    """The label and every series' value at position `index`, each in its measure's format."""
    values = ", ".join(
        f"{series.name} {format_value(series.measure, series.values[index])}"
        for series in spec.series
    )
    return f"{spec.labels[index]}: {values}"


def _month(value: date) -> str:
    return f"{value:%Y-%m}"


def _floats(frame: pl.DataFrame, column: str) -> tuple[float | None, ...]:
    return tuple(None if v is None else float(v) for v in frame[column].to_list())


PERIOD_LABELS = {"day": "%Y-%m-%d", "week": "%Y-%m-%d", "month": "%Y-%m"}


def series_charts(monthly: pl.DataFrame, grain: str = "month") -> tuple[ChartSpec, ChartSpec]:
    """GMV & orders per period (day, week from Monday, month), and late rate & mean review."""
    labels = tuple(f"{p:{PERIOD_LABELS[grain]}}" for p in monthly["period"])
    keys = tuple(monthly["period"].to_list())
    per = f"per {grain}" if grain != "week" else "per week (from Monday)"
    late = tuple(None if v is None else 100 * v for v in _floats(monthly, "late_rate"))
    return (
        ChartSpec(
            f"GMV R$ (left) and orders (right) {per}, both axes from 0",
            labels,
            (
                Series("GMV", _floats(monthly, "gmv"), measure="money"),
                Series("orders", _floats(monthly, "orders"), "line", True, "count"),
            ),
            keys,
            grain,
        ),
        ChartSpec(
            f"Late % (left) and mean review (right) {per}, both axes from 0",
            labels,
            (
                Series("late %", late, "line", measure="percent"),
                Series("review", _floats(monthly, "avg_review_score"), "line", True, "score"),
            ),
            keys,
            grain,
        ),
    )


def ranked_bars(
    frame: pl.DataFrame,
    key: str,
    value: str,
    title: str,
    drill: str,
    limit: int = 20,
    measure: str = "money",
) -> ChartSpec:
    """Bars of `value` for the first `limit` rows of `frame`, one per `key`; the title says
    when they are not all of them."""
    top = frame.head(limit)
    keys = tuple(top[key].to_list())
    return ChartSpec(
        title + _first_of(top.height, frame.height),
        tuple(str(k) for k in keys),
        (Series(value, _floats(top, value), measure=measure),),
        keys,
        drill,
    )


def _first_of(shown: int, total: int) -> str:
    """What a title adds when a ranking is cut to its first `shown` of `total` rows."""
    return f" · the first {shown} of {total}" if shown < total else ""


def delivery_days_chart(days: pl.DataFrame, max_days: int) -> ChartSpec:
    """Delivered orders per whole delivery day (the last bar holds max_days and more)."""
    keys = tuple(days["days"].to_list())
    labels = tuple(f"{d}+" if d == max_days else str(d) for d in keys)
    return ChartSpec(
        "Delivered orders by delivery days",
        labels,
        (Series("orders", _floats(days, "orders"), measure="count"),),
        keys,
        "days",
    )


def estimates_chart(estimates: pl.DataFrame) -> ChartSpec:
    """Mean days promised vs taken per purchase month."""
    return ChartSpec(
        "Days promised vs taken per month",
        tuple(_month(m) for m in estimates["month"]),
        (
            Series("promised", _floats(estimates, "mean_promised_days"), "line", measure="days"),
            Series("actual", _floats(estimates, "mean_delivery_days"), "line", measure="days"),
        ),
        tuple(estimates["month"].to_list()),
        "delivered_month",
    )


def health_chart(sellers: pl.DataFrame) -> ChartSpec:
    """Sellers per health-score band of ten points."""
    import polars as pl

    bands = (
        sellers.select((pl.col("health_score") // 10).clip(0, 9).cast(pl.Int64).alias("band"))
        .group_by("band")
        .len()
    )
    counts = dict(zip(bands["band"].to_list(), bands["len"].to_list(), strict=True))
    # From the lowest band any seller is in to the highest: a narrow chart that fits fewer bars
    # than ten would otherwise show the empty low bands of a healthy marketplace, and nothing.
    keys = tuple(range(min(counts), max(counts) + 1)) if counts else tuple(range(10))
    return ChartSpec(
        "Sellers by health score",
        tuple(f"{10 * k}-{10 * k + 10}" for k in keys),
        (Series("sellers", tuple(float(counts.get(k, 0)) for k in keys), measure="count"),),
        keys,
        "health",
    )


def health_trend_chart(view: SellersView) -> ChartSpec:
    """Median monthly health of the sellers listed as declining vs the other sellers listed,
    per month of the trend window (a month without such a seller leaves a gap)."""
    import polars as pl

    months = tuple(sorted(view.trend["month"].unique().to_list()))
    medians = (
        view.trend.join(view.table.select("seller_id", "is_declining"), on="seller_id")
        .group_by("month", "is_declining")
        .agg(pl.col("health").median())
    )
    by_key = {
        (row["month"], row["is_declining"]): row["health"] for row in medians.iter_rows(named=True)
    }
    return ChartSpec(
        "Median health per month: declining sellers vs the others",
        tuple(_month(m) for m in months),
        tuple(
            Series(name, tuple(by_key.get((m, declining)) for m in months), "line", measure="score")
            for name, declining in (("declining", True), ("others", False))
        ),
        months,
        "month",
    )


def cohort_chart(grid: pl.DataFrame) -> ChartSpec:
    """Share of each cohort buying again in a later month."""
    return ChartSpec(
        "Cohorts: % buying again in a later month",
        tuple(_month(m) for m in grid["cohort_month"]),
        (
            Series(
                "repeat %",
                tuple(100 * v for v in grid["repeat_rate"].to_list()),
                measure="percent",
            ),
        ),
        tuple(grid["cohort_month"].to_list()),
        "cohort",
    )


def charts_of(view: KpiView) -> tuple[ChartSpec, ...]:
    """The charts of a loaded KPI view, in the order the screen and `--chart` show them."""
    if isinstance(view, ExecutiveView):
        return series_charts(view.series, view.grain)
    if isinstance(view, DeliveryView):
        return (delivery_days_chart(view.days, DELIVERY_MAX_DAYS), estimates_chart(view.estimates))
    if isinstance(view, CohortView):
        return (cohort_chart(view.grid),)
    if isinstance(view, SectionsView):
        return section_charts(view)
    if isinstance(view, SellersView):
        return (health_chart(view.table), health_trend_chart(view))
    assert isinstance(view, TableView)
    if view.name == "categories":
        title = "Revenue (R$) by category"
        return (ranked_bars(view.table, "category", "revenue", title, "category"),)
    title = "GMV (R$) by customer state"
    return (ranked_bars(view.table, "customer_state", "gmv", title, "state", 27),)


def section_charts(view: SectionsView) -> tuple[ChartSpec, ...]:
    """Products: the categories' Pareto curve and review score by delivery delay; customers:
    new vs returning GMV per month and days to the second order. The geography view draws a
    map instead (presentation/brazil_map)."""
    tables = view.tables
    if view.name == "products":
        return (
            pareto_chart(tables["kpi_category_abc"]),
            delay_chart(tables["kpi_review_by_delay"]),
        )
    if view.name == "customers":
        return (
            new_returning_chart(tables["kpi_new_returning"]),
            second_order_chart(tables["kpi_days_to_second"]),
        )
    return ()


def pareto_chart(categories: pl.DataFrame, limit: int = 30) -> ChartSpec:
    """GMV share of each category (bars) and the cumulative share (line), largest first."""
    top = categories.head(limit)
    keys = tuple(top["category"].to_list())
    share = tuple(None if v is None else 100 * v for v in _floats(top, "gmv_share"))
    cumulative = tuple(None if v is None else 100 * v for v in _floats(top, "cumulative_share"))
    return ChartSpec(
        "Pareto: GMV % per category (bars), cumulative % (line, right)"
        + _first_of(top.height, categories.height),
        tuple(f"{k} {c}" for k, c in zip(keys, top["abc_class"].to_list(), strict=True)),
        (
            Series("GMV %", share, measure="percent"),
            Series("cumulative %", cumulative, "line", True, "percent"),
        ),
        keys,
        "category",
    )


def delay_chart(delays: pl.DataFrame) -> ChartSpec:
    """Mean review score per band of days delivered after (or before) the estimate."""
    return ChartSpec(
        "Mean review by days delivered vs the estimate",
        tuple(delays["delay_band"].to_list()),
        (Series("mean review", _floats(delays, "mean_review_score"), measure="score"),),
        tuple(delays["delay_band"].to_list()),
        "delay",
    )


def new_returning_chart(months: pl.DataFrame) -> ChartSpec:
    """GMV per month (bars: all, then the returning customers' part) and the returning share."""
    import polars as pl

    total = months.select((pl.col("new_gmv") + pl.col("returning_gmv")).cast(pl.Float64))
    share = tuple(None if v is None else 100 * v for v in _floats(months, "returning_gmv_share"))
    return ChartSpec(
        "GMV R$ per month: all (left), returning customers' % (right)",
        tuple(_month(m) for m in months["month"]),
        (
            Series("GMV", tuple(total.to_series().to_list()), measure="money"),
            Series("returning %", share, "line", True, "percent"),
        ),
        tuple(months["month"].to_list()),
        "month",
    )


def second_order_chart(days: pl.DataFrame) -> ChartSpec:
    """Customers per band of days from their first to their second order."""
    return ChartSpec(
        "Customers by days from first to second order",
        tuple(days["days_to_second"].to_list()),
        (Series("customers", _floats(days, "customers"), measure="count"),),
        tuple(days["days_to_second"].to_list()),
        "second_order",
    )
