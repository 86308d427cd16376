"""The ingestion service's record of a run, against in-memory fakes of its ports.

Every run leaves one record: started, fingerprinted, each step once and in order, the quality
results, and one end (published, blocked, failed or cancelled) with its reason.
"""

from __future__ import annotations

import time
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

import pytest
from fakes import FakeMetadataStore, StoreDown
from ingestion_fakes import (
    AS_OF,
    FakeBuilds,
    FakeGate,
    FakeRunProfiles,
    FakeSnapshots,
    FakeSources,
)

from domain.entities.ingestion_run import (
    PIPELINE_STEPS,
    PipelineStep,
    RunStatus,
    StepStatus,
)
from domain.entities.monitor import SourceColumn
from domain.entities.quality import GateOutcome, RuleOutcome, RuleStatus, Severity
from domain.errors import SourceRejected
from domain.events.dispatcher import EventDispatcher
from domain.events.pipeline import RunFailed, SnapshotPublished, StepCompleted, StepStarted
from domain.repositories.metadata_store import MetadataStoreLost
from workbench.application.ingestion import IngestionOutcome, IngestionService

SOURCE = Path("/in/olist")
FINGERPRINT = "f" * 64
CHECKED = GateOutcome(
    (
        RuleOutcome(
            "orders.key.unique", "order ids are unique", Severity.CRITICAL, RuleStatus.PASS
        ),
        RuleOutcome(
            "reviews.score.range", "scores 1-5", Severity.WARNING, RuleStatus.FAIL, 4, ("r1",)
        ),
    )
)
BLOCKING = GateOutcome(
    (
        *CHECKED.outcomes,
        RuleOutcome(
            "invariant.no_items", "orders have items", Severity.CRITICAL, RuleStatus.FAIL, 3
        ),
    )
)
VALIDATE, STAGE, CORE, MARTS, QUALITY, PUBLISH = PIPELINE_STEPS


@dataclass
class Bench:
    service: IngestionService
    store: FakeMetadataStore
    events: EventDispatcher
    builds: FakeBuilds
    snapshots: FakeSnapshots

    def ingest(self) -> IngestionOutcome:
        return self.service.ingest(SOURCE)

    def steps(self, run_id: int = 1) -> list[tuple[int, PipelineStep, StepStatus]]:
        return [(s.seq, s.name, s.status) for s in self.store.run_steps(run_id)]


def bench(
    store: FakeMetadataStore | None = None,
    sources: FakeSources | None = None,
    builds: FakeBuilds | None = None,
    gate: FakeGate | None = None,
) -> Bench:
    store = store or FakeMetadataStore()
    events = EventDispatcher()  # nobody listens: the record must not depend on events
    builds = builds or FakeBuilds()
    snapshots = FakeSnapshots()
    service = IngestionService(
        store,
        events,
        sources or FakeSources(),
        builds,
        snapshots,
        gate or FakeGate(CHECKED),
        FakeRunProfiles(),
    )
    return Bench(service, store, events, builds, snapshots)


def step_writes(
    *steps: tuple[PipelineStep, StepStatus], run_id: int = 1
) -> list[tuple[object, ...]]:
    return [
        ("record_step", run_id, seq, step, status) for seq, (step, status) in enumerate(steps, 1)
    ]


def ok(*steps: PipelineStep) -> list[tuple[PipelineStep, StepStatus]]:
    return [(step, StepStatus.OK) for step in steps]


def assert_nothing_recorded_twice(store: FakeMetadataStore) -> None:
    counts = Counter(write[0] for write in store.writes)
    assert counts["start_run"] == counts["finish_run"] == 1
    assert counts["record_fingerprint"] <= 1 and counts["save_results"] <= 1
    seqs = [write[2] for write in store.writes if write[0] == "record_step"]
    assert seqs == list(range(1, len(seqs) + 1))


