-- One rule's verdict in one pass over its failing rows: failures (weighted), rows checked, the
-- first sample keys and the first failing rows to keep with the result ($kept_rows: kept_rows.sql,
-- or null when the run keeps none). Templates may return passing units too, with failing_weight 0.
select
    coalesce(sum(failing_weight) filter (where failing_weight > 0), 0)::bigint as failing_count,
    ($checked)::bigint as checked_count,
    coalesce(min(sample_key, $sample_limit) filter (where failing_weight > 0)::varchar[], [])
        as sample_keys,
    $kept_rows as failing_rows
from (
$failing
) as failing
