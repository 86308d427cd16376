"""The ingestion service end to end: real files, real DuckDB, real SQLite metadata."""

from __future__ import annotations

import hashlib
import os
import shutil
import socket
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from domain.cancellation import CancelToken
from domain.entities.ingestion_run import RunStatus
from domain.entities.quality import GateOutcome, RuleOutcome, RuleStatus, Severity
from domain.events.pipeline import StepCompleted, StepStarted
from domain.repositories.metadata_store import QualityRuleRecord
from workbench.application.config import Settings
from workbench.container import Container, build_container


@pytest.fixture
def container(settings: Settings) -> Iterator[Container]:
    built = build_container(settings)
    yield built
    built.shutdown_resources()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def warehouse_totals(path: Path) -> tuple[object, ...]:
    with duckdb.connect(str(path), read_only=True) as con:
        row = con.execute(
            "SELECT count(*), sum(items_value), sum(freight_value), sum(payment_value) "
            "FROM fct_orders"
        ).fetchone()
    assert row is not None
    return tuple(row)


def test_ingest_publishes_and_records_run_steps_and_counts(
    container: Container, settings: Settings, small_source: Path
) -> None:
    seen: list[str] = []
    container.events().subscribe(StepStarted, lambda e: seen.append(e.step))
    outcome = container.ingestion().ingest(small_source)

    assert outcome.status is RunStatus.SUCCEEDED, outcome.message
    assert settings.warehouse_path.exists()
    assert seen == ["validate", "stage", "core", "marts", "quality", "publish"]
    detail = container.run_history().detail(outcome.run_id)
    assert detail is not None
    assert detail.run.status is RunStatus.SUCCEEDED
    assert len(detail.run.source_fingerprint) >= 32
    assert detail.run.row_counts["fct_orders"] == outcome.row_counts["fct_orders"] > 1000
    assert detail.run.as_of == outcome.as_of
    assert [s.name for s in detail.steps] == seen
    stage = next(s for s in detail.steps if s.name == "stage")
    source_rows = sum(sum(1 for _ in p.open("rb")) for p in small_source.glob("*.csv"))
    assert 0 < stage.rows <= source_rows  # multi-line review comments make lines > rows
    assert warehouse_totals(settings.warehouse_path)[0] == outcome.row_counts["fct_orders"]


def test_reingesting_the_same_input_gives_identical_figures(
    container: Container, settings: Settings, small_source: Path
) -> None:
    first = container.ingestion().ingest(small_source)
    totals = warehouse_totals(settings.warehouse_path)
    second = container.ingestion().ingest(small_source)
    assert first.status is second.status is RunStatus.SUCCEEDED
    assert warehouse_totals(settings.warehouse_path) == totals
    assert first.row_counts == second.row_counts
    runs = container.run_history().recent()
    assert runs[0].source_fingerprint == runs[1].source_fingerprint


def test_previous_snapshots_are_kept_up_to_the_configured_count(
    tmp_path: Path, small_source: Path
) -> None:
    from workbench.application.config import load_settings

    settings = load_settings({"data_dir": tmp_path, "snapshots_keep": 2}, env={})
    container = build_container(settings)
    try:
        ids = [container.ingestion().ingest(small_source).run_id for _ in range(3)]
        kept = sorted(p.name for p in (tmp_path / "snapshots").iterdir())
        assert kept == [f"run-{ids[1]}.duckdb", f"run-{ids[2]}.duckdb"]
        assert not any((tmp_path / ".building").iterdir())
    finally:
        container.shutdown_resources()


def test_bad_input_fails_the_run_and_leaves_the_published_warehouse_alone(
    container: Container, settings: Settings, small_source: Path, tmp_path: Path
) -> None:
    assert container.ingestion().ingest(small_source).published
    before = digest(settings.warehouse_path)

    broken = tmp_path / "broken"
    shutil.copytree(small_source, broken)
    (broken / "olist_orders_dataset.csv").unlink()
    outcome = container.ingestion().ingest(broken)

    assert outcome.status is RunStatus.FAILED
    assert "olist_orders_dataset.csv" in outcome.message
    assert digest(settings.warehouse_path) == before
    run = container.run_history().detail(outcome.run_id)
    assert run is not None and run.run.status is RunStatus.FAILED
    assert "olist_orders_dataset.csv" in run.run.error
    assert not any((settings.data_dir / ".building").glob("*.duckdb"))


