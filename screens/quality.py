"""Quality screen: stored rules with status and trend, their failing rows, edits and re-checks."""

from __future__ import annotations

import time
from contextlib import suppress
from typing import Any

import polars as pl
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Label, Select

from domain.entities.monitor import MONITOR_KINDS, monitor_settings
from domain.entities.operations import AlertAttempt
from domain.errors import WarehouseNotPublished
from domain.repositories.metadata_store import QualityRuleRecord
from screens.loads import CANCEL_BINDING, Loaded, Loads, on_loaded
from screens.monitor_settings import MonitorEdit, MonitorSettingsDialog
from screens.quality_alerts import alerts_of
from screens.quality_edit import RuleEdit, RuleEditDialog
from screens.quality_past_runs import QualityPastRunsScreen
from screens.quality_suggestions import QualitySuggestionsScreen
from screens.services import SnapshotScreen, app_of, services
from screens.widgets.empty_state import EmptyState, empty_state_text
from screens.widgets.frame_table import FrameTable
from screens.widgets.keys_footer import KeysFooter
from screens.widgets.layout_ahead import answer_at_once
from screens.widgets.status_line import StatusLine
from workbench.application.quality import Recheck
from workbench.application.quality_report import SEVERITIES, STATUSES, QualityReport
from workbench.application.table_queries import NoQueryBehind, TableQuery

HELP = """\
## Quality

Every quality rule stored in the metadata store, with what it checks in plain words, the table
(model) it checks, its severity, the status and failing rows of the latest checked run, and its
trend over recent runs (one mark per run: `·` pass, a bar for failing rows, `!` the check
errored). Critical rules block publishing; the others are reported.

| key | action |
|---|---|
| `enter` | on a rule: list its failing rows below; on a failing order: open it in the Explorer |
| `escape` | back from the failing rows to the rules |
| `f` | filter by severity and status (`tab` to the next filter) |
| `m` | edit the selected rule: severity, threshold, enabled (stored for everyone on the store) |
| `l` | on a monitor: its learned settings (sensitivity, direction, min change, training runs) |
| `r` | re-check the published warehouse with the current rules (no re-ingest) |
| `u` | suggested rules from a profile of the warehouse: accept or reject each into the store |
| `h` | the selected rule's past runs, and the failing rows each run kept |
| `escape` while loading | cancel the load or re-check (shown in the footer while one runs) |
| `s` / `e` | sort by the cursor's column / export the table |

A threshold of 0 allows no failing row; 1 or more allows that many rows; below 1 allows that
share of the rows checked. A re-check records its results for the published run, replacing
that run's earlier results; a cancelled re-check records nothing.
"""

ALL = "all"


def last_alert(attempts: list[AlertAttempt]) -> str:
    """The last alert delivery attempt (`workbench alerts` lists them all), or ""."""
    if not attempts:
        return ""
    last = attempts[0]
    when = f" {last.attempted_at:%m-%d %H:%M}" if last.attempted_at else ""
    return f"last alert {'sent' if last.ok else 'NOT SENT'}{when}"


# The decisive columns first, so an 80-column terminal shows them; the long text last.
LEAD_COLUMNS = ("rule", "severity", "status", "failing", "trend")
TAIL_COLUMNS = ("check", "message")
ENTITY_COLUMNS = (
    ("order_id", "order"),
    ("seller_id", "seller"),
    ("customer_unique_id", "customer"),
)


class ReportLoaded(Loaded):
    def __init__(
        self,
        report: QualityReport,
        elapsed_ms: float,
        missing: WarehouseNotPublished | None,
        alert: str = "",
    ) -> None:
        super().__init__()
        self.report = report
        self.elapsed_ms = elapsed_ms
        self.missing = missing  # no warehouse yet: the rules show, their rows cannot
        self.alert = alert  # the last alert delivery attempt, in a few words; "" if none


class FailingRowsLoaded(Loaded):
    def __init__(
        self,
        rule_id: str,
        rows: pl.DataFrame | None,
        elapsed_ms: float,
        missing: WarehouseNotPublished | None = None,
    ) -> None:
        super().__init__()
        self.rule_id = rule_id
        self.rows = rows
        self.elapsed_ms = elapsed_ms
        self.missing = missing


class RuleSaved(Loaded):
    def __init__(self, rule: QualityRuleRecord) -> None:
        super().__init__()
        self.rule = rule


class Rechecked(Loaded):
    def __init__(
        self, outcome: Recheck | None, elapsed: float, missing: WarehouseNotPublished | None = None
    ) -> None:
        super().__init__()
        self.outcome = outcome
        self.elapsed = elapsed
        self.missing = missing


