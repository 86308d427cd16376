"""Quality: the stored rules with their results over recent runs, failing rows, edits, re-checks.

A re-check runs the enabled rules against the published warehouse without re-ingesting and
records the results for the published run, replacing that run's earlier results: the trend keeps
one point per ingestion run, and an edited severity or threshold shows up at once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from domain.cancellation import CancelToken
from domain.entities.ingestion_run import RunStatus
from domain.entities.monitor import MONITOR_KINDS, SETTING_NAMES
from domain.entities.quality import FailingSample, GateOutcome, RuleOutcome
from domain.entities.rule_definition import checked_severity, checked_threshold
from domain.errors import InvalidValue, WarehouseNotPublished
from domain.repositories.metadata_store import (
    MetadataStore,
    QualityResultRecord,
    QualityRuleRecord,
)
from workbench.application.ports import FailingRows, QualityGate
from workbench.application.quality_report import QualityReport, RuleFlip, RuleReport
from workbench.application.table_queries import TableQuery

if TYPE_CHECKING:  # polars loads when a frame is first built, not at start-up
    import polars as pl

HISTORY_RUNS = 8
FAILING_ROWS_LIMIT = 1_000


@dataclass(frozen=True)
class Recheck:
    run_id: int
    gate: GateOutcome


def result_records(run_id: int, gate: GateOutcome) -> list[QualityResultRecord]:
    """The gate's outcomes as the metadata store keeps them."""
    return [
        QualityResultRecord(
            run_id,
            o.rule_id,
            o.status,
            o.failing_count,
            o.severity,
            o.sample_keys,
            o.duration_ms,
            o.message,
            o.failing_sample,
        )
        for o in gate.outcomes
    ]


class QualityService:
    def __init__(
        self,
        store: MetadataStore,
        gate: QualityGate,
        failing_rows: FailingRows,
        warehouse_path: Path,
        warehouse_id: str = "",
    ) -> None:
        self._warehouse_id = warehouse_id  # results and the published run: this warehouse's
        self._store = store
        self._gate = gate
        self._failing_rows = failing_rows
        self._warehouse_path = warehouse_path

    def report(self, runs: int = HISTORY_RUNS) -> QualityReport:
        """Every stored rule with its results in the `runs` latest runs of this warehouse that
        were checked."""
        results = self._store.recent_results(runs, self._warehouse_id)
        run_ids = tuple(sorted({r.run_id for r in results}))
        by_key = {(r.run_id, r.rule_id): r for r in results}
        return QualityReport(
            run_ids,
            tuple(
                RuleReport(rule, tuple(by_key.get((run, rule.rule_id)) for run in run_ids))
                for rule in self._store.list_rules()
            ),
        )

    def stored_gate(self, run_id: int) -> GateOutcome:
        """The outcomes recorded for `run_id`, as its gate (or a later re-check) gave them."""
        descriptions = {rule.rule_id: rule.description for rule in self._store.list_rules()}
        return GateOutcome(
            tuple(
                RuleOutcome(
                    r.rule_id,
                    descriptions.get(r.rule_id, ""),
                    r.severity,
                    r.status,
                    r.failing_count,
                    r.sample_keys,
                    r.duration_ms,
                    r.message,
                )
                for r in self._store.results_for_run(run_id)
            )
        )

    def flips(self) -> tuple[RuleFlip, ...]:
        """Rules that passed in the previous checked run of this warehouse and fail in its
        latest."""
        return self.report(runs=2).flips

    def rule(self, rule_id: str) -> QualityRuleRecord:
        found = next((r for r in self._store.list_rules() if r.rule_id == rule_id), None)
        if found is None:
            raise InvalidValue(f"There is no quality rule {rule_id!r}.")
        return found

    def failing_rows(self, rule_id: str, limit: int = FAILING_ROWS_LIMIT) -> pl.DataFrame:
        """The rows behind a rule's failures in the published warehouse: keys and values."""
        return self._failing_rows(self.rule(rule_id), limit)

    def kept_failures(self, rule_id: str, run_id: int) -> FailingSample | None:
        """The failing rows of `rule_id` as run `run_id` kept them (capped by
        quality_sample_rows); None when that run kept none (it passed, or kept nothing)."""
        return self._store.failing_sample(run_id, rule_id)

    def failing_rows_query(self, rule_id: str, limit: int = FAILING_ROWS_LIMIT) -> TableQuery:
        """The statement behind failing_rows(rule_id, limit), for the SQL console."""
        sql, params = self._failing_rows.statement(self.rule(rule_id), limit)
        return TableQuery(f"failing rows of {rule_id}", sql, params)

    def edit_rule(
        self,
        rule_id: str,
        *,
        severity: str | None = None,
        threshold: float | None = None,
        enabled: bool | None = None,
    ) -> QualityRuleRecord:
        """Store a new severity, threshold or enabled flag; it applies from the next check."""
        self.rule(rule_id)
        level = None if severity is None else checked_severity(severity)
        limit = None if threshold is None else checked_threshold(threshold)
        self._store.update_rule(rule_id, severity=level, threshold=limit, enabled=enabled)
        return self.rule(rule_id)

    def edit_monitor(self, rule_id: str, settings: Mapping[str, object]) -> QualityRuleRecord:
        """Store a monitor's settings (sensitivity, direction, min_change, training_runs,
        min_training_runs) in its parameters; the store refuses what it could not judge by."""
        rule = self.rule(rule_id)
        if rule.kind not in MONITOR_KINDS:
            raise InvalidValue(f"{rule_id} is no monitor: it has no learned settings.")
        unknown = sorted(set(settings) - set(SETTING_NAMES))
        if unknown:
            raise InvalidValue(f"Unknown monitor setting(s): {', '.join(unknown)}.")
        self._store.save_rule(replace(rule, params={**rule.params, **settings}))
        return self.rule(rule_id)

    def monitor_ids(self) -> frozenset[str]:
        """The stored rules that are monitors (judged against the run history)."""
        return frozenset(r.rule_id for r in self._store.list_rules() if r.kind in MONITOR_KINDS)

    def recheck(self, cancel: CancelToken | None = None) -> Recheck:
        """Run the enabled rules on the published warehouse; record them for the published run.

        Cancelling stops every check (RunCancelled) and records nothing."""
        published = self._store.latest_run(RunStatus.SUCCEEDED, self._warehouse_id)
        if published is None or not self._warehouse_path.exists():
            raise WarehouseNotPublished(
                "Nothing to check: no warehouse has been published yet. Ingest a dataset first."
            )
        gate = self._gate.evaluate(self._warehouse_path, published.run_id, cancel)
        self._store.save_results(result_records(published.run_id, gate))
        return Recheck(published.run_id, gate)
