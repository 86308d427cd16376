-- The first failing rows of each rule's result per run (capped by quality_sample_rows), so a
-- past run's failures can still be opened after newer runs replaced the warehouse (PostgreSQL).
CREATE TABLE quality_failing_samples (
    run_id BIGINT NOT NULL REFERENCES ingestion_runs (run_id) ON DELETE CASCADE,
    rule_id TEXT NOT NULL,
    column_names TEXT NOT NULL,
    row_values TEXT NOT NULL,
    PRIMARY KEY (run_id, rule_id)
);
