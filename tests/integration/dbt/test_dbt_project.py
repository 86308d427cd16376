"""`workbench dbt-project`'s writer: links into the package, sources, descriptions, rule tests.
None of this needs dbt installed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from domain.entities.quality import Severity
from domain.repositories.metadata_store import QualityRuleRecord
from infrastructure.dbt import DbtProjectError, write_dbt_project
from infrastructure.source import SourceError
from infrastructure.warehouse.catalog import all_models

MODELS = Path(__file__).parents[3] / "infrastructure" / "warehouse" / "models"


def read_yml(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))  # written as JSON, which YAML reads


def test_the_models_are_the_packages_own_files(
    export: Path, stored_rules: list[QualityRuleRecord], tmp_path: Path
) -> None:
    project = write_dbt_project(tmp_path / "p", export, stored_rules, 10)
    assert (project.path / "models").resolve() == MODELS.resolve()
    assert read_yml(project.path / "dbt_project.yml")["model-paths"] == ["models", "properties"]
    copies = [p for p in project.path.rglob("*.sql") if "models" not in p.parts]
    assert {p.parent.name for p in copies} == {"tests"}  # only the generated rule tests
    assert project.models == len(all_models())


def test_sources_read_the_files_of_a_folder_or_of_a_zip_extracted(
    export: Path, export_zip: Path, stored_rules: list[QualityRuleRecord], tmp_path: Path
) -> None:
    from_folder = write_dbt_project(tmp_path / "a", export, stored_rules, 10)
    from_zip = write_dbt_project(tmp_path / "b", export_zip, stored_rules, 10)
    assert from_folder.source_files["orders"] == (export / "olist_orders_dataset.csv").resolve()
    extracted = from_zip.source_files["orders"]
    assert extracted.is_relative_to((tmp_path / "b" / "source").resolve())
    assert extracted.read_bytes() == (export / "olist_orders_dataset.csv").read_bytes()
    sources = read_yml(tmp_path / "b" / "properties" / "sources.yml")["sources"][0]
    location = next(t for t in sources["tables"] if t["name"] == "orders")["meta"]
    assert str(extracted) in location["external_location"]


def test_descriptions_are_the_public_contracts(
    export: Path, stored_rules: list[QualityRuleRecord], tmp_path: Path
) -> None:
    write_dbt_project(tmp_path, export, stored_rules, 10)
    models = {m["name"]: m for m in read_yml(tmp_path / "properties" / "schema.yml")["models"]}
    comments = (MODELS.parent / "comments.sql").read_text(encoding="utf-8")
    fct_orders = models["fct_orders"]
    assert fct_orders["description"] in comments.replace("''", "'")
    columns = {c["name"]: c["description"] for c in fct_orders["columns"]}
    assert columns["is_late"].startswith("Delivered on a day after the estimated day")
    assert models["kpi_orders"]["config"]["materialized"] == "duckdb_macro"
    assert models["int_customer_rfm_measures"]["config"]["materialized"] == "ephemeral"


def test_every_enabled_critical_rule_becomes_one_test(
    export: Path, stored_rules: list[QualityRuleRecord], tmp_path: Path
) -> None:
    project = write_dbt_project(tmp_path, export, stored_rules, 10)
    critical = [r for r in stored_rules if r.severity is Severity.CRITICAL and r.enabled]
    assert len(project.tests) == len(critical) > 0 and not project.skipped_rules
    written = sorted(p.stem for p in (tmp_path / "tests").glob("*.sql"))
    assert written == sorted(project.tests)
    reconciliation = tmp_path / "tests" / "quality_reconciliation_source_to_warehouse.sql"
    text = reconciliation.read_text(encoding="utf-8")
    assert "{{ ref('fct_orders') }}" in text and "{{ ref('stg_orders') }}" in text


def test_a_rule_naming_a_missing_column_is_reported_not_written(
    export: Path, stored_rules: list[QualityRuleRecord], tmp_path: Path
) -> None:
    broken = QualityRuleRecord(
        "orders.nothing",
        "no such column",
        "not_null",
        "fct_orders",
        {"columns": ["no_such_column"], "key": ["order_id"]},
        Severity.CRITICAL,
    )
    project = write_dbt_project(tmp_path, export, [*stored_rules, broken], 10)
    assert len(project.skipped_rules) == 1
    assert project.skipped_rules[0].startswith("orders.nothing: ")
    assert "no_such_column" in project.skipped_rules[0]


def test_a_folder_of_the_users_in_the_links_place_is_left_alone(
    export: Path, stored_rules: list[QualityRuleRecord], tmp_path: Path
) -> None:
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "mine.sql").write_text("select 1")
    with pytest.raises(DbtProjectError, match="is not a link"):
        write_dbt_project(tmp_path, export, stored_rules, 10)
    assert (tmp_path / "models" / "mine.sql").read_text() == "select 1"


def test_a_source_missing_a_file_is_named(
    export: Path, stored_rules: list[QualityRuleRecord], tmp_path: Path
) -> None:
    partial = tmp_path / "partial"
    partial.mkdir()
    for csv in export.glob("*.csv"):
        if csv.name != "olist_orders_dataset.csv":
            (partial / csv.name).write_bytes(csv.read_bytes())
    with pytest.raises(SourceError, match=r"olist_orders_dataset\.csv"):
        write_dbt_project(tmp_path / "p", partial, stored_rules, 10)