def test_a_published_run_records_start_fingerprint_steps_results_and_its_snapshot() -> None:
    run = bench()
    started: list[str] = []
    run.events.subscribe(StepStarted, lambda e: started.append(e.step))

    outcome = run.ingest()

    assert (outcome.status, outcome.message, outcome.warnings) == (RunStatus.SUCCEEDED, "", ())
    assert run.store.writes == [
        ("start_run", str(SOURCE)),
        ("record_fingerprint", 1, FINGERPRINT),
        *step_writes(*ok(VALIDATE, STAGE, CORE, MARTS))[:4],
        ("save_results", 1),
        *step_writes(*ok(*PIPELINE_STEPS))[4:5],
        ("mark_publishing", 1),
        *step_writes(*ok(*PIPELINE_STEPS))[5:],
        ("finish_run", 1, RunStatus.SUCCEEDED),
    ]
    assert started == list(PIPELINE_STEPS)
    recorded = run.store.get_run(1)
    assert recorded is not None
    assert (recorded.status, recorded.source_fingerprint, recorded.error) == (
        RunStatus.SUCCEEDED,
        FINGERPRINT,
        "",
    )
    assert (recorded.warehouse_path, recorded.as_of) == ("/data/snapshots/run-1.duckdb", AS_OF)
    assert dict(recorded.row_counts) == {"fct_orders": 900, "stg_orders": 1_000}
    steps = run.store.run_steps(1)
    assert [(s.name, s.rows) for s in steps[:4]] == [
        (VALIDATE, 0),
        (STAGE, 1_500),
        (CORE, 900),
        (MARTS, 120),
    ]
    assert (steps[4].rows, steps[4].detail) == (2, "1 failing rules")
    assert steps[5].detail == "/data/snapshots/run-1.duckdb"
    assert [(r.rule_id, r.status, r.severity) for r in run.store.results_for_run(1)] == [
        ("orders.key.unique", RuleStatus.PASS, Severity.CRITICAL),
        ("reviews.score.range", RuleStatus.FAIL, Severity.WARNING),
    ]
    assert run.snapshots.published == [Path("/data/snapshots/run-1.duckdb")]
    assert_nothing_recorded_twice(run.store)


def test_the_events_still_tell_the_run_as_its_id_in_text() -> None:
    run = bench()
    seen: list[tuple[str, str]] = []
    run.events.subscribe(StepCompleted, lambda e: seen.append((e.aggregate_id, e.step)))
    run.events.subscribe(SnapshotPublished, lambda e: seen.append((e.aggregate_id, e.path)))
    run.ingest()
    assert seen == [
        *(("1", step) for step in PIPELINE_STEPS),
        ("1", "/data/snapshots/run-1.duckdb"),
    ]


def test_a_blocked_run_records_its_verdict_and_the_rules_that_blocked_it() -> None:
    run = bench(gate=FakeGate(BLOCKING))
    ended: list[RunFailed] = []
    run.events.subscribe(RunFailed, ended.append)

    outcome = run.ingest()

    message = "Not published: critical quality rules failed: invariant.no_items"
    assert (outcome.status, outcome.message) == (RunStatus.BLOCKED, message)
    assert run.store.writes[-4:] == [
        ("save_results", 1),
        ("record_step", 1, 5, QUALITY, StepStatus.OK),
        ("record_step", 1, 6, QUALITY, StepStatus.BLOCKED),
        ("finish_run", 1, RunStatus.BLOCKED),
    ]
    recorded = run.store.get_run(1)
    assert recorded is not None
    assert (recorded.status, recorded.error, recorded.blocking_rules) == (
        RunStatus.BLOCKED,
        message,
        ("invariant.no_items",),
    )
    assert run.store.run_steps(1)[-1].detail == message
    assert [(e.status, e.step, e.blocking_rules) for e in ended] == [
        (RunStatus.BLOCKED, QUALITY, ("invariant.no_items",))
    ]
    assert run.snapshots.published == [] and run.snapshots.discarded == [
        Path("/data/.building/run-1.duckdb")
    ]
    assert_nothing_recorded_twice(run.store)


