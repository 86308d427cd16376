-- How many customers went from each segment of one run to each of another (issue 16): counted
-- once, when a run's assignment is stored or a pair is first compared, then read in place of
-- comparing the two assignments (~9.5M customers each at scale 100) on every open. '(new)' and
-- '(gone)' stand for customers scored in only one of the two runs.
CREATE TABLE segment_migrations (
    previous_run BIGINT NOT NULL REFERENCES ingestion_runs (run_id) ON DELETE CASCADE,
    current_run BIGINT NOT NULL REFERENCES ingestion_runs (run_id) ON DELETE CASCADE,
    from_segment TEXT NOT NULL,
    to_segment TEXT NOT NULL,
    customers BIGINT NOT NULL,
    PRIMARY KEY (previous_run, current_run, from_segment, to_segment)
);
