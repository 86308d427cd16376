-- reconciliation: every source-to-warehouse check (row counts and money totals, to the cent);
-- a check whose warehouse figure differs from the source is a failure.
select
    check_name as sample_key,
    (expected <> actual)::int as failing_weight,
    check_name,
    unit,
    expected,
    actual,
    actual - expected as difference
from ($reconcile) as checks
