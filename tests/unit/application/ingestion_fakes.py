"""In-memory fakes of the ports the ingestion service uses: store, source, build, snapshots, gate.

The store keeps a log of every write, so a test can assert what a run recorded, in which order,
and that nothing was recorded twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from domain.cancellation import CancelToken
from domain.entities.ingestion_run import (
    BUILD_STEPS,
    PipelineStep,
    StepCallback,
)
from domain.entities.monitor import SourceColumn
from domain.entities.quality import GateOutcome
from domain.errors import IngestionBusy, RunCancelled
from domain.repositories.run_profiles import RunProfiles

STARTED = datetime(2018, 10, 17, 9, 0)


@dataclass(frozen=True)
class FakeSource:
    fingerprint: str = "f" * 64

    def source_columns(self) -> tuple[SourceColumn, ...]:
        return (SourceColumn("olist_orders_dataset.csv", 1, "order_id", "VARCHAR"),)


class FakeRunProfiles(RunProfiles):
    """Profiles and source columns kept in dicts, as the store keeps them per run."""

    def __init__(self) -> None:
        self.profiles: dict[int, dict[str, float]] = {}
        self.columns: dict[int, tuple[SourceColumn, ...]] = {}

    def save_profile(self, run_id: int, metrics: Mapping[str, float]) -> None:
        self.profiles[run_id] = dict(metrics)

    def save_source_columns(self, run_id: int, columns: Sequence[SourceColumn]) -> None:
        self.columns[run_id] = tuple(columns)

    def profile(self, run_id: int) -> dict[str, float]:
        return self.profiles.get(run_id, {})

    def published_history(self, run_id: int, runs: int) -> list[dict[str, float]]:
        return [self.profiles[r] for r in sorted(self.profiles, reverse=True) if r < run_id][:runs]

    def source_columns(self, run_id: int) -> tuple[SourceColumn, ...]:
        return self.columns.get(run_id, ())


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
    profile: Mapping[str, float] = field(default_factory=dict)


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
    cancelled_by: str = ""  # who cancels just before `error` is raised (a query interrupted)
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
                if self.plan.cancelled_by:
                    self.cancel.cancel(by=self.plan.cancelled_by)
                raise self.plan.error
            if self.on_step is not None:
                self.on_step(step, STEP_ROWS[step], 10.0, "")
            if step is self.plan.cancel_at:
                self.cancel.cancel()
        return FakeBuilt({"fct_orders": 900, "stg_orders": 1_000}, AS_OF)


class FakeSnapshots:
    """Publishes by name only; remembers what was published and discarded."""

    warehouse_path = Path("/data/warehouse.duckdb")

    def __init__(self) -> None:
        self.published: list[Path] = []
        self.discarded: list[Path] = []
        self.forgotten: list[int] = []
        self.stamp: dict[str, str] = {}
        self.busy = False  # another process's run holds the data dir's ingestion lock

    def build_path(self, run_id: int) -> Path:
        return Path(f"/data/.building/run-{run_id}.duckdb")

    def publish(self, build_path: Path, run_id: int, cancel: CancelToken | None = None) -> Path:
        self.published.append(Path(f"/data/snapshots/run-{run_id}.duckdb"))
        return self.published[-1]

    def published_stamp(self) -> dict[str, str]:
        return self.stamp

    def forget(self, run_id: int) -> None:
        self.forgotten.append(run_id)

    def discard(self, build_path: Path) -> None:
        self.discarded.append(build_path)

    def clean_abandoned_builds(self, active_run_ids: set[int]) -> int:
        return 0

    @contextmanager
    def exclusive(self) -> Iterator[None]:
        if self.busy:
            raise IngestionBusy("Another ingestion is running.")
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