def test_a_rejected_source_fails_the_run_in_the_step_that_read_it() -> None:
    rejected = SourceRejected(
        "olist_orders_dataset.csv line 3, column order_purchase_timestamp: 'yesterday'\n"
        "fix the file and ingest again"
    )
    run = bench(builds=FakeBuilds(fail_at=STAGE, error=rejected))

    outcome = run.ingest()

    assert (outcome.status, outcome.message) == (RunStatus.FAILED, str(rejected))
    assert run.store.writes == [
        ("start_run", str(SOURCE)),
        ("record_fingerprint", 1, FINGERPRINT),
        *step_writes((VALIDATE, StepStatus.OK), (STAGE, StepStatus.FAILED)),
        ("finish_run", 1, RunStatus.FAILED),
    ]
    recorded = run.store.get_run(1)
    assert recorded is not None and recorded.error == str(rejected)
    assert run.store.run_steps(1)[-1].detail == str(rejected).splitlines()[0]
    assert run.snapshots.published == []
    assert_nothing_recorded_twice(run.store)


def test_a_source_refused_before_reading_fails_the_run_without_a_step() -> None:
    run = bench(sources=FakeSources(refuse=SourceRejected("/in/olist: not a zip file")))

    outcome = run.ingest()

    assert (outcome.status, outcome.message) == (RunStatus.FAILED, "/in/olist: not a zip file")
    assert run.store.writes == [("start_run", str(SOURCE)), ("finish_run", 1, RunStatus.FAILED)]
    assert_nothing_recorded_twice(run.store)


def test_a_cancel_during_the_build_records_the_step_it_cut_short() -> None:
    run = bench(builds=FakeBuilds(cancel_at=STAGE))

    outcome = run.ingest()

    assert (outcome.status, outcome.message) == (
        RunStatus.CANCELLED,
        "Cancelled by its user during the core step; nothing was published.",
    )
    assert run.steps() == [
        (1, VALIDATE, StepStatus.OK),
        (2, STAGE, StepStatus.OK),
        (3, CORE, StepStatus.CANCELLED),
    ]
    assert run.store.writes[-1] == ("finish_run", 1, RunStatus.CANCELLED)
    assert not any(write[0] == "save_results" for write in run.store.writes)
    assert_nothing_recorded_twice(run.store)


def test_a_cancel_during_the_quality_checks_keeps_their_results_but_publishes_nothing() -> None:
    run = bench(gate=FakeGate(CHECKED, during=lambda cancel: cancel.cancel()))

    outcome = run.ingest()

    assert (outcome.status, outcome.message) == (
        RunStatus.CANCELLED,
        "Cancelled by its user during the quality step; nothing was published.",
    )
    assert run.store.writes[-4:] == [
        ("save_results", 1),
        ("record_step", 1, 5, QUALITY, StepStatus.OK),
        ("record_step", 1, 6, QUALITY, StepStatus.CANCELLED),
        ("finish_run", 1, RunStatus.CANCELLED),
    ]
    assert run.snapshots.published == []
    assert_nothing_recorded_twice(run.store)


def test_an_unexpected_error_is_recorded_as_a_failure_and_raised() -> None:
    run = bench(builds=FakeBuilds(fail_at=CORE, error=RuntimeError("disk on fire")))

    with pytest.raises(RuntimeError, match="disk on fire"):
        run.ingest()

    recorded = run.store.get_run(1)
    assert recorded is not None
    assert (recorded.status, recorded.error) == (RunStatus.FAILED, "RuntimeError: disk on fire")
    assert run.steps() == [
        (1, VALIDATE, StepStatus.OK),
        (2, STAGE, StepStatus.OK),
        (3, CORE, StepStatus.FAILED),
    ]
    assert run.snapshots.discarded == [Path("/data/.building/run-1.duckdb")]
    assert_nothing_recorded_twice(run.store)


def test_ctrl_c_is_recorded_as_a_cancel_and_raised() -> None:
    run = bench(builds=FakeBuilds(fail_at=MARTS, error=KeyboardInterrupt()))

    with pytest.raises(KeyboardInterrupt):
        run.ingest()

    recorded = run.store.get_run(1)
    assert recorded is not None and recorded.status is RunStatus.CANCELLED
    assert run.steps()[-1] == (4, MARTS, StepStatus.CANCELLED)
    assert_nothing_recorded_twice(run.store)


