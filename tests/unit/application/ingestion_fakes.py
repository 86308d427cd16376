"""In-memory fakes of the ports the ingestion service uses: store, source, build, snapshots, gate.

The store keeps a log of every write, so a test can assert what a run recorded, in which order,
and that nothing was recorded twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from domain.cancellation import CancelToken
from domain.entities.ingestion_run import (
    BUILD_STEPS,
    IngestionRun,
    PipelineStep,
    RunStatus,
    RunStep,
    StepCallback,
)
from domain.entities.quality import GateOutcome
from domain.errors import RunCancelled
from domain.repositories.metadata_store import (
    ExportRecord,
    MetadataStore,
    QualityResultRecord,
    QualityRuleRecord,
    SegmentSize,
)

STARTED = datetime(2018, 10, 17, 9, 0)


class StoreDown(Exception):
    """What a store write raises when a test makes it fail."""


class InMemoryStore(MetadataStore):
    """The run side of the metadata store, in memory, with a log of every write."""

    backend = "memory"

    def __init__(self, failing: Sequence[str] = ()) -> None:
        self.writes: list[tuple[Any, ...]] = []
        self.failing = set(failing)  # names of the writes that raise StoreDown
        self._runs: dict[int, IngestionRun] = {}
        self._steps: dict[int, dict[int, RunStep]] = {}
        self._results: dict[int, list[QualityResultRecord]] = {}

    def _write(self, name: str, *args: Any) -> None:
        if name in self.failing:
            raise StoreDown(f"{name} refused")
        self.writes.append((name, *args))

    def schema_version(self) -> int:
        return 1

    def start_run(self, source_path: str, fingerprint: str, host: str, pid: int) -> int:
        self._write("start_run", source_path)
        run_id = len(self._runs) + 1
        self._runs[run_id] = IngestionRun(
            run_id, RunStatus.RUNNING, source_path, STARTED, host, pid, fingerprint
        )
        self._steps[run_id] = {}
        return run_id

    def record_fingerprint(self, run_id: int, fingerprint: str) -> None:
        self._write("record_fingerprint", run_id, fingerprint)
        self._runs[run_id] = replace(self._runs[run_id], source_fingerprint=fingerprint)

    def record_step(self, run_id: int, step: RunStep) -> None:
        self._write("record_step", run_id, step.seq, step.name, step.status)
        self._steps[run_id][step.seq] = step

    def finish_run(
        self,
        run_id: int,
        status: RunStatus,
        *,
        error: str = "",
        warehouse_path: str = "",
        as_of: datetime | None = None,
        row_counts: Mapping[str, int] | None = None,
        blocking_rules: Sequence[str] = (),
    ) -> None:
        self._write("finish_run", run_id, status)
        self._runs[run_id] = replace(
            self._runs[run_id],
            status=status,
            finished_at=STARTED,
            error=error,
            warehouse_path=warehouse_path,
            as_of=as_of,
            row_counts=dict(row_counts or {}),
            blocking_rules=tuple(blocking_rules),
        )

    def get_run(self, run_id: int) -> IngestionRun | None:
        return self._runs.get(run_id)

    def list_runs(self, limit: int = 50) -> list[IngestionRun]:
        return sorted(self._runs.values(), key=lambda r: -r.run_id)[:limit]

    def latest_run(self, status: RunStatus | None = None) -> IngestionRun | None:
        runs = [r for r in self.list_runs() if status is None or r.status is status]
        return runs[0] if runs else None

    def previous_run(self, run_id: int, status: RunStatus) -> IngestionRun | None:
        runs = [r for r in self.list_runs() if r.run_id < run_id and r.status is status]
        return runs[0] if runs else None

    def run_steps(self, run_id: int) -> list[RunStep]:
        return [step for _, step in sorted(self._steps.get(run_id, {}).items())]

    def mark_interrupted(self, run_ids: Sequence[int], reason: str) -> int:
        raise NotImplementedError("not used by the ingestion service")

    def list_rules(self) -> list[QualityRuleRecord]:
        raise NotImplementedError("not used by the ingestion service")

    def save_rule(self, rule: QualityRuleRecord) -> None:
        raise NotImplementedError("not used by the ingestion service")

    def update_rule(self, rule_id: str, **changes: Any) -> None:
        raise NotImplementedError("not used by the ingestion service")

    def save_results(self, results: Sequence[QualityResultRecord]) -> None:
        run_ids = {r.run_id for r in results}
        self._write("save_results", *sorted(run_ids))
        for run_id in run_ids:
            self._results[run_id] = [r for r in results if r.run_id == run_id]

    def results_for_run(self, run_id: int) -> list[QualityResultRecord]:
        return list(self._results.get(run_id, []))

    def recent_results(self, runs: int) -> list[QualityResultRecord]:
        raise NotImplementedError("not used by the ingestion service")

    def save_segment_snapshot(
        self, run_id: int, sizes: Sequence[SegmentSize], assignments: Sequence[tuple[str, str]]
    ) -> None:
        raise NotImplementedError("not used by the ingestion service")

    def segment_sizes(self, run_id: int) -> list[SegmentSize]:
        raise NotImplementedError("not used by the ingestion service")

    def segment_assignments(self, run_id: int) -> dict[str, str]:
        raise NotImplementedError("not used by the ingestion service")

    def segment_snapshot_runs(self, limit: int = 50) -> list[int]:
        raise NotImplementedError("not used by the ingestion service")

    def prune_segment_assignments(self, keep: int) -> int:
        raise NotImplementedError("not used by the ingestion service")

    def record_export(self, run_id: int | None, view: str, fmt: str, path: str, rows: int) -> int:
        raise NotImplementedError("not used by the ingestion service")

    def list_exports(self, limit: int = 50) -> list[ExportRecord]:
        raise NotImplementedError("not used by the ingestion service")

    def close(self) -> None:
        pass


@dataclass(frozen=True)
class FakeSource:
    fingerprint: str = "f" * 64


class FakeSources:
    """Opens any path as a source; `refuse` makes opening raise (a bad zip, say)."""

    def __init__(self, refuse: Exception | None = None) -> None:
        self.refuse = refuse

    def __call__(self, path: Path) -> AbstractContextManager[FakeSource]:
        if self.refuse is not None:
            raise self.refuse
        return nullcontext(FakeSource())


@dataclass(frozen=True)
class FakeBuilt:
    row_counts: Mapping[str, int]
    as_of: datetime | None


STEP_ROWS = {
    PipelineStep.VALIDATE: 0,
    PipelineStep.STAGE: 1_500,
    PipelineStep.CORE: 900,
    PipelineStep.MARTS: 120,
}
AS_OF = datetime(2018, 9, 3, 9, 6, 57)


@dataclass
class FakeBuilds:
    """Builds that report the builder's steps; one can fail or be cancelled at a given step."""

    fail_at: PipelineStep | None = None
    error: BaseException = field(default_factory=lambda: RuntimeError("boom"))
    cancel_at: PipelineStep | None = None  # the user cancels as this step finishes
    made: int = 0

    def __call__(self, *, on_step: StepCallback | None, cancel: CancelToken | None) -> FakeBuild:
        self.made += 1
        return FakeBuild(self, on_step, cancel or CancelToken())


