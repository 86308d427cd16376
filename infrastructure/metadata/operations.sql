-- Queries of the operations records (migration 0009), shared by both dialects.
-- Each query starts with "-- name: <query name>"; parameters are written $name.

-- name: record_checksum
INSERT INTO snapshot_checksums (run_id, warehouse_id, sha256, size_bytes, recorded_at)
VALUES ($run_id, $warehouse_id, $sha256, $size_bytes, $recorded_at)
ON CONFLICT (run_id) DO UPDATE SET
    warehouse_id = excluded.warehouse_id, sha256 = excluded.sha256,
    size_bytes = excluded.size_bytes, recorded_at = excluded.recorded_at;

-- name: checksums
SELECT run_id, sha256, size_bytes, recorded_at FROM snapshot_checksums
WHERE warehouse_id = $warehouse_id OR $warehouse_id = ''
ORDER BY run_id DESC;

-- name: record_delivery
INSERT INTO alert_deliveries
    (alert_key, kind, severity, run_id, warehouse_id, summary, notifier, attempt, ok, detail,
     attempted_at)
VALUES ($alert_key, $kind, $severity, $run_id, $warehouse_id, $summary, $notifier, $attempt, $ok,
        $detail, $attempted_at);

-- name: deliveries
SELECT delivery_id, alert_key, kind, severity, run_id, summary, notifier, attempt, ok, detail,
       attempted_at
FROM alert_deliveries
WHERE warehouse_id = $warehouse_id OR $warehouse_id = ''
ORDER BY delivery_id DESC
LIMIT $limit;
