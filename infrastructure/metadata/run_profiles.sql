-- Run profiles and source columns for the monitors (both dialects; $name parameters).

-- name: save_profile
INSERT INTO run_profiles (run_id, metrics) VALUES ($run_id, $metrics)
ON CONFLICT (run_id) DO UPDATE SET metrics = excluded.metrics;

-- name: profile
SELECT metrics FROM run_profiles WHERE run_id = $run_id;

-- name: published_history
SELECT p.metrics
FROM run_profiles AS p
JOIN ingestion_runs AS r ON r.run_id = p.run_id
WHERE r.status = 'succeeded' AND r.run_id < $run_id
  AND r.warehouse_id = (SELECT warehouse_id FROM ingestion_runs WHERE run_id = $run_id)
ORDER BY r.run_id DESC
LIMIT $runs;

-- name: save_source_columns
INSERT INTO run_source_columns (run_id, columns) VALUES ($run_id, $columns)
ON CONFLICT (run_id) DO UPDATE SET columns = excluded.columns;

-- name: source_columns
SELECT columns FROM run_source_columns WHERE run_id = $run_id;
