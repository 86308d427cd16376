"""Charts of the KPI views, described from their frames and drawn on any plotext figure.

The same ChartSpec is drawn inside the TUI (textual-plotext) and as text for reports (plotext),
so a chart always shows the warehouse's figures of the moment, never a picture of old data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

from workbench.application.kpis import (
    DELIVERY_MAX_DAYS,
    CohortView,
    DeliveryView,
    ExecutiveView,
    KpiView,
    TableView,
)

if TYPE_CHECKING:  # polars loads when a frame is first built, not at start-up
    import polars as pl

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]
    kind: str = "bar"  # "bar" or "line"
    right_axis: bool = False


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
    def title(self, label: str) -> None: ...


def draw(
    plt: PlotextFigure,
    spec: ChartSpec,
    width: int,
    palette: Palette | None = None,
    cursor: int | None = None,
) -> None:
    """Draw `spec` on `plt` for a plot `width` columns wide, highlighting position `cursor`."""
    palette = palette or Palette()
    plt.clear_data()
    plt.title(spec.title)
    if spec.is_empty:
        return
    xs = list(range(1, len(spec.labels) + 1))
    for index, series in enumerate(spec.series):
        color = palette.series[index % len(palette.series)]
        side = "right" if series.right_axis else "left"
        if series.kind == "bar":
            values = [value or 0.0 for value in series.values]
            plt.bar(xs, values, color=color, width=0.7, yside=side, label=series.name)
            if cursor is not None and 0 <= cursor < len(values):
                plt.bar([xs[cursor]], [values[cursor]], color=palette.cursor, width=0.7, yside=side)
        else:
            for run, (px, py) in enumerate(_runs(xs, series.values)):
                label = series.name if run == 0 else None
                plt.plot(px, py, color=color, yside=side, label=label, marker="braille")
    if cursor is not None and 0 <= cursor < len(xs) and spec.series[0].kind == "line":
        plt.vline(xs[cursor], palette.cursor)
    label_width = max(len(label) for label in spec.labels) + 2
    step = max(1, -(-len(xs) * label_width // max(width - 12, label_width)))  # ceiling division
    plt.xticks(xs[::step], list(spec.labels[::step]))


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
            f"GMV R$ (bars) and orders (line, right) {per}",
            labels,
            (
                Series("GMV", _floats(monthly, "gmv")),
                Series("orders", _floats(monthly, "orders"), "line", right_axis=True),
            ),
            keys,
            grain,
        ),
        ChartSpec(
            f"Late % (left) and mean review (right) {per}",
            labels,
            (
                Series("late %", late, "line"),
                Series("review", _floats(monthly, "avg_review_score"), "line", right_axis=True),
            ),
            keys,
            grain,
        ),
    )


def ranked_bars(
    frame: pl.DataFrame, key: str, value: str, title: str, drill: str, limit: int = 20
) -> ChartSpec:
    """Bars of `value` for the first `limit` rows of `frame`, one per `key`."""
    top = frame.head(limit)
    keys = tuple(top[key].to_list())
    return ChartSpec(
        title,
        tuple(str(k) for k in keys),
        (Series(value, _floats(top, value)),),
        keys,
        drill,
    )


def delivery_days_chart(days: pl.DataFrame, max_days: int) -> ChartSpec:
    """Delivered orders per whole delivery day (the last bar holds max_days and more)."""
    keys = tuple(days["days"].to_list())
    labels = tuple(f"{d}+" if d == max_days else str(d) for d in keys)
    return ChartSpec(
        "Delivered orders by delivery days",
        labels,
        (Series("orders", _floats(days, "orders")),),
        keys,
        "days",
    )


def estimates_chart(estimates: pl.DataFrame) -> ChartSpec:
    """Mean days promised vs taken per purchase month."""
    return ChartSpec(
        "Days promised vs taken per month",
        tuple(_month(m) for m in estimates["month"]),
        (
            Series("promised", _floats(estimates, "mean_promised_days"), "line"),
            Series("actual", _floats(estimates, "mean_delivery_days"), "line"),
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
    keys = tuple(range(10))
    return ChartSpec(
        "Sellers by health score",
        tuple(f"{10 * k}-{10 * k + 10}" for k in keys),
        (Series("sellers", tuple(float(counts.get(k, 0)) for k in keys)),),
        keys,
        "health",
    )


def cohort_chart(grid: pl.DataFrame) -> ChartSpec:
    """Share of each cohort buying again in a later month."""
    return ChartSpec(
        "Cohorts: % buying again in a later month",
        tuple(_month(m) for m in grid["cohort_month"]),
        (Series("repeat %", tuple(100 * v for v in grid["repeat_rate"].to_list())),),
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
    assert isinstance(view, TableView)
    if view.name == "sellers":
        return (health_chart(view.table),)
    if view.name == "categories":
        title = "Revenue (R$) by category"
        return (ranked_bars(view.table, "category", "revenue", title, "category"),)
    title = "GMV (R$) by customer state"
    return (ranked_bars(view.table, "customer_state", "gmv", title, "state", 27),)
