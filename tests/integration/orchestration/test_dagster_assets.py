"""The warehouse as Dagster assets: definitions load, a materialisation is an ingestion run
(same gate, same atomic publish, same run history), and the drop-folder sensor."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

try:
    import dagster as dg
except ImportError:  # the `dagster` extra; CI installs it, so there a missing one fails
    if os.environ.get("CI") == "true":
        raise
    pytest.skip("the dagster extra is not installed", allow_module_level=True)

from domain.entities.ingestion_run import RunStatus
from domain.entities.quality import Severity
from domain.repositories.metadata_store import QualityRuleRecord
from workbench.orchestration.definitions import build_definitions
from workbench.orchestration.resource import WorkbenchResource, started_by

FIXTURE = Path(__file__).parents[2] / "fixtures" / "olist_small"
NONE_DELIVERED = QualityRuleRecord(
    "test.none_delivered",
    "no order is delivered",
    "expression",
    "fct_orders",
    {"key": ["order_id"], "predicate": "order_status <> 'delivered'"},
    Severity.CRITICAL,
)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def workbench(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> WorkbenchResource:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # no user config file
    for name in [key for key in os.environ if key.startswith("WORKBENCH_")]:
        monkeypatch.delenv(name)
    return WorkbenchResource(data_dir=str(tmp_path / "data"))


def ingest(workbench: WorkbenchResource, source: Path, **tags: str) -> dg.ExecuteInProcessResult:
    job = build_definitions(workbench).resolve_job_def("ingest")
    return job.execute_in_process(
        run_config={"ops": {"warehouse": {"config": {"source": str(source)}}}},
        instance=dg.DagsterInstance.ephemeral(),
        resources={"workbench": workbench},
        tags=tags,
        raise_on_error=False,
    )


def test_dagster_validates_the_definitions_module(tmp_path: Path) -> None:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("WORKBENCH_", "DAGSTER_"))},
        "WORKBENCH_DATA_DIR": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    dagster = Path(sys.executable).parent / "dagster"
    validated = subprocess.run(
        [str(dagster), "definitions", "validate", "-m", "workbench.orchestration"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert validated.returncode == 0, validated.stderr[-2000:]
    assert "Validation successful" in validated.stderr + validated.stdout


def test_one_asset_per_model_with_the_catalogue_graph_and_a_check_per_stored_rule(
    workbench: WorkbenchResource,
) -> None:
    with workbench.container() as container:
        lineage = container.model_lineage()()
        store = container.metadata_store()
        store.update_rule("orders.freshness", enabled=False)
        rules = [rule for rule in store.list_rules() if rule.enabled]
    graph = build_definitions(workbench).resolve_asset_graph()
    models = {model.name for model in lineage}
    assert {key.to_user_string() for key in graph.get_all_asset_keys()} == {
        *models,
        "warehouse_snapshot",
        *(f"olist/{table}" for model in lineage for table in model.upstream_sources),
    }
    fct_orders = graph.get(dg.AssetKey("fct_orders"))
    assert {key.to_user_string() for key in fct_orders.parent_keys} == {
        "stg_orders",
        "stg_customers",
        "stg_order_items",
        "stg_order_payments",
        "stg_order_reviews",
    }
    checks = {key.name: key for key in graph.asset_check_keys}
    assert len(checks) == len(rules) and "orders__freshness" not in checks
    assert checks["orders__key__unique"].asset_key == dg.AssetKey("fct_orders")
    assert checks["reconciliation__source_to_warehouse"].asset_key.to_user_string() == (
        "warehouse_snapshot"
    )
    blocking = {key.name for key in checks.values() if graph.get_check_spec(key).blocking}
    assert blocking == {
        rule.rule_id.replace(".", "__") for rule in rules if rule.severity == "critical"
    }


def test_a_sensor_started_materialisation_publishes_like_an_ingest(
    workbench: WorkbenchResource,
) -> None:
    settings = workbench.settings()
    shutil.copytree(FIXTURE, settings.dagster_drop_dir / "export-1")
    sensor = build_definitions(workbench).resolve_sensor_def("drop_folder")
    tick = sensor(dg.build_sensor_context(resources={"workbench": workbench}))
    (request,) = tick.run_requests
    job = build_definitions(workbench).resolve_job_def("ingest")
    result = job.execute_in_process(
        run_config=request.run_config,
        instance=dg.DagsterInstance.ephemeral(),
        resources={"workbench": workbench},
        tags={"dagster/sensor_name": "drop_folder"},  # what the daemon tags its runs with
    )
    assert result.success
    materialized = {e.asset_key.to_user_string() for e in result.get_asset_materialization_events()}
    with workbench.container() as container:
        assert materialized == {m.name for m in container.model_lineage()()} | {
            "warehouse_snapshot"
        }
        run = container.run_history().latest_published()
        assert run is not None and run.started_by == "dagster: sensor drop_folder"
        assert run.source_path == str(settings.dagster_drop_dir / "export-1")
        stored = {r.rule_id: r for r in container.metadata_store().results_for_run(run.run_id)}
    evaluations = {e.check_name: e for e in result.get_asset_check_evaluations()}
    assert len(evaluations) == len(stored)
    for rule_id, stored_result in stored.items():
        assert evaluations[rule_id.replace(".", "__")].passed is (stored_result.status == "pass")
    assert settings.warehouse_path.is_file()


def test_a_failing_critical_rule_materialises_nothing_and_keeps_the_snapshot(
    workbench: WorkbenchResource,
) -> None:
    assert ingest(workbench, FIXTURE).success
    published = workbench.settings().warehouse_path
    before = digest(published)
    with workbench.container() as container:
        container.metadata_store().save_rule(NONE_DELIVERED)

    blocked = ingest(workbench, FIXTURE)

    assert not blocked.success
    assert blocked.get_asset_materialization_events() == []
    failed = [e for e in blocked.get_asset_check_evaluations() if not e.passed]
    critical = [e.check_name for e in failed if e.severity is dg.AssetCheckSeverity.ERROR]
    assert critical == ["test__none_delivered"]
    assert digest(published) == before
    with workbench.container() as container:
        run = container.run_history().recent(1)[0]
    assert (run.status, run.started_by) == (RunStatus.BLOCKED, "dagster: user")
    assert run.blocking_rules == ("test.none_delivered",)


def test_a_bad_source_fails_the_run_with_one_line_naming_it(
    workbench: WorkbenchResource, tmp_path: Path
) -> None:
    missing = tmp_path / "no-such-export.zip"
    result = ingest(workbench, missing)
    assert not result.success
    (failure,) = [e for e in result.all_events if e.event_type_value == "STEP_FAILURE"]
    description = failure.step_failure_data.user_failure_data.description
    assert str(missing) in description and "Traceback" not in description
    assert not workbench.settings().warehouse_path.exists()
    with workbench.container() as container:
        run = container.run_history().recent(1)[0]
    assert (run.status, run.started_by) == (RunStatus.FAILED, "dagster: user")


def test_the_sensor_fires_once_per_new_export_and_waits_for_complete_ones(
    workbench: WorkbenchResource, tmp_path: Path
) -> None:
    drop = workbench.settings().dagster_drop_dir
    sensor = build_definitions(workbench).resolve_sensor_def("drop_folder")

    def tick(cursor: str | None) -> dg.SensorResult:
        context = dg.build_sensor_context(cursor=cursor, resources={"workbench": workbench})
        return sensor(context)

    first = tick(None)
    assert first.run_requests == [] and "no new export" in str(first.skip_reason)

    drop.mkdir(parents=True)
    partial = drop / "half-copied"
    partial.mkdir()
    shutil.copy(FIXTURE / "olist_orders_dataset.csv", partial)
    (drop / "uploading.zip").write_bytes(b"PK\x03\x04 not yet complete")
    assert tick(first.cursor).run_requests == []

    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        for csv in FIXTURE.glob("*.csv"):
            zipped.write(csv, csv.name)
    shutil.move(archive, drop / "export.zip")
    landed = tick(first.cursor)
    (request,) = landed.run_requests
    assert request.run_config["ops"]["warehouse"]["config"]["source"] == str(drop / "export.zip")
    assert tick(landed.cursor).run_requests == []  # the same export is not run twice

    replaced = drop / "export.zip"
    os.utime(replaced, ns=(replaced.stat().st_mtime_ns + 10**9,) * 2)  # copied over again
    (again,) = tick(landed.cursor).run_requests
    assert again.run_key != request.run_key


def test_who_started_a_run_comes_from_dagster_s_run_tags() -> None:
    assert started_by({"dagster/schedule_name": "daily"}) == "dagster: schedule daily"
    assert started_by({"dagster/sensor_name": "drop_folder"}) == "dagster: sensor drop_folder"
    assert started_by({}) == "dagster: user"
