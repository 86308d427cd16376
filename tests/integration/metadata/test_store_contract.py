"""One contract, two backends: every test runs against SQLite and the real PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest

from domain.entities.ingestion_run import PipelineStep, RunStatus, RunStep, StepStatus
from domain.entities.quality import RuleStatus, Severity
from domain.repositories.metadata_store import (
    MetadataStore,
    QualityResultRecord,
    QualityRuleRecord,
    SavedViewRecord,
    SegmentSize,
)
from infrastructure.metadata.postgres_store import PostgresMetadataStore
from infrastructure.metadata.sqlite_store import SqliteMetadataStore


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[MetadataStore]:
    if request.param == "sqlite":
        opened: MetadataStore = SqliteMetadataStore(tmp_path / "meta.sqlite")
    else:
        opened = PostgresMetadataStore(request.getfixturevalue("pg_clean"))
    yield opened
    opened.close()


def test_migrations_are_applied_and_recorded(store: MetadataStore) -> None:
    assert store.schema_version() >= 1


def test_a_run_is_recorded_with_its_steps_and_outcome(store: MetadataStore) -> None:
    run_id = store.start_run("/data/olist.zip", "abc123", "host-a", 4242)
    store.record_step(run_id, RunStep(PipelineStep.VALIDATE, 1, StepStatus.OK, 9, 12.5, "9 files"))
    store.record_step(run_id, RunStep(PipelineStep.STAGE, 2, StepStatus.OK, 1_550_922, 840.0))
    rerecorded = RunStep(PipelineStep.STAGE, 2, StepStatus.OK, 1_550_923, 850.0)
    store.record_step(run_id, rerecorded)  # re-recorded
    store.finish_run(
        run_id,
        RunStatus.SUCCEEDED,
        warehouse_path="/w/snap.duckdb",
        row_counts={"fct_orders": 99_441},
        blocking_rules=("r1",),
    )
    run = store.get_run(run_id)
    assert run is not None
    assert run.status is RunStatus.SUCCEEDED
    assert (run.source_path, run.source_fingerprint, run.host, run.pid) == (
        "/data/olist.zip",
        "abc123",
        "host-a",
        4242,
    )
    assert run.row_counts == {"fct_orders": 99_441}
    assert run.blocking_rules == ("r1",)
    assert run.finished_at is not None and run.finished_at >= run.started_at
    steps = store.run_steps(run_id)
    assert [(s.seq, s.name, s.rows) for s in steps] == [(1, "validate", 9), (2, "stage", 1_550_923)]
    assert steps[0].detail == "9 files"
    assert [(s.name, s.status) for s in steps] == [
        (PipelineStep.VALIDATE, StepStatus.OK),
        (PipelineStep.STAGE, StepStatus.OK),
    ]
    assert all(type(s.name) is PipelineStep and type(s.status) is StepStatus for s in steps)


def test_runs_are_listed_newest_first_and_latest_by_status(store: MetadataStore) -> None:
    first = store.start_run("a", "", "h", 1)
    store.finish_run(first, RunStatus.SUCCEEDED)
    second = store.start_run("b", "", "h", 1)
    store.finish_run(second, RunStatus.FAILED, error="bad file")
    assert [r.run_id for r in store.list_runs()] == [second, first]
    assert store.list_runs(limit=1)[0].run_id == second
    latest_ok = store.latest_run(RunStatus.SUCCEEDED)
    assert latest_ok is not None and latest_ok.run_id == first
    latest = store.latest_run()
    assert latest is not None and latest.error == "bad file"
    assert store.get_run(999_999) is None


def test_who_started_a_run_is_recorded_and_older_runs_name_nobody(store: MetadataStore) -> None:
    by_sensor = store.start_run("drop/export.zip", "", "h", 1, "w", "dagster: sensor drop_folder")
    unnamed = store.start_run("b", "", "h", 1)
    store.finish_run(by_sensor, RunStatus.SUCCEEDED)
    runs = {run.run_id: run for run in store.list_runs()}
    assert runs[by_sensor].started_by == "dagster: sensor drop_folder"
    assert runs[unnamed].started_by == ""
    fetched = store.get_run(by_sensor)
    assert fetched is not None and fetched.started_by == "dagster: sensor drop_folder"


def test_only_running_runs_are_marked_interrupted(store: MetadataStore) -> None:
    running = store.start_run("a", "", "h", 1)
    done = store.start_run("b", "", "h", 1)
    store.finish_run(done, RunStatus.SUCCEEDED)
    assert store.mark_interrupted([running, done], "process died") == 1
    interrupted = store.get_run(running)
    assert interrupted is not None and interrupted.status is RunStatus.INTERRUPTED
    assert interrupted.error == "process died"
    kept = store.get_run(done)
    assert kept is not None and kept.status is RunStatus.SUCCEEDED


def test_quality_rules_are_saved_edited_and_results_kept_per_run(store: MetadataStore) -> None:
    rule = QualityRuleRecord(
        "orders.order_id.unique",
        "order ids are unique",
        "unique",
        "fct_orders",
        {"columns": ["order_id"]},
        Severity.CRITICAL,
        0.0,
        True,
    )
    store.save_rule(rule)
    store.update_rule(rule.rule_id, severity=Severity.WARNING, enabled=False)
    store.update_rule(rule.rule_id, threshold=0.5)
    (saved,) = [r for r in store.list_rules() if r.rule_id == rule.rule_id]
    assert (saved.severity, saved.enabled, saved.threshold) == ("warning", False, 0.5)
    assert saved.severity is Severity.WARNING
    assert saved.params == {"columns": ["order_id"]}

    run_id = store.start_run("a", "", "h", 1)
    result = QualityResultRecord(
        run_id, rule.rule_id, RuleStatus.FAIL, 3, Severity.WARNING, ("k1", "k2"), 4.0
    )
    store.save_results([result])
    store.save_results([result])  # re-running the checks replaces the result
    assert store.results_for_run(run_id) == [result]
    (stored,) = store.results_for_run(run_id)
    assert (stored.status, stored.severity) == (RuleStatus.FAIL, Severity.WARNING)
    assert type(stored.status) is RuleStatus and type(stored.severity) is Severity


def test_segment_snapshot_round_trips_sizes_and_assignments(store: MetadataStore) -> None:
    run_id = store.start_run("a", "", "h", 1)
    sizes = [SegmentSize("Champions", 2, "1234.56"), SegmentSize("Lost", 1, "10.00")]
    assignments = [
        ("0a" * 16, "Champions"),
        ("1b" * 16, "Champions"),
        ("ff" * 16, "Lost"),
    ]
    store.save_segment_snapshot(run_id, sizes, assignments)
    assert store.segment_sizes(run_id) == sizes
    assert Decimal(store.segment_sizes(run_id)[0].revenue) == Decimal("1234.56")
    assert store.segment_assignments(run_id) == dict(assignments)
    assert store.segment_assignments(run_id + 1) == {}
    packed = store.packed_segment_assignments(run_id)  # as the migration reads it
    assert packed is not None and packed.id_bytes == 16
    ids = [packed.ids[i : i + 16].hex() for i in range(0, len(packed.ids), 16)]
    names = [packed.names[code] for code in packed.codes]
    assert list(zip(ids, names, strict=True)) == assignments
    assert store.packed_segment_assignments(run_id + 1) is None


def test_non_hex_customer_ids_still_round_trip(store: MetadataStore) -> None:
    run_id = store.start_run("a", "", "h", 1)
    assignments = [("customer-1", "New"), ("customer-2", "Lost")]
    store.save_segment_snapshot(run_id, [], assignments)
    assert store.segment_assignments(run_id) == dict(assignments)
    assert store.packed_segment_assignments(run_id) is None  # compared as dicts


def test_a_segment_migration_is_kept_per_pair_until_either_run_is_stored_again(
    store: MetadataStore,
) -> None:
    first, second, third = (store.start_run("x", "", "h", 1) for _ in range(3))
    assert store.segment_migration(first, second) is None
    moves = {("Champions", "Lost"): 7, ("(new)", "Can't Lose Them"): 2, ("Lost", "(gone)"): 0}
    store.save_segment_migration(first, second, moves)
    store.save_segment_migration(second, third, {("Lost", "Lost"): 9_500_000})
    assert store.segment_migration(first, second) == {
        ("Champions", "Lost"): 7,
        ("(new)", "Can't Lose Them"): 2,
    }
    assert store.segment_migration(second, first) is None  # each direction is its own pair
    store.save_segment_migration(first, second, {("Champions", "Lost"): 8})  # replaced whole
    assert store.segment_migration(first, second) == {("Champions", "Lost"): 8}
    store.save_segment_snapshot(second, [], [("0a" * 16, "New")])  # its assignment changed
    assert store.segment_migration(first, second) is None
    assert store.segment_migration(second, third) is None


def test_old_segment_assignments_are_pruned_but_sizes_stay(store: MetadataStore) -> None:
    runs = [store.start_run("a", "", "h", 1) for _ in range(4)]
    for run_id in runs:
        store.save_segment_snapshot(run_id, [SegmentSize("New", 1, "5.00")], [("0a" * 16, "New")])
    assert store.segment_snapshot_runs() == runs[::-1]
    assert store.segment_snapshot_runs(limit=1) == [runs[-1]]
    assert store.prune_segment_assignments(keep=2) == 2
    assert store.segment_snapshot_runs() == [runs[3], runs[2]]
    assert store.segment_assignments(runs[0]) == {}
    assert store.segment_sizes(runs[0]) == [SegmentSize("New", 1, "5.00")]
    assert store.prune_segment_assignments(keep=2) == 0


def test_exports_are_recorded(store: MetadataStore) -> None:
    run_id = store.start_run("a", "", "h", 1)
    export_id = store.record_export(run_id, "kpi.executive", "csv", "/tmp/x.csv", 25)
    (export,) = store.list_exports()
    assert (export.export_id, export.run_id, export.view, export.rows) == (
        export_id,
        run_id,
        "kpi.executive",
        25,
    )


def test_the_previous_run_with_a_status_is_found(store: MetadataStore) -> None:
    first, failed, second, running = (store.start_run(p, "", "h", 1) for p in "abcd")
    store.finish_run(first, RunStatus.SUCCEEDED)
    store.finish_run(failed, RunStatus.FAILED)
    store.finish_run(second, RunStatus.SUCCEEDED)
    found = store.previous_run(running, RunStatus.SUCCEEDED)
    assert found is not None and found.run_id == second
    earlier = store.previous_run(second, RunStatus.SUCCEEDED)
    assert earlier is not None and earlier.run_id == first
    assert store.previous_run(first, RunStatus.SUCCEEDED) is None


def test_recent_results_are_those_of_the_latest_checked_runs(store: MetadataStore) -> None:
    runs = [store.start_run("a", "", "h", 1) for _ in range(4)]
    unchecked = runs.pop(2)
    for run_id in runs:
        store.save_results(
            [
                QualityResultRecord(run_id, "r.b", RuleStatus.PASS, 0, Severity.ERROR),
                QualityResultRecord(
                    run_id, "r.a", RuleStatus.FAIL, run_id, Severity.WARNING, ("k",), 1.5, "m"
                ),
            ]
        )
    recent = store.recent_results(2)
    assert [(r.run_id, r.rule_id) for r in recent] == [
        (runs[1], "r.a"),
        (runs[1], "r.b"),
        (runs[2], "r.a"),
        (runs[2], "r.b"),
    ]
    assert recent[2] == QualityResultRecord(
        runs[2], "r.a", RuleStatus.FAIL, runs[2], Severity.WARNING, ("k",), 1.5, "m"
    )
    assert unchecked not in {r.run_id for r in store.recent_results(10)}


def test_saved_views_are_stored_listed_replaced_and_deleted(store: MetadataStore) -> None:
    filters = {"date_from": "2018-01-01", "date_to": None, "states": ["SP", "RJ"]}
    store.save_view(SavedViewRecord("south east", "states", "month", filters, "ana"))
    store.save_view(SavedViewRecord("ã weekly", "executive", "week", {}, "bo"))
    views = store.saved_views()
    assert [(v.name, v.view, v.grain, v.saved_by) for v in views] == [
        ("south east", "states", "month", "ana"),
        ("ã weekly", "executive", "week", "bo"),
    ]
    assert views[0].filters == filters and views[0].saved_at is not None
    store.save_view(SavedViewRecord("south east", "executive", "day", {"states": ["MG"]}, "bo"))
    replaced = store.saved_views()[0]
    assert (replaced.view, replaced.grain, replaced.filters) == (
        "executive",
        "day",
        {"states": ["MG"]},
    )
    assert store.delete_view("south east") and not store.delete_view("south east")
    assert [v.name for v in store.saved_views()] == ["ã weekly"]


def test_saved_views_are_shared_by_every_process_on_postgres(
    request: pytest.FixtureRequest,
) -> None:
    dsn = request.getfixturevalue("pg_clean")
    one, other = PostgresMetadataStore(dsn), PostgresMetadataStore(dsn)
    try:
        one.save_view(SavedViewRecord("team view", "sellers", "month", {"states": ["BA"]}, "ana"))
        assert [(v.name, v.filters) for v in other.saved_views()] == [
            ("team view", {"states": ["BA"]})
        ]
    finally:
        one.close()
        other.close()
