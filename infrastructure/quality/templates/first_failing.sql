-- A failing rule's first sample keys and first failing rows to keep ($kept_rows: kept_rows.sql,
-- or null when the run keeps none), how many failing rows they were chosen from, and
-- $first_leads as counts.sql has them: over the rule's whole failing query, or over the rows up to
-- a leading key value only (rows_up_to.sql).
select
    count(*) filter (where failing_weight > 0) as listed_rows,
    coalesce(min(sample_key, $sample_limit) filter (where failing_weight > 0)::varchar[], [])
        as sample_keys,
    $kept_rows as failing_rows,
    $first_leads as first_leads
from (
$failing
) as failing
