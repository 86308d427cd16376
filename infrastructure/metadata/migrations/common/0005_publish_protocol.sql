-- The publish protocol and the warehouse a run belongs to (issue 14).
-- A run is marked `publishing` (status still 'running': SQLite cannot change the status CHECK of
-- 0001 without rebuilding the table) before its file is swapped in; the next start settles it
-- against the stamp inside the published file. `warehouse_id` names the warehouse a run built
-- (host and path), so data dirs sharing one team store keep their histories apart; runs recorded
-- before it have ''.
ALTER TABLE ingestion_runs ADD COLUMN warehouse_id TEXT NOT NULL DEFAULT '';
ALTER TABLE ingestion_runs ADD COLUMN publishing BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX ingestion_runs_warehouse ON ingestion_runs (warehouse_id, status, run_id);