class QualityScreen(Loads, SnapshotScreen, Screen[None]):
    HELP = HELP
    AUTO_FOCUS = "#quality-rules DataTable"
    BINDINGS = [
        CANCEL_BINDING,
        Binding("r", "recheck", "Re-check", id="quality.recheck"),
        Binding("m", "edit_rule", "Edit rule", id="quality.edit"),
        Binding("l", "monitor_settings", "Monitor", id="quality.monitor"),
        Binding("f", "focus_filters", "Filter", id="quality.filter"),
        Binding("u", "suggestions", "Suggest rules", id="quality.suggest"),
        Binding("h", "past_runs", "Past runs", id="quality.past_runs"),
        Binding("escape", "focus_rules", "Rules", id="quality.rules"),
    ]

    @classmethod
    def made_ahead(cls, app: App[Any]) -> bool:
        return True  # (its report: the last quality run's results, from the metadata store)

    def __init__(self) -> None:
        super().__init__()
        self.report: QualityReport | None = None
        self.shown_rule: str | None = None
        self._filtered: tuple[object, object] | None = None  # the filters the rules show

    def compose(self) -> ComposeResult:
        # The report read while the screen's widgets mount and are styled (on mount, the loop
        # then waited for it with nothing else to do); its answer is handled once mounted.
        self.load_snapshot()
        yield Header()
        with Vertical(id="quality-body"):
            with Horizontal(id="quality-filters"):
                yield Label("severity", classes="inline-label")
                yield Select(
                    [(ALL, ALL), *((str(s), str(s)) for s in SEVERITIES)],
                    value=ALL,
                    allow_blank=False,
                    id="severity-filter",
                )
                yield Label("status", classes="inline-label")
                yield Select(
                    [(ALL, ALL), *((s, s) for s in STATUSES)],
                    value=ALL,
                    allow_blank=False,
                    id="status-filter",
                )
                yield Label("loading…", id="quality-summary")
            yield EmptyState(id="quality-empty")
            yield FrameTable("quality_rules", id="quality-rules")
            yield Label(
                "Select a rule and press enter to see its failing rows", id="quality-rows-title"
            )
            yield FrameTable("failing_rows", id="quality-rows")
        yield StatusLine()
        yield KeysFooter()

    # -- the rules ------------------------------------------------------------------------------
    def load_data(self) -> None:
        self.load_report()

    def load_report(self) -> None:
        quality, status = services(self).quality(), services(self).status()
        alerts = services(self).alerts()

        def report() -> ReportLoaded:
            started = time.perf_counter()
            loaded = quality.report()
            elapsed_ms = (time.perf_counter() - started) * 1000
            try:
                status.loaded_snapshot()
                missing = None
            except WarehouseNotPublished as error:  # the rules still show: they can be edited
                missing = error
            return ReportLoaded(loaded, elapsed_ms, missing, last_alert(alerts.history(1)))

        self.start_load("quality-report", report, "the quality rules")

    @on_loaded(ReportLoaded)
    def _report_loaded(self, message: ReportLoaded) -> None:
        missing = None if message.missing is None else empty_state_text(self, message.missing)
        self._show_report(message.report, message.elapsed_ms, missing, message.alert)

    def _show_report(
        self, report: QualityReport, elapsed_ms: float, missing: str | None, alert: str = ""
    ) -> None:
        self.report = report
        self.set_class(missing is not None, "-no-snapshot")
        if missing is not None:
            self.query_one("#quality-empty", EmptyState).update(missing)
        self._apply_filters()
        if self.shown_rule is None:
            self.query_one("#quality-rows", FrameTable).show(pl.DataFrame({"no rule chosen": []}))
        frame = report.frame()
        failing = frame.filter(pl.col("status").is_in(["fail", "error"])).height
        runs = ", ".join(f"#{run}" for run in report.run_ids)
        self.query_one("#quality-summary", Label).update(
            (
                f"{frame.height} rules, {failing} failing in run #{report.latest_run} · "
                f"trend over runs {runs} · {elapsed_ms:,.0f} ms"
                if report.run_ids
                else f"{frame.height} rules, not checked yet"
            )
            + (f" · {alert}" if alert else "")
        )
        # Settled, the tables' new rows and scrollbars were laid out twice more, each in a
        # frame of its own (>= 1/60 s each): now the rules, the empty rows' table and the
        # summary show in one layout and one frame. Not held (`hold_updates`): the hold
        # delayed this frame (~15 ms) and nothing came later to fold into it.
        answer_at_once(self.query_one("#quality-body"), hold=False)

    @on(Select.Changed)
    def _filter_changed(self) -> None:
        # Each Select says Changed once as it mounts, with the value the rules were shown for
        # already when the report came first: the same rules are not fitted again.
        if self.report is not None and self._filters() != self._filtered:
            self._apply_filters()

    def _filters(self) -> tuple[object, object]:
        return (
            self.query_one("#severity-filter", Select).value,
            self.query_one("#status-filter", Select).value,
        )

    def _apply_filters(self) -> None:
        assert self.report is not None
        frame = self.report.frame()
        self._filtered = severity, status = self._filters()
        if severity != ALL:
            frame = frame.filter(pl.col("severity") == severity)
        if status != ALL:
            frame = frame.filter(pl.col("status") == status)
        self.query_one("#quality-rules", FrameTable).show(
            frame.select(*LEAD_COLUMNS, pl.exclude(*LEAD_COLUMNS, *TAIL_COLUMNS), *TAIL_COLUMNS)
        )

    # -- failing rows ---------------------------------------------------------------------------
    @on(FrameTable.RowChosen, "#quality-rules")
    def _rule_chosen(self, event: FrameTable.RowChosen) -> None:
        self.show_failing_rows(str(event.row["rule"]))

    def show_failing_rows(self, rule_id: str) -> None:
        self.shown_rule = rule_id
        self.query_one("#quality-rows-title", Label).update(f"Failing rows of {rule_id}: loading…")
        self.load_failing_rows(rule_id)
        answer_at_once(self.query_one("#quality-body"))  # the title's new width, laid out once

    def load_failing_rows(self, rule_id: str) -> None:
        quality = services(self).quality()
        table = self.query_one("#quality-rows", FrameTable)
        room = table.room()

        def failing_rows() -> FailingRowsLoaded:
            started = time.perf_counter()
            try:
                rows = quality.failing_rows(rule_id)
            except WarehouseNotPublished as missing:
                return FailingRowsLoaded(rule_id, None, 0, missing)
            elapsed_ms = (time.perf_counter() - started) * 1000
            # Every cell formatted here, not on the loop (a fit that fails is redone by show).
            with suppress(Exception):
                table.fit_ahead(rows, room)
            return FailingRowsLoaded(rule_id, rows, elapsed_ms)

        self.start_load("quality-rows", failing_rows, f"the failing rows of {rule_id}")

    @on_loaded(FailingRowsLoaded)
    def _failing_rows_loaded(self, message: FailingRowsLoaded) -> None:
        if message.rows is None:
            assert message.missing is not None
            text = f"Failing rows of {message.rule_id}: {empty_state_text(self, message.missing)}"
            self.query_one("#quality-rows-title", Label).update(text)
        else:
            self._show_failing_rows(message.rule_id, message.rows, message.elapsed_ms)

    def load_stopped(self, kind: str, cancelled: bool) -> None:
        ended = "cancelled" if cancelled else "failed, see the error notification"
        if kind == "quality-rows":
            self.query_one("#quality-rows-title", Label).update(
                f"Failing rows of {self.shown_rule}: {ended}"
            )
        elif kind in ("quality-report", "quality-recheck"):
            what = "re-check" if kind == "quality-recheck" else "loading the rules"
            self.query_one("#quality-summary", Label).update(f"{what}: {ended}")

    def _show_failing_rows(self, rule_id: str, rows: pl.DataFrame, elapsed_ms: float) -> None:
        table = self.query_one("#quality-rows", FrameTable)
        table.show(rows, f"failing_rows_{rule_id.replace('.', '_')}")
        report = self.report.rule(rule_id) if self.report else None
        counted = report.failing_count if report else None
        total = f" of {counted:,} counted in the latest run" if counted else ""
        hint = " · enter opens the order" if "order_id" in rows.columns else ""
        self.query_one("#quality-rows-title", Label).update(
            f"Failing rows of {rule_id}: {rows.height:,} shown{total} ({elapsed_ms:,.0f} ms)"
            f"{hint} · escape back to the rules"
        )
        # At once, in the frame showing the rows: `focus()` waits for the next message, and
        # moving it after the next refresh restyled and repainted the screen in a frame of its own.
        self.set_focus(table.table)
        answer_at_once(self.query_one("#quality-body"))

    def query_behind(self, table: FrameTable) -> TableQuery:
        """The failing rows' statement; the rules come from the metadata store."""
        if table.id != "quality-rows":
            raise NoQueryBehind("the rules and their results are read from the metadata store")
        if self.shown_rule is None:
            raise NoQueryBehind("choose a rule first (enter on it)")
        return services(self).quality().failing_rows_query(self.shown_rule)

    @on(FrameTable.RowChosen, "#quality-rows")
    def _failing_row_chosen(self, event: FrameTable.RowChosen) -> None:
        for column, kind in ENTITY_COLUMNS:
            value: Any = event.row.get(column)
            if value is not None:
                app_of(self).explore(kind, str(value))
                return

    def action_focus_rules(self) -> None:
        self.query_one("#quality-rules", FrameTable).table.focus()

    def action_focus_filters(self) -> None:
        self.query_one("#severity-filter", Select).focus()

    # -- suggestions and past runs --------------------------------------------------------------
    def action_suggestions(self) -> None:
        self.app.push_screen(QualitySuggestionsScreen(), self._suggestions_closed)

    def _suggestions_closed(self, decided: int | None) -> None:
        if decided:
            self.load_report()

    def action_past_runs(self) -> None:
        row = self.query_one("#quality-rules", FrameTable).selected_row()
        found = self.report.rule(str(row["rule"])) if self.report and row else None
        if found is None or self.report is None:
            self.notify("Select a rule first.")
            return
        self.app.push_screen(QualityPastRunsScreen(found, self.report.run_ids))

    # -- editing and re-checking ----------------------------------------------------------------
    def action_edit_rule(self) -> None:
        row = self.query_one("#quality-rules", FrameTable).selected_row()
        found = self.report.rule(str(row["rule"])) if self.report and row else None
        if found is None:
            self.notify("Select a rule first.")
            return
        self.app.push_screen(RuleEditDialog(found.rule), self._edit_chosen)

    def action_monitor_settings(self) -> None:
        row = self.query_one("#quality-rules", FrameTable).selected_row()
        found = self.report.rule(str(row["rule"])) if self.report and row else None
        if found is None or found.rule.kind not in MONITOR_KINDS:
            self.notify("Select a monitor first (a rule of kind volume, profile, distribution).")
            return
        self.app.push_screen(MonitorSettingsDialog(found.rule), self._monitor_edit_chosen)

    def _monitor_edit_chosen(self, edit: MonitorEdit | None) -> None:
        if edit is None:
            return
        quality = services(self).quality()
        self.start_load(
            "quality-edit",
            lambda: RuleSaved(quality.edit_monitor(edit.rule_id, edit.settings)),
            f"the settings of {edit.rule_id}",
        )

    def _edit_chosen(self, edit: RuleEdit | None) -> None:
        if edit is not None:
            self.save_edit(edit)

    def save_edit(self, edit: RuleEdit) -> None:
        quality = services(self).quality()

        def save() -> RuleSaved:
            return RuleSaved(
                quality.edit_rule(
                    edit.rule_id,
                    severity=edit.severity,
                    threshold=edit.threshold,
                    enabled=edit.enabled,
                )
            )

        self.start_load("quality-edit", save, f"the edit of {edit.rule_id}")

    @on_loaded(RuleSaved)
    def _rule_saved(self, message: RuleSaved) -> None:
        rule = message.rule
        learned = monitor_settings(rule.params) if rule.kind in MONITOR_KINDS else None
        settings = (
            f"sensitivity {learned.sensitivity:g}, {learned.direction}, "
            f"min change {learned.min_change:g}, learns from {learned.training_runs} runs "
            f"(at least {learned.min_training_runs}), "
            if learned
            else ""
        )
        self.notify(
            f"{rule.rule_id}: {settings}{rule.severity}, threshold {rule.threshold:g}, "
            f"{'enabled' if rule.enabled else 'disabled'}. Press r to re-check with it.",
            title="Rule saved",
        )
        self.load_report()

    def action_recheck(self) -> None:
        self.query_one("#quality-summary", Label).update("re-checking the published warehouse…")
        self.recheck()

    def recheck(self) -> None:
        quality = services(self).quality()

        def recheck() -> Rechecked:
            started = time.perf_counter()
            try:
                outcome = quality.recheck()
            except WarehouseNotPublished as missing:
                return Rechecked(None, 0, missing)
            return Rechecked(outcome, time.perf_counter() - started)

        self.start_load("quality-recheck", recheck, "the re-check")

    @on_loaded(Rechecked)
    def _recheck_ended(self, message: Rechecked) -> None:
        if message.outcome is None:
            assert message.missing is not None
            self.notify(empty_state_text(self, message.missing), title="Nothing to re-check")
            self.load_report()
        else:
            self._rechecked(message.outcome, message.elapsed)

    def _rechecked(self, outcome: Recheck, elapsed: float) -> None:
        failing = [o for o in outcome.gate.outcomes if o.failed]
        critical = len(outcome.gate.blocking)
        self.notify(
            f"{len(outcome.gate.outcomes)} rules on run #{outcome.run_id} in {elapsed:.1f} s: "
            f"{len(failing)} failing ({critical} critical).",
            title="Re-checked",
            severity="warning" if critical else "information",
        )
        self.load_report()
        if self.shown_rule is not None:
            self.show_failing_rows(self.shown_rule)
        alerts_of(self.app).check()
