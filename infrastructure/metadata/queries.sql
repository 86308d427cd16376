-- Queries of the metadata store, shared by the SQLite and PostgreSQL adapters.
-- Each query starts with "-- name: <query name>"; parameters are written $name.

-- name: schema_version
SELECT COALESCE(MAX(version), 0) FROM schema_version;

-- name: record_migration
INSERT INTO schema_version VALUES ($version, $name, $applied_at);

-- name: start_run
INSERT INTO ingestion_runs
    (status, source_path, source_fingerprint, host, pid, started_at, warehouse_id, started_by)
VALUES ('running', $source_path, $fingerprint, $host, $pid, $started_at, $warehouse_id, $started_by)
RETURNING run_id;

-- name: record_fingerprint
UPDATE ingestion_runs SET source_fingerprint = $fingerprint WHERE run_id = $run_id;

-- name: record_step
INSERT INTO run_steps (run_id, seq, name, status, rows, duration_ms, detail)
VALUES ($run_id, $seq, $name, $status, $rows, $duration_ms, $detail)
ON CONFLICT (run_id, seq) DO UPDATE SET
    name = excluded.name, status = excluded.status, rows = excluded.rows,
    duration_ms = excluded.duration_ms, detail = excluded.detail;

-- name: finish_run
UPDATE ingestion_runs
SET status = $status, finished_at = $finished_at, error = $error,
    warehouse_path = $warehouse_path, as_of = $as_of, row_counts = $row_counts,
    blocking_rules = $blocking_rules, publishing = FALSE
WHERE run_id = $run_id;

-- name: mark_publishing
UPDATE ingestion_runs
SET publishing = TRUE, warehouse_path = $warehouse_path, as_of = $as_of, row_counts = $row_counts
WHERE run_id = $run_id AND status = 'running';

-- name: get_run
SELECT run_id, status, source_path, source_fingerprint, host, pid, started_at, finished_at,
       warehouse_path, as_of, row_counts, error, blocking_rules, warehouse_id, publishing,
       started_by
FROM ingestion_runs WHERE run_id = $run_id;

-- name: list_runs
SELECT run_id, status, source_path, source_fingerprint, host, pid, started_at, finished_at,
       warehouse_path, as_of, row_counts, error, blocking_rules, warehouse_id, publishing,
       started_by
FROM ingestion_runs WHERE ($warehouse_id = '' OR warehouse_id = $warehouse_id)
ORDER BY run_id DESC LIMIT $limit;

-- name: latest_run_with_status
SELECT run_id, status, source_path, source_fingerprint, host, pid, started_at, finished_at,
       warehouse_path, as_of, row_counts, error, blocking_rules, warehouse_id, publishing,
       started_by
FROM ingestion_runs
WHERE status = $status AND ($warehouse_id = '' OR warehouse_id = $warehouse_id)
ORDER BY run_id DESC LIMIT 1;

-- name: latest_run_of_warehouse
SELECT run_id, status, source_path, source_fingerprint, host, pid, started_at, finished_at,
       warehouse_path, as_of, row_counts, error, blocking_rules, warehouse_id, publishing,
       started_by
FROM ingestion_runs WHERE ($warehouse_id = '' OR warehouse_id = $warehouse_id)
ORDER BY run_id DESC LIMIT 1;

-- name: previous_run_with_status
SELECT run_id, status, source_path, source_fingerprint, host, pid, started_at, finished_at,
       warehouse_path, as_of, row_counts, error, blocking_rules, warehouse_id, publishing,
       started_by
FROM ingestion_runs
WHERE status = $status AND run_id < $run_id
  AND warehouse_id = (SELECT warehouse_id FROM ingestion_runs WHERE run_id = $run_id)
ORDER BY run_id DESC LIMIT 1;

-- name: run_steps
SELECT name, seq, status, rows, duration_ms, detail FROM run_steps
WHERE run_id = $run_id ORDER BY seq;

-- name: mark_interrupted
UPDATE ingestion_runs
SET status = 'interrupted', finished_at = $finished_at, error = $reason, publishing = FALSE
WHERE run_id = $run_id AND status = 'running' AND NOT publishing
RETURNING run_id;

-- name: list_rules
SELECT rule_id, description, kind, model, params, severity, threshold, enabled
FROM quality_rules ORDER BY rule_id;

-- name: save_rule
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES
    ($rule_id, $description, $kind, $model, $params, $severity, $threshold, $enabled, $updated_at)
ON CONFLICT (rule_id) DO UPDATE SET
    description = excluded.description, kind = excluded.kind, model = excluded.model,
    params = excluded.params, severity = excluded.severity, threshold = excluded.threshold,
    enabled = excluded.enabled, updated_at = excluded.updated_at;

-- name: update_rule
UPDATE quality_rules
SET severity = COALESCE($severity, severity), threshold = COALESCE($threshold, threshold),
    enabled = COALESCE($enabled, enabled), updated_at = $updated_at
WHERE rule_id = $rule_id;

-- name: save_result
INSERT INTO quality_results
    (run_id, rule_id, status, severity, failing_count, sample_keys, duration_ms, message,
     executed_at)
