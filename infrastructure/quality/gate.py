"""The quality gate run before publishing: every enabled rule of the metadata store, in DuckDB."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from domain.cancellation import CancelToken, token_in_scope
from domain.entities.monitor import MONITOR_KINDS
from domain.entities.quality import GateOutcome, RuleOutcome
from domain.repositories.metadata_store import MetadataStore, QualityRuleRecord
from domain.repositories.run_profiles import RunProfiles
from infrastructure.duckdb_connection import DEFAULT_RESOURCES, DuckDbResources
from infrastructure.faults import pause_at
from infrastructure.quality.connection import checking_connection
from infrastructure.quality.context import CheckContext, context_for_run
from infrastructure.quality.monitors import MonitorChecks
from infrastructure.quality.runner import SAMPLE_ROWS, run_rules


class StoredRulesGate:
    """Reads the rules at each evaluation, so edits made by anyone on the store apply next run."""

    def __init__(
        self,
        store: MetadataStore,
        profiles: RunProfiles,
        workers: int | None = None,  # checks at once; None: as split_threads decides
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
        outcomes = self.check(warehouse, checked, context_for_run(self._store, run_id), cancel)
        # Monitors judge the run's stored profile against the history: no warehouse query.
        judged = {o.rule_id: o for o in outcomes}
        for rule in rules:
            if rule.kind in MONITOR_KINDS:
                cancel.raise_if_cancelled()
                judged[rule.rule_id] = self._monitors.outcome(rule, run_id)
        return GateOutcome(tuple(judged[rule.rule_id] for rule in rules))

    def check(
        self,
        warehouse: Path,
        rules: Sequence[QualityRuleRecord],
        context: CheckContext,
        cancel: CancelToken | None = None,
    ) -> tuple[RuleOutcome, ...]:
        """Each rule's outcome on `warehouse`, checked in SQL, the configured DuckDB threads
        shared among the checks as `split_threads` says."""
        resources = self._resources.for_input(warehouse.stat().st_size)
        split = split_threads(resources.threads, self._workers)
        with checking_connection(warehouse, replace(resources, threads=split.threads)) as con:
            return run_rules(
                con,
                rules,
                context,
                workers=split.checks,
                time_limit_s=self._time_limit_s,
                sample_rows=self._sample_rows,
                cancel=cancel,
            )


# Checks at once, at most: as on main before stop 32, so as many hash tables share the memory
# limit, and the biggest rule (started first) keeps most of the threads on a big machine.
CHECKS_AT_ONCE = 2


@dataclass(frozen=True)
class ThreadSplit:
    checks: int  # checks at once
    threads: int  # the DuckDB threads of the checking connection, shared by its running checks


def split_threads(threads: int, checks: int | None = None) -> ThreadSplit:
    """`threads` DuckDB threads shared by `checks` checks at once (by default as many as the
    threads, CHECKS_AT_ONCE at most). DuckDB's `threads` counts the thread that asks for a
    query, and each check asks from a thread of its own: the connection gets the rest, so
    `threads` threads work in all. On 2 threads each check runs on its own thread alone (a
    grouping costs less CPU on one thread than on two, stop 32); on 8 or 32 the checks share
    6 or 30 more, and the last check running has 7 or 31."""
    at_once = checks or min(CHECKS_AT_ONCE, threads)
    return ThreadSplit(at_once, max(1, threads - at_once + 1))
