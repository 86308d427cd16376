"""Ingestion screen: pick a source (folder, zip or demo), run it with progress, browse runs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.validation import Function, Number
from textual.widgets import Button, DataTable, Header, Input, Label, ProgressBar

from domain.cancellation import BY_ITS_USER
from domain.entities.ingestion_run import PIPELINE_STEPS, IngestionRun, RunStep
from domain.events.base import DomainEvent
from domain.events.pipeline import RunStarted, StepCompleted, StepStarted
from screens.loads import Loaded, Loads, on_loaded
from screens.services import app_of, services
from screens.widgets.field_error import FieldError, accept, refuse
from screens.widgets.fitted_table import fill, headers
from screens.widgets.keys_footer import KeysFooter
from screens.widgets.status_line import StatusLine
from workbench.application.demo import LARGEST_SCALE, SMALLEST_SCALE
from workbench.presentation.run_summary import step_line
from workbench.presentation.table_fit import exact_values

if TYPE_CHECKING:  # polars loads when a frame is first built, the ingestion service when a
    # run starts: neither before the first frame
    import polars as pl

    from workbench.application.ingestion import IngestionOutcome

    Job = Callable[[], IngestionOutcome]


HELP = """\
## Ingestion

Load the nine Olist CSV files (a folder, or the Kaggle `.zip`) into a new warehouse: validate,
stage, core, marts, quality gate, publish. Only a run that passes the gate replaces the published
warehouse; a failed or cancelled run leaves it as it was. Or generate a synthetic demo dataset at
any scale (1 = real size) and ingest it.

