"""The build: steps reported in order, reconciliation, cancellation, cleanup and idempotency."""

from __future__ import annotations

import threading
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from domain.entities.ingestion_run import BUILD_STEPS
from infrastructure.generator import generate
from infrastructure.source import open_source
from infrastructure.warehouse import (
    BuildCancelled,
    BuildResult,
    WarehouseBuilder,
    reconcile,
)

FIXTURE = Path(__file__).parents[2] / "fixtures" / "olist_small"
FACTS_AND_MARTS = (
    "fct_orders", "fct_order_items", "fct_payments", "fct_reviews", "dim_customer",
    "dim_geography", "mart_kpi_monthly", "mart_customer_rfm", "mart_cohort_retention",
    "mart_category_performance", "mart_seller_scorecard", "mart_delivery_performance",
    "mart_state_summary",
)  # fmt: skip


def test_steps_are_reported_in_order(tmp_path: Path) -> None:
    steps: list[tuple[str, int, float]] = []
    with open_source(FIXTURE) as source:
        builder = WarehouseBuilder(on_step=lambda name, rows, ms: steps.append((name, rows, ms)))
        result = builder.build(source, tmp_path / "w.duckdb")
    assert [name for name, _, _ in steps] == list(BUILD_STEPS)
    assert all(rows > 0 for name, rows, _ in steps if name != "validate")
    assert dict((name, ms) for name, _, ms in steps) == result.step_durations_ms
    assert not (tmp_path / "w.duckdb.wal").exists(), "the file is complete on its own"


def test_reconciliation_passes(warehouse: duckdb.DuckDBPyConnection, built: BuildResult) -> None:
    result = reconcile(warehouse)
    assert result.passed, result.failures
    assert {check.name for check in result.checks} >= {
        "orders: rows", "order items: price total", "order items: freight total",
        "payments: value total",
    }  # fmt: skip
    assert result.row_counts == built.row_counts


def test_reconciliation_detects_a_tampered_warehouse(built: BuildResult, tmp_path: Path) -> None:
    tampered = tmp_path / "tampered.duckdb"
    tampered.write_bytes(built.path.read_bytes())
    with duckdb.connect(str(tampered)) as con:
        con.execute("UPDATE fct_payments SET payment_value = payment_value + 0.01 WHERE rowid = 0")
        con.execute("DELETE FROM fct_orders WHERE order_status = 'created'")
        failures = {check.name: check for check in reconcile(con).failures}
    assert set(failures) == {
        "payments: value total", "orders: rows", "orders: items value total",
        "orders: freight total", "orders: payment total",
    }  # fmt: skip
    payments = failures["payments: value total"]
    assert payments.actual - payments.expected == Decimal("0.01")


def test_existing_target_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "w.duckdb"
    target.write_bytes(b"published warehouse")
    with open_source(FIXTURE) as source, pytest.raises(FileExistsError):
        WarehouseBuilder().build(source, target)
    assert target.read_bytes() == b"published warehouse"


def test_cancel_event_stops_before_the_next_model(tmp_path: Path) -> None:
    cancel = threading.Event()
    builder = WarehouseBuilder(
        cancel_event=cancel, on_step=lambda name, *_: cancel.set() if name == "stage" else None
    )
    target = tmp_path / "w.duckdb"
    with open_source(FIXTURE) as source, pytest.raises(BuildCancelled):
        builder.build(source, target)
    assert not target.exists()


def test_interrupt_cancels_a_running_build(tmp_path: Path) -> None:
    builder: WarehouseBuilder
    steps: list[str] = []

    def interrupt_after_core(name: str, rows: int, ms: float) -> None:
        steps.append(name)
        if name == "core":
            builder.interrupt()

    builder = WarehouseBuilder(on_step=interrupt_after_core)
    target = tmp_path / "w.duckdb"
    with open_source(FIXTURE) as source, pytest.raises(BuildCancelled):
        builder.build(source, target)
    assert steps == ["validate", "stage", "core"]
    assert not target.exists()


def test_two_builds_of_the_same_input_are_identical(built: BuildResult, tmp_path: Path) -> None:
    with open_source(FIXTURE) as source:
        again = WarehouseBuilder().build(source, tmp_path / "again.duckdb")
    assert again.row_counts == built.row_counts
    with duckdb.connect(str(built.path), read_only=True) as first:
        first.execute(f"ATTACH '{again.path}' AS again (READ_ONLY)")
        for table in FACTS_AND_MARTS:
            difference = first.execute(
                f"SELECT count(*) FROM ((FROM {table} EXCEPT ALL FROM again.{table}) "
                f"UNION ALL (FROM again.{table} EXCEPT ALL FROM {table}))"
            ).fetchone()
            assert difference == (0,), table


@pytest.mark.parametrize("as_zip", [False, True])
def test_a_generated_export_builds_and_reconciles(tmp_path: Path, as_zip: bool) -> None:
    summary = generate(tmp_path / "export", 0.01, seed=11, as_zip=as_zip)
    with open_source(summary.out) as source:
        result = WarehouseBuilder().build(source, tmp_path / "w.duckdb")
    assert result.source_rows == summary.rows
    with duckdb.connect(str(result.path), read_only=True) as con:
        assert reconcile(con).passed
