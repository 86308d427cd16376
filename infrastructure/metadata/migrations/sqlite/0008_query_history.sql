-- The SQL console's history (every query run: text, when, who, duration, rows or error) and its
-- named saved queries (SQLite dialect).
CREATE TABLE query_history (
    query_id INTEGER PRIMARY KEY AUTOINCREMENT,
    sql_text TEXT NOT NULL,
    ran_at TEXT NOT NULL,
    ran_by TEXT NOT NULL DEFAULT '',
    duration_ms REAL NOT NULL,
    row_count INTEGER,
    error TEXT NOT NULL DEFAULT '',
    warehouse_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX query_history_ran_at ON query_history (ran_at);
CREATE TABLE saved_queries (
    name TEXT PRIMARY KEY CHECK (length(trim(name)) > 0),
    sql_text TEXT NOT NULL,
    saved_by TEXT NOT NULL DEFAULT '',
    saved_at TEXT NOT NULL
);