VALUES
    ($run_id, $rule_id, $status, $severity, $failing_count, $sample_keys, $duration_ms, $message,
     $executed_at)
ON CONFLICT (run_id, rule_id) DO UPDATE SET
    status = excluded.status, severity = excluded.severity,
    failing_count = excluded.failing_count, sample_keys = excluded.sample_keys,
    duration_ms = excluded.duration_ms, message = excluded.message,
    executed_at = excluded.executed_at;

-- name: delete_failing_sample
DELETE FROM quality_failing_samples WHERE run_id = $run_id AND rule_id = $rule_id;

-- name: save_failing_sample
INSERT INTO quality_failing_samples (run_id, rule_id, column_names, row_values)
VALUES ($run_id, $rule_id, $column_names, $row_values);

-- name: failing_sample
SELECT column_names, row_values FROM quality_failing_samples
WHERE run_id = $run_id AND rule_id = $rule_id;

-- name: results_for_run
SELECT run_id, rule_id, status, failing_count, severity, sample_keys, duration_ms, message
FROM quality_results WHERE run_id = $run_id ORDER BY rule_id;

-- name: recent_results
SELECT run_id, rule_id, status, failing_count, severity, sample_keys, duration_ms, message
FROM quality_results
WHERE run_id IN (
    SELECT DISTINCT q.run_id FROM quality_results q JOIN ingestion_runs r ON r.run_id = q.run_id
    WHERE ($warehouse_id = '' OR r.warehouse_id = $warehouse_id)
    ORDER BY q.run_id DESC LIMIT $runs
)
ORDER BY run_id, rule_id;

-- name: delete_segment_sizes
DELETE FROM segment_snapshots WHERE run_id = $run_id;

-- name: save_segment_size
INSERT INTO segment_snapshots (run_id, segment, customers, revenue)
VALUES ($run_id, $segment, $customers, $revenue);

-- name: save_segment_assignments
INSERT INTO segment_assignments (run_id, encoding, customers, payload)
VALUES ($run_id, $encoding, $customers, $payload)
ON CONFLICT (run_id) DO UPDATE SET
    encoding = excluded.encoding, customers = excluded.customers, payload = excluded.payload;

-- name: forget_segment_migrations
DELETE FROM segment_migrations WHERE previous_run = $run_id OR current_run = $run_id;

-- name: delete_segment_migration
DELETE FROM segment_migrations WHERE previous_run = $previous_run AND current_run = $current_run;

-- name: save_segment_migration
INSERT INTO segment_migrations (previous_run, current_run, from_segment, to_segment, customers)
VALUES ($previous_run, $current_run, $from_segment, $to_segment, $customers)
ON CONFLICT (previous_run, current_run, from_segment, to_segment) DO UPDATE SET
    customers = excluded.customers;

-- name: segment_migration
SELECT from_segment, to_segment, customers FROM segment_migrations
WHERE previous_run = $previous_run AND current_run = $current_run;

-- name: segment_sizes
SELECT segment, customers, revenue FROM segment_snapshots
WHERE run_id = $run_id ORDER BY customers DESC, segment;

-- name: segment_assignments
SELECT encoding, payload FROM segment_assignments WHERE run_id = $run_id;

-- name: segment_snapshot_runs
SELECT a.run_id FROM segment_assignments a JOIN ingestion_runs r ON r.run_id = a.run_id
WHERE ($warehouse_id = '' OR r.warehouse_id = $warehouse_id)
ORDER BY a.run_id DESC LIMIT $limit;

-- name: prune_segment_assignments
DELETE FROM segment_assignments
WHERE run_id IN (
    SELECT run_id FROM ingestion_runs WHERE $warehouse_id = '' OR warehouse_id = $warehouse_id
) AND run_id NOT IN (
    SELECT a.run_id FROM segment_assignments a JOIN ingestion_runs r ON r.run_id = a.run_id
    WHERE ($warehouse_id = '' OR r.warehouse_id = $warehouse_id)
    ORDER BY a.run_id DESC LIMIT $keep
)
RETURNING run_id;

-- name: record_export
INSERT INTO exports (run_id, view, format, path, rows, created_at)
VALUES ($run_id, $view, $format, $path, $rows, $created_at)
RETURNING export_id;

-- name: list_exports
SELECT export_id, run_id, view, format, path, rows, created_at
FROM exports ORDER BY export_id DESC LIMIT $limit;

-- name: save_view
INSERT INTO saved_views (name, view, grain, filters, saved_by, saved_at)
VALUES ($name, $view, $grain, $filters, $saved_by, $saved_at)
ON CONFLICT (name) DO UPDATE SET
    view = excluded.view, grain = excluded.grain, filters = excluded.filters,
    saved_by = excluded.saved_by, saved_at = excluded.saved_at;

-- name: list_saved_views
SELECT name, view, grain, filters, saved_by, saved_at FROM saved_views ORDER BY name;

-- name: delete_saved_view
DELETE FROM saved_views WHERE name = $name RETURNING name;