def test_a_query_error_raised_under_a_cancel_is_the_cancel_not_a_failure() -> None:
    # DuckDB reports a query stopped by a signal as its own RuntimeError("Query interrupted").
    interrupted = RuntimeError("Query interrupted")
    run = bench(builds=FakeBuilds(fail_at=CORE, error=interrupted, cancelled_by="SIGTERM"))

    outcome = run.ingest()

    assert (outcome.status, outcome.message) == (
        RunStatus.CANCELLED,
        "Cancelled by SIGTERM during the core step; nothing was published.",
    )
    assert run.steps()[-1] == (3, CORE, StepStatus.CANCELLED)
    assert run.snapshots.discarded and run.snapshots.published == []


def test_a_ctrl_c_that_reaches_python_is_recorded_with_a_sentence() -> None:
    run = bench(builds=FakeBuilds(fail_at=MARTS, error=KeyboardInterrupt()))

    with pytest.raises(KeyboardInterrupt):
        run.ingest()

    recorded = run.store.get_run(1)
    assert recorded is not None
    assert recorded.error == "Cancelled by Ctrl-C during the marts step; nothing was published."


def test_ctrl_c_after_the_publish_leaves_the_run_published() -> None:
    run = bench()

    def interrupted(event: SnapshotPublished) -> None:
        raise KeyboardInterrupt

    run.events.subscribe(SnapshotPublished, interrupted)
    with pytest.raises(KeyboardInterrupt):
        run.ingest()

    recorded = run.store.get_run(1)
    assert recorded is not None and recorded.status is RunStatus.SUCCEEDED
    assert run.store.writes[-1] == ("finish_run", 1, RunStatus.SUCCEEDED)
    assert_nothing_recorded_twice(run.store)


def test_two_runs_keep_their_own_records() -> None:
    run = bench()
    first, second = run.ingest(), run.ingest()
    assert (first.run_id, second.run_id) == (1, 2)
    assert (
        run.steps(1)
        == run.steps(2)
        == [(seq, step, StepStatus.OK) for seq, step in enumerate(PIPELINE_STEPS, 1)]
    )


# -- a store that fails while the run goes on ---------------------------------------------------
def test_a_step_the_store_cannot_record_is_a_warning_and_the_run_still_publishes() -> None:
    run = bench(store=FakeMetadataStore(failing=["record_step"]))

    outcome = run.ingest()

    assert outcome.published
    assert outcome.warnings == tuple(
        f"recording step {step} failed: StoreDown: record_step refused" for step in PIPELINE_STEPS
    )
    recorded = run.store.get_run(1)
    assert recorded is not None and recorded.status is RunStatus.SUCCEEDED


def test_an_end_the_store_cannot_record_leaves_the_swapped_run_publishing_not_published() -> None:
    run = bench(store=FakeMetadataStore(failing=["finish_run"]))

    outcome = run.ingest()

    assert run.snapshots.published  # the file is swapped in, but the record does not say so yet
    assert outcome.status is RunStatus.PUBLISHING and not outcome.published
    assert "the next start of the workbench records it" in outcome.message
    recorded = run.store.get_run(1)
    assert recorded is not None and recorded.status is RunStatus.PUBLISHING
    assert outcome.warnings == (
        "recording the run's end (succeeded) failed: StoreDown: finish_run refused",
    )


def test_a_publishing_mark_the_store_refuses_swaps_nothing_in() -> None:
    run = bench(store=FakeMetadataStore(failing=["mark_publishing"]))

    with pytest.raises(StoreDown):
        run.ingest()

    assert run.snapshots.published == []
    recorded = run.store.get_run(1)
    assert recorded is not None and recorded.status is RunStatus.FAILED


def test_a_run_the_store_cannot_start_builds_nothing() -> None:
    run = bench(store=FakeMetadataStore(failing=["start_run"]))

    with pytest.raises(StoreDown):
        run.ingest()

    assert run.builds.made == 0 and run.store.writes == []


