"""A chart of the SQL console's result with plotext: the kind chosen from the columns (time or
category + number: line or bar; two numbers: scatter; one number: histogram), and switchable:
`k` the kind, `x` and `y` the columns. It charts the rows shown in the table (at most the
configured number) and says so when the result has more."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static
from textual_plotext import PlotextPlot

from workbench.application.sql_console import (
    CHART_KINDS,
    ChartChoice,
    QueryResult,
    chart_choice,
    column_kind,
)

MAX_BARS = 60  # more categories than this read as noise: the first ones are charted


class ChartDialog(ModalScreen[None]):
    DEFAULT_CSS = """
    ChartDialog { align: center middle; }
    ChartDialog > Vertical { width: 95%; height: 90%; border: round $accent; background: $surface; }
    ChartDialog #chart-says { height: 1; padding: 0 1; }
    ChartDialog PlotextPlot { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape,c", "close", "Close", id="sql.chart.close"),
        Binding("k", "kind", "Kind", id="sql.chart.kind"),
        Binding("x", "column('x')", "X column", id="sql.chart.x"),
        Binding("y", "column('y')", "Y column", id="sql.chart.y"),
    ]

    def __init__(self, result: QueryResult, shown_rows: int) -> None:
        super().__init__()
        self._result = result
        self._head = result.head(shown_rows)
        self._columns = [(f.name, str(f.type)) for f in self._head.schema]
        self._choice = chart_choice(self._columns) or ChartChoice(
            "bar", self._columns[0][0], self._columns[-1][0]
        )

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("", id="chart-says")
            yield PlotextPlot()

    def on_mount(self) -> None:
        self._draw()

    @property
    def choice(self) -> ChartChoice:
        return self._choice

    def action_close(self) -> None:
        self.dismiss(None)

    def action_kind(self) -> None:
        kind = CHART_KINDS[(CHART_KINDS.index(self._choice.kind) + 1) % len(CHART_KINDS)]
        x = self._choice.x or self._columns[0][0]
        self._choice = ChartChoice(kind, None if kind == "histogram" else x, self._choice.y)
        self._draw()

    def action_column(self, axis: str) -> None:
        names = [name for name, _ in self._columns]
        if axis == "y":
            numbers = [n for n, t in self._columns if column_kind(t) == "number"] or names
            at = numbers.index(self._choice.y) if self._choice.y in numbers else -1
            self._choice = ChartChoice(
                self._choice.kind, self._choice.x, numbers[(at + 1) % len(numbers)]
            )
        else:
            at = names.index(self._choice.x) if self._choice.x in names else -1
            self._choice = ChartChoice(
                self._choice.kind, names[(at + 1) % len(names)], self._choice.y
            )
        self._draw()

    def _values(self, name: str) -> list[Any]:
        values: list[Any] = self._head.column(name).to_pylist()
        return values

    def _draw(self) -> None:
        choice = self._choice
        plot = self.query_one(PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        ys = (
            [None if v is None else float(v) for v in self._values(choice.y)]
            if column_kind(dict(self._columns)[choice.y]) == "number"
            else []
        )
        shown = len(ys)
        if not ys:
            message = f"{choice.y} is not a number: press y for another column"
        elif choice.kind == "histogram" or choice.x is None:
            plt.hist([y for y in ys if y is not None], bins=30)
            plt.xlabel(choice.y)
            message = f"histogram of {choice.y}"
        else:
            xs = self._values(choice.x)
            pairs = [(x, y) for x, y in zip(xs, ys, strict=True) if y is not None and x is not None]
            if choice.kind == "bar":
                pairs = pairs[:MAX_BARS]
                plt.bar([str(x) for x, _ in pairs], [y for _, y in pairs])
            elif column_kind(dict(self._columns)[choice.x]) == "number":
                plotter = plt.scatter if choice.kind == "scatter" else plt.plot
                plotter([float(x) for x, _ in pairs], [y for _, y in pairs])
            else:
                labels = [str(x) for x, _ in pairs]
                plotter = plt.scatter if choice.kind == "scatter" else plt.plot
                plotter(list(range(len(pairs))), [y for _, y in pairs])
                step = max(len(labels) // 8, 1)
                plt.xticks(list(range(0, len(labels), step)), labels[::step])
            plt.xlabel(choice.x)
            plt.ylabel(choice.y)
            message = f"{choice.kind} of {choice.y} by {choice.x}"
            shown = len(pairs)
        total = self._result.total_rows
        of = (
            f" (first {self._head.num_rows:,} of {total:,} rows)"
            if total > self._head.num_rows
            else ""
        )
        self.query_one("#chart-says", Static).update(
            f"{message}{of} · {shown:,} points · k kind · x/y columns · escape closes"
        )
        plot.refresh()
