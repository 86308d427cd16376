"""The quality gate run before publishing: every enabled rule of the metadata store, in DuckDB."""

from __future__ import annotations

from pathlib import Path

from domain.cancellation import CancelToken, token_in_scope
from domain.entities.monitor import MONITOR_KINDS
from domain.entities.quality import GateOutcome
from domain.repositories.metadata_store import MetadataStore
from domain.repositories.run_profiles import RunProfiles
from infrastructure.duckdb_connection import DEFAULT_RESOURCES, DuckDbResources
from infrastructure.faults import pause_at
from infrastructure.quality.connection import checking_connection
from infrastructure.quality.context import context_for_run
from infrastructure.quality.monitors import MonitorChecks
from infrastructure.quality.runner import SAMPLE_ROWS, run_rules


class StoredRulesGate:
    """Reads the rules at each evaluation, so edits made by anyone on the store apply next run."""

    def __init__(
        self,
        store: MetadataStore,
        profiles: RunProfiles,
        workers: int = 2,
        time_limit_s: float | None = None,
        resources: DuckDbResources = DEFAULT_RESOURCES,
        sample_rows: int = SAMPLE_ROWS,
    ) -> None:
        self._store = store
        self._monitors = MonitorChecks(store, profiles)
        self._sample_rows = sample_rows
        self._resources = resources
        self._workers = workers
        self._time_limit_s = time_limit_s

    def evaluate(
        self, warehouse: Path, run_id: int, cancel: CancelToken | None = None
    ) -> GateOutcome:
        """Every enabled rule's outcome; a rule over the time limit is stopped (status error),
        and cancelling `cancel` stops them all (RunCancelled)."""
        cancel = cancel or token_in_scope()
        pause_at("quality", cancel)
        rules = [rule for rule in self._store.list_rules() if rule.enabled]
        checked = [rule for rule in rules if rule.kind not in MONITOR_KINDS]
        context = context_for_run(self._store, run_id)
        resources = self._resources.for_input(warehouse.stat().st_size)
        with checking_connection(warehouse, resources) as con:
            outcomes = run_rules(
                con,
                checked,
                context,
                workers=self._workers,
                time_limit_s=self._time_limit_s,
                sample_rows=self._sample_rows,
                cancel=cancel,
            )
        # Monitors judge the run's stored profile against the history: no warehouse query.
        judged = {o.rule_id: o for o in outcomes}
        for rule in rules:
            if rule.kind in MONITOR_KINDS:
                cancel.raise_if_cancelled()
                judged[rule.rule_id] = self._monitors.outcome(rule, run_id)
        return GateOutcome(tuple(judged[rule.rule_id] for rule in rules))
