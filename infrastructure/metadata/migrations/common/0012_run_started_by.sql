-- Who started a run (issue 19): the workbench's own commands and screens, or an orchestrator
-- such as Dagster naming its sensor, schedule or user ("dagster: sensor drop_folder"). Runs
-- recorded before it have ''.
ALTER TABLE ingestion_runs ADD COLUMN started_by TEXT NOT NULL DEFAULT '';
