-- Named KPI views (filters + view + grain), shared by everyone on the same database (PostgreSQL).
CREATE TABLE saved_views (
    name TEXT PRIMARY KEY CHECK (length(trim(name)) > 0),
    view TEXT NOT NULL,
    grain TEXT NOT NULL,
    filters TEXT NOT NULL,
    saved_by TEXT NOT NULL DEFAULT '',
    saved_at TIMESTAMP NOT NULL
);