def test_a_bad_value_is_not_also_called_a_retyped_column(
    container: Container, small_source: Path, tmp_path: Path
) -> None:
    """One value the contract cannot read makes the sample read its column as text: the run's
    drift note said the column was "retyped TIMESTAMP -> VARCHAR" beside the value's own
    error, as if the export's schema had changed."""
    assert container.ingestion().ingest(small_source).published
    broken = tmp_path / "bad-timestamp"
    shutil.copytree(small_source, broken)
    orders = broken / "olist_orders_dataset.csv"
    header, first, *rest = orders.read_text().splitlines(keepends=True)
    fields = first.split(",")
    fields[3] = "2017-02-30 21:47:10"  # order_purchase_timestamp: no such day
    orders.write_text("".join([header, ",".join(fields), *rest]))
    sellers = broken / "olist_sellers_dataset.csv"  # a real retype, read and told
    header, *rows = sellers.read_text().splitlines(keepends=True)
    cities = [row.split(",") for row in rows]
    sellers.write_text(header + "".join(",".join([*f[:2], "123", *f[3:]]) for f in cities))

    outcome = container.ingestion().ingest(broken)

    assert outcome.status is RunStatus.FAILED
    assert "line 2, column order_purchase_timestamp" in outcome.message
    assert "'2017-02-30 21:47:10'" in outcome.message
    assert "seller_city retyped VARCHAR -> BIGINT" in outcome.message  # the drift is told
    assert "order_purchase_timestamp retyped" not in outcome.message, outcome.message


def test_a_cancelled_run_publishes_nothing(
    container: Container, settings: Settings, small_source: Path
) -> None:
    cancel = CancelToken()

    def cancel_after_staging(event: StepCompleted) -> None:
        if event.step == "stage":
            cancel.cancel()

    container.events().subscribe(StepCompleted, cancel_after_staging)
    outcome = container.ingestion().ingest(small_source, cancel)
    assert outcome.status is RunStatus.CANCELLED
    assert not settings.warehouse_path.exists()
    run = container.run_history().detail(outcome.run_id)
    assert run is not None and run.run.status is RunStatus.CANCELLED


# A critical check that would count 2 billion hashes (seconds) before every order passes.
# Compiles a 3,000-branch pattern for each order (seconds for the 2,000 orders), all of them pass.
SLOW_PREDICATE = (
    "regexp_matches(order_id, order_id || '("
    + "|".join(f"a{branch}b" for branch in range(3000))
    + ")') is not null"
)
SLOW_CRITICAL = QualityRuleRecord(
    "test.slow",
    "a stored rule someone made very slow",
    "expression",
    "fct_orders",
    {
        "predicate": SLOW_PREDICATE,
        "key": ["order_id"],
    },
    Severity.CRITICAL,
    0,
    True,
)


def test_a_cancel_during_the_quality_checks_stops_them_and_publishes_nothing(
    container: Container, settings: Settings, small_source: Path
) -> None:
    container.metadata_store().save_rule(SLOW_CRITICAL)
    cancel = CancelToken()
    timers: list[threading.Timer] = []

    def cancel_once_checking(event: StepStarted) -> None:
        if event.step == "quality":
            timers.append(threading.Timer(0.2, cancel.cancel))
            timers[-1].start()

    container.events().subscribe(StepStarted, cancel_once_checking)
    outcome = container.ingestion().ingest(small_source, cancel)
    assert (outcome.status, outcome.message) == (
        RunStatus.CANCELLED,
        "Cancelled by its user during the quality step; nothing was published.",
    )
    assert not settings.warehouse_path.exists()
    run = container.run_history().detail(outcome.run_id)
    assert run is not None and run.run.status is RunStatus.CANCELLED


