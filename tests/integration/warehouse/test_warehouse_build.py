"""The build: steps reported in order, row counts, cancellation, cleanup and idempotency."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from domain.cancellation import CancelToken
from domain.entities.ingestion_run import BUILD_STEPS
from domain.entities.quality import RuleStatus, Severity
from domain.repositories.metadata_store import QualityRuleRecord
from infrastructure.generator import generate
from infrastructure.quality.connection import checking_connection
from infrastructure.quality.context import CheckContext
from infrastructure.quality.runner import run_rules
from infrastructure.source import open_source
from infrastructure.source.contract import SOURCE_FILES
from infrastructure.source.csv_reader import create_source_view
from infrastructure.warehouse import BuildCancelled, BuildResult, WarehouseBuilder
from infrastructure.warehouse.builder import UNCOMPRESSED_COLUMNS
from infrastructure.warehouse.catalog import all_models
from infrastructure.warehouse.reference_data import set_reference_variables

FIXTURE = Path(__file__).parents[2] / "fixtures" / "olist_small"
FACTS_AND_MARTS = (
    "fct_orders", "fct_order_items", "fct_payments", "fct_reviews", "dim_customer",
    "dim_geography", "mart_kpi_monthly", "mart_customer_rfm", "mart_cohort_retention",
    "mart_category_performance", "mart_seller_scorecard", "mart_delivery_performance",
    "mart_state_summary",
)  # fmt: skip


def test_steps_are_reported_in_order_with_what_they_did(tmp_path: Path) -> None:
    steps: list[tuple[str, int, float, str]] = []
    with open_source(FIXTURE) as source:
        builder = WarehouseBuilder(on_step=lambda *step: steps.append(step))
        result = builder.build(source, tmp_path / "w.duckdb")
    assert [name for name, *_ in steps] == list(BUILD_STEPS)
    assert all(rows > 0 for name, rows, *_ in steps if name != "validate")
    assert dict((name, ms) for name, _, ms, _ in steps) == result.step_durations_ms
    size = sum(path.stat().st_size for path in FIXTURE.glob("*.csv")) / 1e3
    details = {name: detail for name, *_, detail in steps}
    assert details["validate"] == (
        f"9 files, {size:,.1f} kB: 9 headers match the contract (UTF-8, comma-separated)"
    )
    assert details["core"].endswith(" tables")
    assert not (tmp_path / "w.duckdb.wal").exists(), "the file is complete on its own"


def test_the_row_counts_are_every_table_of_the_file(
    warehouse: duckdb.DuckDBPyConnection, built: BuildResult
) -> None:
    tables = warehouse.sql("SELECT table_name FROM duckdb_tables() WHERE NOT temporary").fetchall()
    counted = {
        name: warehouse.sql(f'SELECT count(*) FROM "{name}"').fetchall()[0][0] for (name,) in tables
    }
    assert counted == built.row_counts


def test_existing_target_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "w.duckdb"
    target.write_bytes(b"published warehouse")
    with open_source(FIXTURE) as source, pytest.raises(FileExistsError):
        WarehouseBuilder().build(source, target)
    assert target.read_bytes() == b"published warehouse"


def test_a_cancel_between_steps_stops_before_the_next_model(tmp_path: Path) -> None:
    cancel = CancelToken()
    builder = WarehouseBuilder(
        cancel=cancel, on_step=lambda name, *_: cancel.cancel() if name == "stage" else None
    )
    target = tmp_path / "w.duckdb"
    with open_source(FIXTURE) as source, pytest.raises(BuildCancelled):
        builder.build(source, target)
    assert not target.exists()


def test_a_cancel_cancels_a_running_build(tmp_path: Path) -> None:
    cancel = CancelToken()
    steps: list[str] = []

    def cancel_after_core(name: str, rows: int, ms: float, detail: str) -> None:
        steps.append(name)
        if name == "core":
            cancel.cancel()

    builder = WarehouseBuilder(on_step=cancel_after_core, cancel=cancel)
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
    reconciliation = QualityRuleRecord(
        "reconciliation", "source -> facts", "reconciliation", "fct_orders", {}, Severity.CRITICAL
    )
    with checking_connection(result.path) as con:
        (outcome,) = run_rules(con, [reconciliation], CheckContext(datetime(2018, 1, 1)))
    assert outcome.status is RuleStatus.PASS, outcome.message


def test_each_table_has_its_models_columns_and_types(built: BuildResult) -> None:
    """Tables are declared from their query (to store some ids uncompressed): each must hold
    exactly the columns, in order, and the types the model's query gives."""
    with duckdb.connect() as con, open_source(FIXTURE) as source:
        con.execute(f"ATTACH '{built.path}' AS warehouse (READ_ONLY)")
        con.execute("USE warehouse")
        set_reference_variables(con)
        paths = dict((contract.table, path) for contract, path in source.files())
        for model in all_models():
            if model.layer == "staging":
                contract = next(c for c in SOURCE_FILES if f"stg_{c.table}" == model.name)
                create_source_view(con, contract, paths[contract.table])
            if model.temporary:
                con.execute(model.create_statement())
            if not model.holds_rows:
                continue
            query = con.sql(model.sql())
            expected = list(zip(query.columns, map(str, query.types), strict=True))
            table = con.execute(f"SELECT column_name, column_type FROM (DESCRIBE {model.name})")
            assert table.fetchall() == expected, model.name


def test_the_ids_of_orders_customers_and_reviews_are_stored_uncompressed(
    warehouse: duckdb.DuckDBPyConnection,
) -> None:
    """A dictionary never pays on them (one row per id); other text columns stay compressed."""
    stored = warehouse.sql(
        "SELECT table_name, column_name FROM duckdb_columns() "
        "WHERE data_type = 'VARCHAR' AND NOT internal"
    ).fetchall()
    kinds: dict[str, set[str]] = {}
    for table, column in stored:
        segments = warehouse.execute(
            "SELECT DISTINCT compression FROM pragma_storage_info(?) "
            "WHERE column_name = ? AND segment_type = 'VARCHAR'",
            [table, column],
        ).fetchall()
        kinds.setdefault(column, set()).update(kind for (kind,) in segments)
    for column in UNCOMPRESSED_COLUMNS:
        assert kinds[column] == {"Uncompressed"}, column
    assert kinds["order_status"] - {"Uncompressed"}, "other text is compressed as DuckDB chooses"
