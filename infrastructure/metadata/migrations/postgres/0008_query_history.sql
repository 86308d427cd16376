-- The SQL console's history (every query run: text, when, who, duration, rows or error) and its
-- named saved queries, shared by everyone on the same database (PostgreSQL).
CREATE TABLE query_history (
    query_id BIGSERIAL PRIMARY KEY,
    sql_text TEXT NOT NULL,
    ran_at TIMESTAMP NOT NULL,
    ran_by TEXT NOT NULL DEFAULT '',
    duration_ms DOUBLE PRECISION NOT NULL,
    row_count BIGINT,
    error TEXT NOT NULL DEFAULT '',
    warehouse_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX query_history_ran_at ON query_history (ran_at);
CREATE TABLE saved_queries (
    name TEXT PRIMARY KEY CHECK (length(trim(name)) > 0),
    sql_text TEXT NOT NULL,
    saved_by TEXT NOT NULL DEFAULT '',
    saved_at TIMESTAMP NOT NULL
);