@pytest.mark.parametrize("write", ["record_fingerprint", "save_results"])
def test_a_run_whose_fingerprint_or_results_cannot_be_stored_fails_unpublished(write: str) -> None:
    run = bench(store=FakeMetadataStore(failing=[write]))

    with pytest.raises(StoreDown):
        run.ingest()

    recorded = run.store.get_run(1)
    assert recorded is not None
    assert (recorded.status, recorded.error) == (RunStatus.FAILED, f"StoreDown: {write} refused")
    assert run.snapshots.published == []
    assert_nothing_recorded_twice(run.store)


# -- a store that is lost (stopped answering) in the middle of the run -------------------------
@pytest.mark.parametrize(
    ("write", "step", "written"),
    [
        ("record_step", VALIDATE, ["start_run", "record_fingerprint"]),
        ("save_results", QUALITY, ["start_run", "record_fingerprint", *["record_step"] * 4]),
        (
            "mark_publishing",
            PUBLISH,
            [
                "start_run",
                "record_fingerprint",
                *["record_step"] * 4,
                "save_results",
                "record_step",
            ],
        ),
    ],
)
def test_a_lost_store_stops_the_run_at_once_and_nothing_more_is_written(
    write: str, step: PipelineStep, written: list[str]
) -> None:
    run = bench(store=FakeMetadataStore(lost=[write]))
    ended: list[RunFailed] = []
    run.events.subscribe(RunFailed, ended.append)

    with pytest.raises(MetadataStoreLost) as caught:
        run.ingest()

    assert str(caught.value) == (
        f"Lost the store: no answer to {write} within 3 s. "
        f"Run #1 stopped in step {step}; the next start settles its record."
    )
    assert [w[0] for w in run.store.writes] == written  # each lost write is tried once, no end
    assert run.snapshots.discarded == [Path("/data/.building/run-1.duckdb")]
    assert [(e.status, e.step) for e in ended] == [(RunStatus.FAILED, step)]
    recorded = run.store.get_run(1)
    assert recorded is not None and recorded.status is RunStatus.RUNNING  # for the next start


def test_a_store_lost_before_the_run_starts_builds_nothing() -> None:
    run = bench(store=FakeMetadataStore(lost=["start_run"]))

    with pytest.raises(MetadataStoreLost, match="no answer to start_run"):
        run.ingest()

    assert run.builds.made == 0 and run.store.writes == []


def test_a_store_lost_after_the_swap_leaves_the_run_published_and_says_it_went_unrecorded() -> None:
    run = bench(store=FakeMetadataStore(lost=["finish_run"]))

    outcome = run.ingest()  # the snapshot is in place: no error, but no claim of "published"

    assert outcome.status is RunStatus.PUBLISHING and "did not record it" in outcome.message
    assert run.snapshots.published == [Path("/data/snapshots/run-1.duckdb")]
    assert outcome.warnings == (
        "recording the run's end (succeeded) failed: "
        "Lost the store: no answer to finish_run within 3 s",
    )
    assert [w[0] for w in run.store.writes][-2:] == ["mark_publishing", "record_step"]


class SlowToFingerprint:
    """A source whose fingerprint takes a while, as hashing every byte of a large one does."""

    @property
    def fingerprint(self) -> str:
        time.sleep(0.06)
        return FINGERPRINT

    def source_columns(self) -> tuple[SourceColumn, ...]:
        return ()


def test_the_validate_steps_duration_counts_the_fingerprint_and_the_sniff() -> None:
    """The builder reports each step's duration; validation's fingerprint and sniff of the
    columns run before it hands over, and the Ingestion screen read "validate 0 ms"."""
    run = bench(sources=lambda path: nullcontext(SlowToFingerprint()))
    done: list[StepCompleted] = []
    run.events.subscribe(StepCompleted, done.append)

    run.ingest()

    validate = next(event for event in done if event.step is VALIDATE)
    assert validate.duration_ms >= 60
