"""The Dagster definitions of the workbench: the warehouse assets and their checks, the job
that ingests, the drop-folder sensor and the daily schedule."""

# No `from __future__ import annotations`: Dagster reads the decorated functions' annotations
# (config and resource parameters) as types, not strings.
import dagster as dg

from workbench.orchestration.drop_folder import dropped_exports, next_tick
from workbench.orchestration.resource import WorkbenchResource
from workbench.orchestration.warehouse_assets import source_specs, warehouse_assets

JOB = "ingest"
SENSOR = "drop_folder"
SCHEDULE = "daily"
DAILY_CRON = "0 5 * * *"  # each morning (UTC), on the newest export of the drop folder


def build_definitions(workbench: WorkbenchResource) -> dg.Definitions:
    """The definitions for the warehouse, the models and the rules that `workbench` knows now."""
    with workbench.container() as container:
        lineage = container.model_lineage()()
        rules = container.metadata_store().list_rules()
        file_names = container.source_file_names()
    warehouse = warehouse_assets(lineage, rules, file_names)
    ingest = dg.define_asset_job(JOB, selection=dg.AssetSelection.assets(warehouse))

    @dg.sensor(name=SENSOR, job=ingest, minimum_interval_seconds=30)
    def drop_folder(
        context: dg.SensorEvaluationContext, workbench: WorkbenchResource
    ) -> dg.SensorResult:
        """Start a run when a new export (a folder of the nine CSVs or a .zip) lands in the
        drop folder (setting dagster_drop_dir)."""
        drop_dir = workbench.settings().dagster_drop_dir
        tick = next_tick(dropped_exports(drop_dir, file_names), context.cursor)
        if tick.export is None:
            return dg.SensorResult(skip_reason=f"no new export in {drop_dir}", cursor=tick.cursor)
        request = dg.RunRequest(
            run_key=tick.export.signature,  # the daemon never starts two runs for one key
            run_config={"ops": {"warehouse": {"config": {"source": str(tick.export.path)}}}},
        )
        return dg.SensorResult(run_requests=[request], cursor=tick.cursor)

    daily = dg.ScheduleDefinition(
        name=SCHEDULE, job=ingest, cron_schedule=DAILY_CRON, execution_timezone="UTC"
    )
    return dg.Definitions(
        assets=[*source_specs(lineage), warehouse],
        jobs=[ingest],
        sensors=[drop_folder],
        schedules=[daily],
        resources={"workbench": workbench},
    )
