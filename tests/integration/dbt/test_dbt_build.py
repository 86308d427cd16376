"""`dbt build` of the written project makes the warehouse `workbench ingest` makes, table for table,
row for row and to the cent, on the DuckDB the workbench runs; its tests are the critical rules."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from domain.entities.quality import Severity
from domain.repositories.metadata_store import QualityRuleRecord
from infrastructure.dbt import DbtProject, write_dbt_project
from infrastructure.source import open_source
from infrastructure.warehouse import WarehouseBuilder

MODELS = Path(__file__).parents[3] / "infrastructure" / "warehouse" / "models"
BUILDER_ONLY = {"workbench_snapshot"}  # the run's stamp, written by the workbench's publish


def run_dbt(dbt: Path, project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(dbt), *args, "--project-dir", str(project), "--profiles-dir", str(project)],
        capture_output=True,
        text=True,
        timeout=600,
    )


def model_files() -> dict[str, str]:
    return {
        str(p.relative_to(MODELS)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(MODELS.rglob("*.sql"))
    }


@pytest.fixture(scope="module")
def dbt_project(
    dbt_command: Path,
    export: Path,
    stored_rules: list[QualityRuleRecord],
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[DbtProject, subprocess.CompletedProcess[str]]:
    before = model_files()
    project = write_dbt_project(tmp_path_factory.mktemp("dbt"), export, stored_rules, 10)
    built = run_dbt(dbt_command, project.path, "build")
    assert model_files() == before, "dbt wrote into the package's model files"
    return project, built


@pytest.fixture(scope="module")
def both(
    dbt_project: tuple[DbtProject, subprocess.CompletedProcess[str]],
    export: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[duckdb.DuckDBPyConnection]:
    project, built = dbt_project
    assert built.returncode == 0, built.stdout[-3000:]
    ingested = tmp_path_factory.mktemp("ingest") / "warehouse.duckdb"
    with open_source(export) as source:
        WarehouseBuilder(purchase_tolerance_days=10).build(source, ingested)
    built_by_dbt = ingested.with_name("dbt.duckdb")  # a copy: the later tests run dbt again
    shutil.copyfile(project.path / "warehouse.duckdb", built_by_dbt)
    con = duckdb.connect()
    con.execute("ATTACH ? AS ingest (READ_ONLY)", [str(ingested)])
    con.execute("ATTACH ? AS dbt (READ_ONLY)", [str(built_by_dbt)])
    yield con
    con.close()


def tables(con: duckdb.DuckDBPyConnection, database: str) -> dict[str, list[tuple[str, str]]]:
    rows = con.execute(
        "SELECT table_name, column_name, data_type FROM duckdb_columns() "
        "WHERE database_name = ? ORDER BY table_name, column_index",
        [database],
    ).fetchall()
    found: dict[str, list[tuple[str, str]]] = {}
    for table, column, data_type in rows:
        found.setdefault(table, []).append((column, data_type))
    return found


def test_dbt_duckdb_runs_on_duckdb_2(
    dbt_project: tuple[DbtProject, subprocess.CompletedProcess[str]],
) -> None:
    project, built = dbt_project
    assert int(duckdb.__version__.split(".")[0]) >= 2, duckdb.__version__
    assert built.returncode == 0, built.stdout[-3000:]
    results = json.loads((project.path / "target" / "run_results.json").read_text())
    statuses = {r["unique_id"].split(".")[0]: r["status"] for r in results["results"]}
    assert set(statuses.values()) == {"success", "pass"}
    with duckdb.connect(str(project.path / "warehouse.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM fct_orders").fetchone()[0] > 1000


def test_the_same_tables_with_the_same_columns(both: duckdb.DuckDBPyConnection) -> None:
    ingest, dbt = tables(both, "ingest"), tables(both, "dbt")
    assert set(ingest) - BUILDER_ONLY == set(dbt)
    for table, columns in dbt.items():
        assert columns == ingest[table], table


def test_every_table_row_for_row_and_to_the_cent(both: duckdb.DuckDBPyConnection) -> None:
    """EXCEPT ALL both ways. Money is DECIMAL and compared exactly; a DOUBLE (an average of
    delivery days) is compared to 9 decimals: a parallel sum adds in any order."""
    for table, columns in tables(both, "dbt").items():
        shown = ", ".join(
            f'round("{c}", 9)' if t in ("DOUBLE", "FLOAT") else f'"{c}"' for c, t in columns
        )
        for left, right in (("ingest", "dbt"), ("dbt", "ingest")):
            extra = both.execute(
                f"SELECT count(*) FROM (SELECT {shown} FROM {left}.main.{table} "
                f"EXCEPT ALL SELECT {shown} FROM {right}.main.{table})"
            ).fetchone()[0]
            assert extra == 0, f"{table}: {extra} rows of {left} are not in {right}"


def test_the_same_macros_with_the_same_comments(both: duckdb.DuckDBPyConnection) -> None:
    def described(database: str) -> set[tuple[str, str, str | None]]:
        sql = (
            "SELECT DISTINCT function_name, function_type, comment FROM duckdb_functions() "
            "WHERE database_name = ? AND schema_name = 'main'"
        )
        return set(both.execute(sql, [database]).fetchall())

    assert described("dbt") == described("ingest") != set()

    def column_comments(database: str) -> set[tuple[str, str, str | None]]:
        sql = (
            "SELECT table_name, column_name, comment FROM duckdb_columns() "
            "WHERE database_name = ? AND comment IS NOT NULL"
        )
        return set(both.execute(sql, [database]).fetchall())

    assert column_comments("dbt") == column_comments("ingest") != set()


def test_docs_show_the_lineage_and_the_contracts_descriptions(
    dbt_command: Path, dbt_project: tuple[DbtProject, subprocess.CompletedProcess[str]]
) -> None:
    project, _ = dbt_project
    generated = run_dbt(dbt_command, project.path, "docs", "generate")
    assert generated.returncode == 0, generated.stdout[-3000:]
    manifest = json.loads((project.path / "target" / "manifest.json").read_text())
    parents = manifest["parent_map"]
    assert "model.olist_workbench.stg_orders" in parents["model.olist_workbench.fct_orders"]
    assert "source.olist_workbench.olist.orders" in parents["model.olist_workbench.stg_orders"]
    assert "model.olist_workbench.kpi_monthly" in parents["model.olist_workbench.mart_kpi_monthly"]
    fct_orders = manifest["nodes"]["model.olist_workbench.fct_orders"]
    assert fct_orders["columns"]["is_late"]["description"].startswith("Delivered on a day after")
    catalog = json.loads((project.path / "target" / "catalog.json").read_text())
    assert "model.olist_workbench.fct_orders" in catalog["nodes"]


def test_a_failing_critical_rule_fails_dbt_build(
    dbt_command: Path,
    dbt_project: tuple[DbtProject, subprocess.CompletedProcess[str]],
    export: Path,
    stored_rules: list[QualityRuleRecord],
) -> None:
    """The generated tests can fail: undelivered orders have no delivery time."""
    project, _ = dbt_project
    strict = QualityRuleRecord(
        "orders.always.delivered",
        "every order was delivered",
        "not_null",
        "fct_orders",
        {"columns": ["delivered_customer_at"], "key": ["order_id"]},
        Severity.CRITICAL,
    )
    write_dbt_project(project.path, export, [*stored_rules, strict], 10)
    tested = run_dbt(dbt_command, project.path, "test", "--select", "test_type:singular")
    assert tested.returncode == 1
    assert "quality_orders_always_delivered" in tested.stdout
    assert "ERROR=1" in tested.stdout
