"""Ingestion screen: the runs recorded in the metadata store and the steps of the selected run."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label

from domain.entities.ingestion_run import IngestionRun, RunStep
from screens.services import ReportsWorkerErrors, services
from screens.widgets.status_line import StatusLine

HELP = """\
## Ingestion

The run history comes from the metadata store: every ingestion with its status, timings,
source and row counts. Move through runs with the arrow keys to see their steps.

| key | action |
|---|---|
| `r` | reload the run history |
"""

RUN_COLUMNS = ("run", "status", "started", "duration", "orders", "source", "message")
STEP_COLUMNS = ("#", "step", "status", "rows", "ms", "detail")


class IngestionScreen(ReportsWorkerErrors, Screen[None]):
    HELP = HELP
    BINDINGS = [Binding("r", "reload", "Reload", id="ingestion.reload")]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="ingestion-body"):
            yield Label("Run history", classes="section-title")
            yield DataTable(id="runs", cursor_type="row", zebra_stripes=True)
            yield Label("Steps of the selected run", classes="section-title")
            yield DataTable(id="steps", cursor_type="row")
        yield StatusLine()
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#runs", DataTable).add_columns(*RUN_COLUMNS)
        self.query_one("#steps", DataTable).add_columns(*STEP_COLUMNS)
        self.load_runs()

    def action_reload(self) -> None:
        self.load_runs()
        self.query_one(StatusLine).refresh_status()

    @work(thread=True, exclusive=True, exit_on_error=False, group="runs")
    def load_runs(self) -> None:
        runs = services(self).run_history().recent(200)
        self.app.call_from_thread(self._show_runs, runs)

    def _show_runs(self, runs: list[IngestionRun]) -> None:
        table = self.query_one("#runs", DataTable)
        table.clear()
        for run in runs:
            duration = "-" if run.duration_s is None else f"{run.duration_s:.1f} s"
            orders = run.row_counts.get("fct_orders")
            table.add_row(
                f"#{run.run_id}",
                str(run.status),
                f"{run.started_at:%Y-%m-%d %H:%M:%S}",
                duration,
                "-" if orders is None else f"{orders:,}",
                run.source_path,
                run.error.splitlines()[0] if run.error else "",
                key=str(run.run_id),
            )
        if not runs:
            self.query_one("#steps", DataTable).clear()
            self.notify("No runs yet: ingest a dataset to create the first one.")

    @on(DataTable.RowHighlighted, "#runs")
    def _run_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            self.load_steps(int(event.row_key.value))

    @work(thread=True, exclusive=True, exit_on_error=False, group="steps")
    def load_steps(self, run_id: int) -> None:
        detail = services(self).run_history().detail(run_id)
        self.app.call_from_thread(self._show_steps, detail.steps if detail else [])

    def _show_steps(self, steps: list[RunStep]) -> None:
        table = self.query_one("#steps", DataTable)
        table.clear()
        for step in steps:
            table.add_row(
                str(step.seq),
                step.name,
                step.status,
                f"{step.rows:,}",
                f"{step.duration_ms:,.0f}",
                step.detail,
            )
