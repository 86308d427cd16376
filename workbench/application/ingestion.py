"""Ingestion: source → new warehouse file → quality gate → atomic publish, told as domain events.

The run's record is started before anything is read and written as the run goes (RunRecord), so
every failure (bad input, blocked gate, cancel) leaves a run with its reason, and the published
warehouse is touched only by a successful publish. The events tell progress to whoever listens.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from domain.cancellation import CancelToken, stopped_by, token_in_scope
from domain.entities.ingestion_run import BUILD_STEPS, PIPELINE_STEPS, PipelineStep, RunStatus
from domain.entities.quality import GateOutcome, RuleOutcome, RuleStatus
from domain.errors import (
    DataDirUnwritable,
    DiskFull,
    OutOfMemory,
    RunCancelled,
    SourceRejected,
)
from domain.events.base import DomainEvent
from domain.events.dispatcher import EventDispatcher
from domain.events.pipeline import (
    QualityRuleFailed,
    RunFailed,
    RunStarted,
    SnapshotPublished,
    StepCompleted,
    StepStarted,
)
from domain.repositories.metadata_store import MetadataStore, MetadataStoreLost
from domain.repositories.run_profiles import RunProfiles
from workbench.application.ports import (
    QualityGate,
    SnapshotPublisher,
    SourceOpener,
    WarehouseBuildFactory,
)
from workbench.application.run_record import RunRecord
from workbench.application.schema_drift import drift_since_published


@dataclass(frozen=True)
class IngestionOutcome:
    run_id: int
    status: RunStatus
    message: str = ""
    row_counts: dict[str, int] = field(default_factory=dict)
    as_of: datetime | None = None
    gate: GateOutcome | None = None
    seconds: float = 0.0
    warnings: tuple[str, ...] = ()

    @property
    def published(self) -> bool:
        return self.status is RunStatus.SUCCEEDED


class IngestionService:
    def __init__(
        self,
        store: MetadataStore,
        events: EventDispatcher,
        open_source: SourceOpener,
        new_build: WarehouseBuildFactory,
        snapshots: SnapshotPublisher,
        gate: QualityGate,
        profiles: RunProfiles,
        warehouse_id: str = "",
    ) -> None:
        self._profiles = profiles  # what each run measured: the monitors' history
        self._warehouse_id = warehouse_id  # recorded with each run and stamped into its file
        self._store = store
        self._events = events
        self._open_source = open_source
        self._new_build = new_build
        self._snapshots = snapshots
        self._gate = gate

    def ingest(
        self,
        source_path: Path,
        cancel: CancelToken | None = None,
        started_by: str = "",
    ) -> IngestionOutcome:
        """Run the whole pipeline once; bad input, a failed gate or a cancel end the run cleanly.

        Cancelling the token interrupts the running build query or quality checks at once;
        `started_by` is recorded with the run (who or what started it; "" when the caller
        does not say, shown as "-")."""
        cancel = cancel or token_in_scope()
        # One run at a time per data dir (raises IngestionBusy before anything is recorded):
        # builds of two processes must not clean up, or publish over, each other.
        with self._snapshots.exclusive():
            record = RunRecord.start(self._store, source_path, self._warehouse_id, started_by)
            run = _Run(record, self._events, self._snapshots.build_path(record.run_id))
            run.publish(
                RunStarted(aggregate_id=run.key, source=str(source_path), steps=PIPELINE_STEPS)
            )
            try:
                self._snapshots.clean_abandoned_builds({record.run_id})
                return self._pipeline(run, source_path, cancel)
            except BaseException as error:
                return self._ended_by(run, error, cancel)

    def _ended_by(self, run: _Run, error: BaseException, cancel: CancelToken) -> IngestionOutcome:
        """Record how `error` ended the run: cancelled, rejected input or out of memory, or
        failed (re-raised)."""
        if isinstance(error, MetadataStoreLost):  # nothing more can be recorded: stop at once
            run.record.abandon()
            message = f"{error}. {_stopped(run)}; the next start settles its record."
            self._fail(run, RunStatus.FAILED, message)
            raise MetadataStoreLost(message) from None
        who = stopped_by(error, cancel)
        if who is not None:
            where = f"during the {run.step} step" if run.step else "before it started"
            message = f"Cancelled by {who} {where}; nothing was published."
            outcome = self._fail(run, RunStatus.CANCELLED, message)
            if isinstance(error, Exception):
                return outcome
            raise error  # Ctrl-C that reached Python: recorded, and the program stops
        if isinstance(error, SourceRejected | DiskFull | OutOfMemory | DataDirUnwritable):
            return self._fail(run, RunStatus.FAILED, str(error))
        self._fail(run, RunStatus.FAILED, f"{type(error).__name__}: {error}")
        raise error

    def _pipeline(self, run: _Run, source_path: Path, cancel: CancelToken) -> IngestionOutcome:
        build = self._new_build(on_step=run.build_step_completed, cancel=cancel)
        with self._open_source(source_path) as source:
            run.start(PipelineStep.VALIDATE)
            # The fingerprint (SHA-256 of every byte) and the columns' sniff (DuckDB) both run
            # outside the interpreter's lock: side by side, on two cores. The fingerprint is
            # recorded whatever the sniff does, as when it came first.
            with ThreadPoolExecutor(max_workers=1) as pool:
                hashed = pool.submit(lambda: source.fingerprint)
                try:
                    columns = source.source_columns()
                finally:
                    fingerprint = hashed.result()
                    run.record.fingerprint(fingerprint)
            stamp = {
                "run_id": run.key,
                "source_path": str(source_path),
                "source_fingerprint": fingerprint,
                "warehouse_id": self._warehouse_id,
            }
            self._profiles.save_source_columns(run.run_id, columns)
            try:
                built = build.build(source, run.target, stamp)
            except SourceRejected as rejected:
                drift = drift_since_published(
                    self._store, self._profiles, run.run_id, columns, rejected
                )
                if not drift:
                    raise
                raise rejected.told_with(drift) from rejected
        counts = dict(built.row_counts)
        self._profiles.save_profile(run.run_id, built.profile)

        run.start(PipelineStep.QUALITY)
        gate = self._gate.evaluate(run.target, run.run_id, cancel)
        run.record.results(gate)
        failing = [o for o in gate.outcomes if o.failed]
        run.completed(PipelineStep.QUALITY, len(gate.outcomes), f"{len(failing)} failing rules")
        for outcome in failing:
            run.publish(
                QualityRuleFailed(
                    aggregate_id=run.key,
                    rule_id=outcome.rule_id,
                    severity=outcome.severity,
                    failing_count=outcome.failing_count,
                )
            )
        if cancel.cancelled:  # a check stopped by the cancel is no verdict on the data
            raise RunCancelled("The run was cancelled during the quality checks.")
        if not gate.passed:
            blocking = tuple(o.rule_id for o in gate.blocking)
            message = "Not published: critical quality rules failed: " + ", ".join(
                _blocked_by(o) for o in gate.blocking
            )
            self._fail(run, RunStatus.BLOCKED, message, blocking)
            return run.outcome(RunStatus.BLOCKED, message, gate, counts, built.as_of)

        if cancel.cancelled:
            raise RunCancelled("The run was cancelled before publishing.")
        run.start(PipelineStep.PUBLISH)
        # The publish protocol: mark the run publishing, swap the file in, record it published.
        # Killed in between, the next start settles the run by the stamp in the published file
        # (StartupRecovery); the mark must be written, or nothing is swapped in.
        run.record.publishing(self._snapshots.warehouse_path, built.as_of, counts)
        published = self._snapshots.publish(run.target, run.run_id, cancel)
        run.record.swapped()
        run.completed(PipelineStep.PUBLISH, 0, str(published))
        recorded = run.record.published(published, built.as_of, counts)
        run.publish(
            SnapshotPublished(
                aggregate_id=run.key,
                path=str(published),
                as_of=built.as_of,
                row_counts=counts,
            )
        )
        if not recorded:
            message = (
                f"its snapshot is published at {published}, but the metadata store did not "
                "record it; the next start of the workbench records it"
            )
            return run.outcome(RunStatus.PUBLISHING, message, gate, counts, built.as_of)
        return run.outcome(RunStatus.SUCCEEDED, "", gate, counts, built.as_of)

    def _fail(
        self, run: _Run, status: RunStatus, message: str, blocking: tuple[str, ...] = ()
    ) -> IngestionOutcome:
        self._snapshots.discard(run.target)
        run.record.finished(status, message, run.step, blocking)
        run.publish(
            RunFailed(
                aggregate_id=run.key,
                status=status,
                message=message,
                step=run.step,
                blocking_rules=blocking,
            )
        )
        return run.outcome(status, message)


def _stopped(run: _Run) -> str:
    where = f"in step {run.step}" if run.step else "before its first step"
    return f"Run #{run.run_id} stopped {where}"


class _Run:
    """One run in progress: its record, which step runs now and since when, and its events."""

    def __init__(self, record: RunRecord, events: EventDispatcher, target: Path) -> None:
        self.record = record
        self.run_id = record.run_id
        self.key = str(record.run_id)  # the aggregate id of the run's events
        self.target = target
        self.step: PipelineStep | None = None
        self.warnings: list[str] = []
        self._events = events
        self._began = self._step_began = time.perf_counter()

    def publish(self, event: DomainEvent) -> None:
        """Publish; a failing subscriber (e.g. segment snapshots) becomes a warning of the run."""
        for failure in self._events.publish(event):
            self.warnings.append(
                f"{failure.handler} failed on {event.name}: "
                f"{type(failure.error).__name__}: {failure.error}"
            )

    def start(self, step: PipelineStep) -> None:
        self.step = step
        self._step_began = time.perf_counter()
        self.publish(
            StepStarted(
                aggregate_id=self.key,
                step=step,
                index=PIPELINE_STEPS.index(step),
                total=len(PIPELINE_STEPS),
            )
        )

    def completed(self, step: PipelineStep, rows: int, detail: str = "") -> None:
        """Record and report `step` done; its duration is measured since start()."""
        duration_ms = (time.perf_counter() - self._step_began) * 1000
        self.record.step_done(step, rows, duration_ms, detail)
        self.publish(
            StepCompleted(
                aggregate_id=self.key,
                step=step,
                rows=rows,
                duration_ms=duration_ms,
                detail=detail,
            )
        )

    def build_step_completed(
        self, step: PipelineStep, rows: int, duration_ms: float, detail: str
    ) -> None:
        """The builder's callback: report its step, then announce the next build step. Its
        duration is the run's, since the step started: the builder's leaves out what the run
        did in the step before handing over (validation's fingerprint and sniff of the
        columns: the step read "0 ms" for a source it had read whole)."""
        del duration_ms  # the builder's own measure of the step
        self.completed(step, rows, detail)
        following = BUILD_STEPS.index(step) + 1
        if following < len(BUILD_STEPS):
            self.start(BUILD_STEPS[following])

    def outcome(
        self,
        status: RunStatus,
        message: str,
        gate: GateOutcome | None = None,
        counts: dict[str, int] | None = None,
        as_of: datetime | None = None,
    ) -> IngestionOutcome:
        seconds = time.perf_counter() - self._began
        warnings = (*self.record.warnings, *self.warnings)
        return IngestionOutcome(
            self.run_id, status, message, counts or {}, as_of, gate, seconds, warnings
        )


def _blocked_by(outcome: RuleOutcome) -> str:
    """A blocking rule's id, with the reason when the rule could not be checked at all."""
    if outcome.status is RuleStatus.ERROR:
        return f"{outcome.rule_id} (could not be checked: {outcome.message})"
    return outcome.rule_id