def test_a_critical_rule_over_its_time_limit_blocks_the_run(
    settings: Settings, small_source: Path
) -> None:
    limited = build_container(replace(settings, rule_time_limit=1))
    try:
        limited.metadata_store().save_rule(SLOW_CRITICAL)
        outcome = limited.ingestion().ingest(small_source)
        assert outcome.status is RunStatus.BLOCKED
        assert "test.slow" in outcome.message
        assert outcome.gate is not None
        (slow,) = [o for o in outcome.gate.outcomes if o.rule_id == "test.slow"]
        assert (slow.status, slow.message) == (
            RuleStatus.ERROR,
            "stopped after 1 s, the time limit of a rule",
        )
        assert not settings.warehouse_path.exists()
    finally:
        limited.shutdown_resources()


class _BlockingGate:
    """The real gate, plus one critical failure: what a corrupted load looks like to the gate."""

    def __init__(self, real: object) -> None:
        self._real = real

    def evaluate(
        self, warehouse: Path, run_id: int, cancel: CancelToken | None = None
    ) -> GateOutcome:
        outcome = self._real.evaluate(warehouse, run_id, cancel)  # type: ignore[attr-defined]
        failure = RuleOutcome(
            "test.critical", "always fails", Severity.CRITICAL, RuleStatus.FAIL, 3, ("k",)
        )
        return GateOutcome((*outcome.outcomes, failure))


def test_a_blocked_gate_keeps_the_previous_snapshot(
    container: Container, settings: Settings, small_source: Path
) -> None:
    first = container.ingestion().ingest(small_source)
    before = digest(settings.warehouse_path)
    with container.ingestion.override(
        container.ingestion.cls(
            store=container.metadata_store(),
            events=container.events(),
            open_source=container.ingestion.kwargs["open_source"](),
            new_build=container.ingestion.kwargs["new_build"](),
            snapshots=container.snapshots(),
            gate=_BlockingGate(container.ingestion.kwargs["gate"]()),
            profiles=container.run_profiles(),
        )
    ):
        blocked = container.ingestion().ingest(small_source)
    assert blocked.status is RunStatus.BLOCKED
    assert digest(settings.warehouse_path) == before
    run = container.run_history().detail(blocked.run_id)
    assert run is not None and run.run.blocking_rules == ("test.critical",)
    results = container.metadata_store().results_for_run(blocked.run_id)
    assert {r.rule_id for r in results} >= {"test.critical", "reconciliation.source_to_warehouse"}
    latest = container.run_history().latest_published()
    assert latest is not None and latest.run_id == first.run_id


def test_runs_left_running_by_a_dead_process_are_marked_interrupted(
    container: Container, settings: Settings
) -> None:
    store = container.metadata_store()
    dead_pid = 2**22 + 12345  # above pid_max on Linux by default: never alive
    orphan = store.start_run("/data/x", "", socket.gethostname(), dead_pid)
    alive = store.start_run("/data/y", "", socket.gethostname(), os.getpid())
    elsewhere = store.start_run("/data/z", "", "another-host", dead_pid)
    assert len(container.recovery().run().interrupted) == 1
    statuses = {r.run_id: r.status for r in container.run_history().recent(every_warehouse=True)}
    assert statuses == {
        orphan: RunStatus.INTERRUPTED,
        alive: RunStatus.RUNNING,
        elsewhere: RunStatus.RUNNING,
    }


def test_published_file_is_readable_by_duckdb_1_2_and_later(
    container: Container, settings: Settings, small_source: Path
) -> None:
    assert container.ingestion().ingest(small_source).published
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        row = con.execute(
            "SELECT tags['storage_version'] FROM duckdb_databases() WHERE NOT internal "
            "AND path = ?",
            [str(settings.warehouse_path)],
        ).fetchone()
    assert row is not None and row[0] == "v1.2.0+"


