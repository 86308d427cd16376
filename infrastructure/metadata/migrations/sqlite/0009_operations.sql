-- Operations (issue 20): the checksum of each published snapshot, taken when it was published, and
-- every attempt to deliver an alert (SQLite dialect).
CREATE TABLE snapshot_checksums (
    run_id INTEGER PRIMARY KEY,
    warehouse_id TEXT NOT NULL DEFAULT '',
    sha256 TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    recorded_at TEXT NOT NULL
);

CREATE TABLE alert_deliveries (
    delivery_id INTEGER PRIMARY KEY AUTOINCREMENT,
    alert_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    severity TEXT NOT NULL,
    run_id INTEGER,
    warehouse_id TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL,
    notifier TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    ok INTEGER NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    attempted_at TEXT NOT NULL
);
CREATE INDEX alert_deliveries_time ON alert_deliveries (attempted_at);