@dataclass
class FakeBuild:
    plan: FakeBuilds
    on_step: StepCallback | None
    cancel: CancelToken

    def build(
        self, source: object, target: Path, stamp: Mapping[str, str] | None = None
    ) -> FakeBuilt:
        for step in BUILD_STEPS:
            if self.cancel.cancelled:
                raise RunCancelled("The build was cancelled.")
            if step is self.plan.fail_at:
                raise self.plan.error
            if self.on_step is not None:
                self.on_step(step, STEP_ROWS[step], 10.0)
            if step is self.plan.cancel_at:
                self.cancel.cancel()
        return FakeBuilt({"fct_orders": 900, "stg_orders": 1_000}, AS_OF)


class FakeSnapshots:
    """Publishes by name only; remembers what was published and discarded."""

    def __init__(self) -> None:
        self.published: list[Path] = []
        self.discarded: list[Path] = []

    def build_path(self, run_id: int) -> Path:
        return Path(f"/data/.building/run-{run_id}.duckdb")

    def publish(self, build_path: Path, run_id: int) -> Path:
        self.published.append(Path(f"/data/snapshots/run-{run_id}.duckdb"))
        return self.published[-1]

    def discard(self, build_path: Path) -> None:
        self.discarded.append(build_path)

    def clean_abandoned_builds(self, active_run_ids: set[int]) -> int:
        return 0

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        yield


class FakeGate:
    """Answers with a fixed outcome; `during` runs while checking (e.g. a user's cancel)."""

    def __init__(
        self, outcome: GateOutcome, during: Callable[[CancelToken], None] | None = None
    ) -> None:
        self.outcome = outcome
        self.during = during

    def evaluate(
        self, warehouse: Path, run_id: int, cancel: CancelToken | None = None
    ) -> GateOutcome:
        if self.during is not None and cancel is not None:
            self.during(cancel)
        return self.outcome