@pytest.mark.parametrize("scale", [0.01, 0.1])
def test_generated_data_publishes_with_every_source_row_staged(
    scale: float, tmp_path: Path
) -> None:
    import csv

    from infrastructure.generator import generate
    from infrastructure.source.contract import SOURCE_FILES
    from workbench.application.config import load_settings

    source = tmp_path / "source"
    generate(source, scale, 11)
    container = build_container(load_settings({"data_dir": tmp_path / "data"}, env={}))
    try:
        outcome = container.ingestion().ingest(source)
    finally:
        container.shutdown_resources()
    assert outcome.status is RunStatus.SUCCEEDED, outcome.message
    for contract in SOURCE_FILES:
        with (source / contract.file_name).open(encoding="utf-8-sig", newline="") as handle:
            records = sum(1 for _ in csv.reader(handle)) - 1
        assert outcome.row_counts[f"stg_{contract.table}"] == records, contract.file_name


def test_a_warehouse_of_another_format_is_refused_in_words(
    container: Container, settings: Settings, small_source: Path
) -> None:
    from domain.errors import WarehouseNotPublished

    assert container.ingestion().ingest(small_source).published
    with duckdb.connect(str(settings.warehouse_path)) as con:
        con.execute("UPDATE workbench_snapshot SET value = '1' WHERE key = 'warehouse_format'")
    container.warehouse().reload()
    with pytest.raises(WarehouseNotPublished, match=r"has format 1.*ingest the data again"):
        container.warehouse().table("fct_orders")


def test_a_failing_subscriber_is_a_warning_of_the_run_not_a_silent_loss(
    container: Container, small_source: Path
) -> None:
    from domain.events.pipeline import SnapshotPublished

    def broken_recorder(event: SnapshotPublished) -> None:
        raise OSError("disk full")

    container.events().subscribe(SnapshotPublished, broken_recorder)
    outcome = container.ingestion().ingest(small_source)
    assert outcome.published
    assert any(
        "broken_recorder failed on SnapshotPublished: OSError: disk full" in w
        for w in outcome.warnings
    )


def test_a_second_ingestion_on_the_same_data_dir_is_refused_in_words(
    container: Container, settings: Settings, small_source: Path
) -> None:
    from domain.errors import IngestionBusy

    with (
        container.snapshots().exclusive(),  # as another process's run would hold it
        pytest.raises(IngestionBusy, match="Another ingestion is running"),
    ):
        container.ingestion().ingest(small_source)
    assert container.run_history().recent() == []  # nothing recorded for the refused run
    assert container.ingestion().ingest(small_source).published


def test_leftovers_of_a_killed_build_do_not_block_the_next_run(
    container: Container, settings: Settings, small_source: Path
) -> None:
    building = settings.data_dir / ".building"
    (building / "run-99.duckdb.tmp").mkdir(parents=True)  # DuckDB's spill dir of a killed run
    (building / "run-99.duckdb").write_bytes(b"half a file")
    assert container.ingestion().ingest(small_source).published
    assert list(building.iterdir()) == []


def test_a_broken_stored_rule_is_that_rules_error_not_a_failed_run(
    container: Container, settings: Settings, small_source: Path
) -> None:
    import sqlite3

    container.metadata_store()  # created and seeded by its migrations
    with sqlite3.connect(settings.sqlite_path) as con:
        con.execute(
            "UPDATE quality_rules SET params = '[\"x\"]' WHERE rule_id = 'invariant.no_items'"
        )
    outcome = container.ingestion().ingest(small_source)
    assert outcome.published, outcome.message
    assert outcome.gate is not None
    (broken,) = [o for o in outcome.gate.outcomes if o.rule_id == "invariant.no_items"]
    assert broken.status == "error" and broken.message


def test_a_cancel_during_a_build_step_interrupts_it(
    container: Container, settings: Settings, small_source: Path
) -> None:
    cancel = CancelToken()

    def cancel_when_staging_starts(event: StepStarted) -> None:
        if event.step == "stage":
            cancel.cancel()

    container.events().subscribe(StepStarted, cancel_when_staging_starts)
    outcome = container.ingestion().ingest(small_source, cancel)
    assert outcome.status is RunStatus.CANCELLED
    assert not settings.warehouse_path.exists()
    assert list((settings.data_dir / ".building").iterdir()) == []
    steps = container.run_history().detail(outcome.run_id)
    assert steps is not None and "marts" not in [s.name for s in steps.steps]
