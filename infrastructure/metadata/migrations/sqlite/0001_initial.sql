-- Runs, steps, quality rules and results, segment snapshots and exports (SQLite dialect).
CREATE TABLE ingestion_runs (
    run_id INTEGER PRIMARY KEY AUTOINCREMENT,
    status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'blocked', 'cancelled', 'interrupted')),
    source_path TEXT NOT NULL,
    source_fingerprint TEXT NOT NULL DEFAULT '',
    host TEXT NOT NULL DEFAULT '',
    pid INTEGER NOT NULL DEFAULT 0,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    warehouse_path TEXT NOT NULL DEFAULT '',
    as_of TEXT,
    row_counts TEXT NOT NULL DEFAULT '{}',
    error TEXT NOT NULL DEFAULT '',
    blocking_rules TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX ingestion_runs_status ON ingestion_runs (status);

CREATE TABLE run_steps (
    run_id INTEGER NOT NULL REFERENCES ingestion_runs (run_id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    rows INTEGER NOT NULL DEFAULT 0,
    duration_ms REAL NOT NULL DEFAULT 0,
    detail TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (run_id, seq)
);

CREATE TABLE quality_rules (
    rule_id TEXT PRIMARY KEY,
    description TEXT NOT NULL,
    kind TEXT NOT NULL,
    model TEXT NOT NULL,
    params TEXT NOT NULL DEFAULT '{}',
    severity TEXT NOT NULL CHECK (severity IN ('critical', 'error', 'warning', 'info')),
    threshold REAL NOT NULL DEFAULT 0,
    enabled INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL
);

CREATE TABLE quality_results (
    run_id INTEGER NOT NULL REFERENCES ingestion_runs (run_id) ON DELETE CASCADE,
    rule_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pass', 'fail', 'error')),
    severity TEXT NOT NULL,
    failing_count INTEGER NOT NULL DEFAULT 0,
    sample_keys TEXT NOT NULL DEFAULT '[]',
    duration_ms REAL NOT NULL DEFAULT 0,
    message TEXT NOT NULL DEFAULT '',
    executed_at TEXT NOT NULL,
    PRIMARY KEY (run_id, rule_id)
);
CREATE INDEX quality_results_rule ON quality_results (rule_id, run_id);

CREATE TABLE segment_snapshots (
    run_id INTEGER NOT NULL REFERENCES ingestion_runs (run_id) ON DELETE CASCADE,
    segment TEXT NOT NULL,
    customers INTEGER NOT NULL,
    revenue TEXT NOT NULL,
    PRIMARY KEY (run_id, segment)
);

CREATE TABLE segment_assignments (
    run_id INTEGER PRIMARY KEY REFERENCES ingestion_runs (run_id) ON DELETE CASCADE,
    encoding TEXT NOT NULL,
    customers INTEGER NOT NULL,
    payload BLOB NOT NULL
);

CREATE TABLE exports (
    export_id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id INTEGER REFERENCES ingestion_runs (run_id) ON DELETE SET NULL,
    view TEXT NOT NULL,
    format TEXT NOT NULL,
    path TEXT NOT NULL,
    rows INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
