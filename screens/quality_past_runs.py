"""One rule's past runs, opened from the Quality screen: each run's status and failing rows
counted, and the failing rows that run kept (quality_sample_rows of them) — still there after
newer runs replaced the warehouse they were found in."""

from __future__ import annotations

import polars as pl
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Header, Label

from domain.entities.quality import FailingSample
from screens.loads import CANCEL_BINDING, Loaded, Loads, on_loaded
from screens.services import services
from screens.widgets.frame_table import FrameTable
from screens.widgets.keys_footer import KeysFooter
from workbench.application.quality_report import RuleReport

HELP = """\
## A rule's past runs

The runs of the quality report, newest first, with the rule's status and failing rows in each.

| key | action |
|---|---|
| `enter` | on a run: the failing rows it kept (the first ones, as many as `quality_sample_rows`) |
| `escape` | back to the Quality screen |
"""


class KeptRowsLoaded(Loaded):
    def __init__(self, run_id: int, sample: FailingSample | None) -> None:
        super().__init__()
        self.run_id = run_id
        self.sample = sample


def kept_rows_frame(sample: FailingSample) -> pl.DataFrame:
    """The kept rows as a table of text columns, in the order the run kept them."""
    columns = list(zip(*sample.rows, strict=True)) if sample.rows else [()] * len(sample.columns)
    return pl.DataFrame(
        {name: list(values) for name, values in zip(sample.columns, columns, strict=True)},
        schema={name: pl.String for name in sample.columns},
    )


class QualityPastRunsScreen(Loads, Screen[None]):
    HELP = HELP
    AUTO_FOCUS = "#past-runs DataTable"
    BINDINGS = [CANCEL_BINDING, Binding("escape", "close", "Back", id="past-runs.close")]

    def __init__(self, rule: RuleReport, run_ids: tuple[int, ...]) -> None:
        super().__init__()
        self._rule = rule
        self._run_ids = run_ids

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="past-runs-body"):
            yield Label(
                f"{self._rule.rule.rule_id} in runs {', '.join(f'#{r}' for r in self._run_ids)}"
                " · enter on a run opens the failing rows it kept",
                id="past-runs-title",
            )
            yield FrameTable("rule_runs", id="past-runs")
            yield Label("", id="past-rows-title")
            yield FrameTable("kept_failing_rows", id="past-rows")
        yield KeysFooter()

    def on_mount(self) -> None:
        newest_first = list(zip(self._run_ids, self._rule.results, strict=True))[::-1]
        self.query_one("#past-runs", FrameTable).show(
            pl.DataFrame(
                {
                    "run": [run for run, _ in newest_first],
                    "status": ["not run" if r is None else str(r.status) for _, r in newest_first],
                    "failing": [None if r is None else r.failing_count for _, r in newest_first],
                    "message": ["" if r is None else r.message for _, r in newest_first],
                },
                schema_overrides={"run": pl.Int64, "status": pl.String, "failing": pl.Int64},
            ),
            f"runs_{self._rule.rule.rule_id.replace('.', '_')}",
        )

    @on(FrameTable.RowChosen, "#past-runs")
    def _run_chosen(self, event: FrameTable.RowChosen) -> None:
        run_id, rule_id = int(event.row["run"]), self._rule.rule.rule_id
        quality = services(self).quality()
        self.query_one("#past-rows-title", Label).update(f"Run #{run_id}: loading…")
        self.start_load(
            "kept-rows",
            lambda: KeptRowsLoaded(run_id, quality.kept_failures(rule_id, run_id)),
            f"the failing rows kept by run #{run_id}",
        )

    @on_loaded(KeptRowsLoaded)
    def _kept_rows_loaded(self, message: KeptRowsLoaded) -> None:
        title = self.query_one("#past-rows-title", Label)
        rows = self.query_one("#past-rows", FrameTable)
        if message.sample is None:
            title.update(f"Run #{message.run_id} kept no failing rows of this rule.")
            rows.show(pl.DataFrame({"no rows kept": []}))
            return
        result = dict(zip(self._run_ids, self._rule.results, strict=True)).get(message.run_id)
        counted = f" of {result.failing_count:,} failing" if result is not None else ""
        title.update(f"Run #{message.run_id}: {len(message.sample.rows):,}{counted} rows kept")
        rows.show(kept_rows_frame(message.sample), f"kept_rows_run_{message.run_id}")

    def load_stopped(self, kind: str, cancelled: bool) -> None:
        ended = "cancelled" if cancelled else "failed, see the error notification"
        self.query_one("#past-rows-title", Label).update(f"Loading the kept rows {ended}.")

    def action_close(self) -> None:
        self.dismiss(None)
