-- One rule's verdict without its rows: failures (weighted), the failing rows themselves (a unique
-- key's: its groups), rows checked, and $first_leads: the smallest leading key values among the
-- failing rows (null for a check without a leading key), the values among whose rows
-- first_failing.sql then finds the first failing rows, and $null_leads: the failing rows whose
-- leading key value is null (0 without a leading key).
select
    coalesce(sum(failing_weight) filter (where failing_weight > 0), 0)::bigint as failing_count,
    count(*) filter (where failing_weight > 0) as listed_rows,
    ($checked)::bigint as checked_count,
    $first_leads as first_leads,
    $null_leads as null_leads
from (
$failing
) as failing
