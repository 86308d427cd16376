-- The rows behind one rule's failures, keys and offending values, for the drill-down.
select * exclude (sample_key, failing_weight)
from (
$failing
) as failing
where failing_weight > 0
order by sample_key
limit $row_limit