| key | action |
|---|---|
| `i` | edit the source path (folder or zip); `enter` there ingests it |
| `g` | generate the demo dataset at the given scale and ingest it |
| `c` | cancel the running ingestion (`escape` does not: it only leaves the path box) |
| `q` | quit; during a run it asks: cancel it and quit, quit when it ends, or stay |
| `r` | reload the run history |
| arrows | move through runs; the steps of the highlighted run show below |
"""

INGEST = "ingest"


class RunEnded(Loaded):
    """An ingestion run ended: published, blocked, failed or cancelled, as its outcome says."""

    reports_cancel = True

    def __init__(self, outcome: IngestionOutcome) -> None:
        super().__init__()
        self.outcome = outcome


class PipelineProgress(Message):
    """A step of the running ingestion started or ended (published on the worker's thread)."""

    def __init__(self, event: DomainEvent) -> None:
        super().__init__()
        self.event = event


class RunsLoaded(Loaded):
    def __init__(self, runs: list[IngestionRun]) -> None:
        super().__init__()
        self.runs = runs


class StepsLoaded(Loaded):
    def __init__(self, steps: list[RunStep]) -> None:
        super().__init__()
        self.steps = steps


def _is_source(value: str) -> bool:
    path = Path(value).expanduser()
    return path.is_dir() or (path.is_file() and path.suffix.lower() == ".zip")


class IngestionScreen(Loads, Screen[None]):
    HELP = HELP
    AUTO_FOCUS = "#runs"
    BINDINGS = [
        Binding("i", "focus_path", "Source path", id="ingestion.path"),
        Binding("g", "generate_demo", "Generate demo", id="ingestion.demo"),
        Binding("c", "cancel", "Cancel run", id="ingestion.cancel"),
        Binding("r", "reload", "Reload", id="ingestion.reload"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._run_words = "the ingestion"  # what runs, in words, while INGEST loads
        self._quit_pending = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="ingestion-body"):
            with Horizontal(id="source-row"):
                yield Input(
                    placeholder="folder of the nine Olist CSVs, or the Kaggle .zip; enter ingests",
                    validators=[Function(_is_source, "not a folder or a .zip file")],
                    validate_on=["submitted"],
                    id="source-path",
                )
                yield Button("Ingest", id="ingest", variant="primary")
                yield Label("demo scale", classes="inline-label")
                yield Input(
                    value=f"{services(self).settings().demo_scale:g}",
                    validators=[Number(minimum=SMALLEST_SCALE, maximum=LARGEST_SCALE)],
                    id="demo-scale",
                )
                yield Button("Generate demo (g)", id="generate")
            yield FieldError("source-path", "demo-scale", id="source-error")
            with Horizontal(id="progress-row"):
                yield ProgressBar(total=len(PIPELINE_STEPS), show_eta=False, id="progress")
                yield Label("idle", id="progress-label")
            yield Label("Run history", classes="section-title")
            yield DataTable(id="runs", cursor_type="row", zebra_stripes=True)
            yield Label("Steps of the selected run", classes="section-title", id="steps-title")
            yield DataTable(id="steps", cursor_type="row")
        yield StatusLine()
        yield KeysFooter()

    def on_mount(self) -> None:
        self._runs: list[IngestionRun] = []
        self._steps: list[RunStep] = []
        self._selected: IngestionRun | None = None  # the run whose steps are shown
        headers(self.query_one("#runs", DataTable), RUN_COLUMNS)  # no polars before the first frame
        headers(self.query_one("#steps", DataTable), STEP_COLUMNS)
        events = services(self).events()
        for event_type in (RunStarted, StepStarted, StepCompleted):
            events.subscribe(event_type, self._on_pipeline_event)
        if app_of(self).first_frame_shown:  # else the app loads them after its first frame
            self.load_runs()

    def on_unmount(self) -> None:
        events = services(self).events()
        for event_type in (RunStarted, StepStarted, StepCompleted):
            events.unsubscribe(event_type, self._on_pipeline_event)

    # -- starting and cancelling runs ------------------------------------------------------------
    @on(Input.Submitted, "#source-path")
    @on(Button.Pressed, "#ingest")
    def _ingest_requested(self) -> None:
        field = self.query_one("#source-path", Input)
        result = field.validate(field.value)
        if not field.value.strip() or (result is not None and not result.is_valid):
            refuse(field, f"{field.value or 'No path'}: not a folder or a .zip file.")
            return
        accept(field)
        ingestion, path = services(self).ingestion(), Path(field.value).expanduser()
        self._start(lambda: ingestion.ingest(path, started_by="workbench: tui"))

    @on(Button.Pressed, "#generate")
    def action_generate_demo(self) -> None:
        field = self.query_one("#demo-scale", Input)
        result = field.validate(field.value)
        if result is not None and not result.is_valid:
            limits = f"between {SMALLEST_SCALE:g} and {LARGEST_SCALE:g}"
            refuse(field, f"Demo scale {field.value!r}: give a number {limits}.")
            return
        accept(field)
        scale = float(field.value)
        seed = services(self).settings().demo_seed
        self._set_progress(0, f"generating demo dataset at scale {scale:g} …")
        demo = services(self).demo()
        self._start(lambda: demo.generate_and_ingest(scale, seed))

    def action_focus_path(self) -> None:
        self.query_one("#source-path", Input).focus()

    def action_cancel(self) -> None:
        if not self.is_loading(INGEST):
            self.notify("No ingestion is running.")
            return
        self.cancel_load(INGEST)
        self._set_progress(None, "cancelling …")

    def running_ingestion(self) -> str | None:
        """What ingestion runs now, in words ("run #4"), or None."""
        return self._run_words if self.is_loading(INGEST) else None

    def quit_when_ended(self, *, cancel: bool, by: str = BY_ITS_USER) -> None:
        """The app quits when the run ends (ingestion_ended); with `cancel`, end it now (`by`
        says who cancels: its user, or a signal)."""
        self._quit_pending = True
        if cancel:
            self.cancel_load(INGEST, by=by)
            self._set_progress(None, f"cancelling {self._run_words} …")
        else:
            self._set_progress(None, f"{self._run_words} goes on …")

    def _start(self, job: Job) -> None:
        # Leave the text boxes: c (cancel) and the number keys must work while the run goes on.
        self.query_one("#runs", DataTable).focus()
        if self.is_loading(INGEST):
            self.notify(
                "An ingestion is already running; cancel it with c first.", severity="warning"
            )
            return
        # The run obeys the load's cancel token, in scope of its worker.
        self._run_words = "the ingestion"
        self.start_load(INGEST, lambda: RunEnded(job()), "the ingestion")

    @on_loaded(RunEnded)
    def _run_ended(self, message: RunEnded) -> None:
        self._finished()
        self._ended(self._report(message.outcome))

    def load_stopped(self, kind: str, cancelled: bool) -> None:
        if kind == INGEST:
            ended = "cancelled" if cancelled else "failed: see the error notification"
            self._set_progress(None, f"the ingestion {ended}")
            self._finished()
            self._ended(f"the ingestion {'cancelled' if cancelled else 'failed'}")

    def _ended(self, summary: str) -> None:
        self._quit_pending = False
        app_of(self).ingestion_ended(summary)

    def _finished(self) -> None:
        self.load_runs()
        self.query_one(StatusLine).refresh_status()

    def _report(self, outcome: IngestionOutcome) -> str:
        """Show how the run ended; returns it in one line."""
        for warning in outcome.warnings:
            self.notify(warning, title=f"Run #{outcome.run_id}", severity="warning", timeout=15)
        if outcome.published:
            app_of(self).action_reload_snapshot()  # every screen shows the new snapshot
            orders = outcome.row_counts.get("fct_orders", 0)
            summary = (
                f"run #{outcome.run_id} published: {orders:,} orders in {outcome.seconds:.1f} s"
            )
            self._set_progress(len(PIPELINE_STEPS), summary)
            self.notify(f"Run #{outcome.run_id} published ({orders:,} orders).", title="Ingestion")
            return summary
        self._set_progress(None, f"run #{outcome.run_id} {outcome.status}")
        self.notify(
            outcome.message or str(outcome.status),
            title=f"Run #{outcome.run_id} {outcome.status}",
            severity="error",
            timeout=15,
        )
        return f"run #{outcome.run_id} {outcome.status}: {outcome.message}".rstrip(": ")

    # -- progress from pipeline events (published on the worker thread) -------------------------
    def _on_pipeline_event(self, event: DomainEvent) -> None:
        self.post_message(PipelineProgress(event))

    @on(PipelineProgress)
    def _show_progress(self, message: PipelineProgress) -> None:
        event = message.event
        if isinstance(event, RunStarted):
            self._run_words = f"run #{event.aggregate_id}"
            self._set_progress(0, f"run #{event.aggregate_id}: starting")
        elif isinstance(event, StepStarted):
            self._set_progress(
                event.index,
                f"run #{event.aggregate_id}: {event.step} ({event.index + 1}/{event.total}) …",
            )
        elif isinstance(event, StepCompleted):
            done = step_line(event.step, event.rows, event.duration_ms, event.detail)
            self._set_progress(
                PIPELINE_STEPS.index(event.step) + 1, f"run #{event.aggregate_id}: {done}"
            )

    def _set_progress(self, done: int | None, text: str) -> None:
        if done is not None:
            self.query_one("#progress", ProgressBar).update(progress=done)
        if self._quit_pending:
            text += " · then quits"
        self.query_one("#progress-label", Label).update(text)

    # -- run history ----------------------------------------------------------------------------
    def action_reload(self) -> None:
        self.load_runs()
        self.query_one(StatusLine).refresh_status()

    def load_runs(self) -> None:
        history = services(self).run_history()
        self.start_load("runs", lambda: RunsLoaded(history.recent(200)), "the run history")

    @on_loaded(RunsLoaded)
    def _runs_loaded(self, message: RunsLoaded) -> None:
        self._show_runs(message.runs)

    def _show_runs(self, runs: list[IngestionRun]) -> None:
        self._runs = runs
        fill(self.query_one("#runs", DataTable), runs_frame(runs), [str(r.run_id) for r in runs])
        if not runs:
            self._show_steps([])
            self.notify("No runs yet: enter a folder or zip above, or press g for a demo.")

    def on_resize(self) -> None:
        """Fit the tables to the new width (numbers are never cut)."""
        if self.is_mounted and self._runs:
            self.call_after_refresh(self._refit)

    def _refit(self) -> None:
        runs = self.query_one("#runs", DataTable)
        row = runs.cursor_row
        self._show_runs(self._runs)
        runs.move_cursor(row=row)
        self._show_steps(self._steps)

    @on(DataTable.RowHighlighted, "#runs")
    def _run_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value is not None:
            run_id = int(event.row_key.value)
            self._selected = next((run for run in self._runs if run.run_id == run_id), None)
            self.load_steps(run_id)

    def load_steps(self, run_id: int) -> None:
        history = services(self).run_history()

        def steps() -> StepsLoaded:
            detail = history.detail(run_id)
            return StepsLoaded(detail.steps if detail else [])

        self.start_load("steps", steps, f"the steps of run #{run_id}")

    @on_loaded(StepsLoaded)
    def _steps_loaded(self, message: StepsLoaded) -> None:
        self._show_steps(message.steps)

    def _show_steps(self, steps: list[RunStep]) -> None:
        self._steps = steps
        fitted = fill(self.query_one("#steps", DataTable), steps_frame(steps))
        title = steps_title(self._selected if self._runs else None)
        if fitted.shortened:
            exact = "; ".join(
                f"{s.name}: {exact_values(fitted, row)}"
                for s, row in zip(steps, steps_frame(steps).iter_rows(named=True), strict=True)
            )
            title = f"{title} (exact {exact})"
        self.query_one("#steps-title", Label).update(title)


RUN_COLUMNS = ("run", "status", "started", "duration", "orders", "source", "message", "by")


def steps_title(run: IngestionRun | None) -> str:
    """What the steps below are of: the run, its outcome and its whole message (the run
    history's column shows its first line, cut to the column's width on a narrow screen)."""
    if run is None:
        return "Steps of the selected run"
    said = " ".join(run.error.split())
    return f"Steps of run #{run.run_id}, {run.status}" + (f": {said}" if said else "")


STEP_COLUMNS = ("#", "step", "status", "rows", "ms", "detail")


def started_by(run: IngestionRun) -> str:
    """Who started a run, as the run history shows it: the workbench's own ways (cli, batch, tui)
    without the "workbench: " every one of them would repeat; others whole ("dagster: ...")."""
    return (run.started_by or "-").removeprefix("workbench: ")


def runs_frame(runs: list[IngestionRun]) -> pl.DataFrame:
    """The run history as shown: one row per run, newest first."""
    import polars as pl

    values = (
        [f"#{run.run_id}" for run in runs],
        [str(run.status) for run in runs],
        [run.started_at.replace(tzinfo=None) for run in runs],
        ["-" if r.duration_s is None else f"{r.duration_s:.1f} s" for r in runs],
        [run.row_counts.get("fct_orders") for run in runs],
        [run.source_path for run in runs],
        [run.error.splitlines()[0] if run.error else "" for run in runs],
        [started_by(run) for run in runs],
    )
    return pl.DataFrame(
        dict(zip(RUN_COLUMNS, values, strict=True)),
        schema_overrides={"started": pl.Datetime("us"), "orders": pl.Int64},
    )


def steps_frame(steps: list[RunStep]) -> pl.DataFrame:
    """The steps of a run as shown: rows and milliseconds are counts."""
    import polars as pl

    values = (
        [step.seq for step in steps],
        [step.name for step in steps],
        [step.status for step in steps],
        [step.rows for step in steps],
        [round(step.duration_ms) for step in steps],
        [step.detail for step in steps],
    )
    return pl.DataFrame(
        dict(zip(STEP_COLUMNS, values, strict=True)),
        schema_overrides={"#": pl.Int64, "rows": pl.Int64, "ms": pl.Int64},
    )
