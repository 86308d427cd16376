-- row_count_change: the model's rows now against the previous published run; the rows lost
-- (or, in direction "both", lost or gained) are the failures. No previous run: nothing fails.
with current_count as (
    select count(*) as current_rows from $model
)

select
    $model_name as sample_key,
    case
        when $direction = 'both' then abs(current_rows - $previous_rows::bigint)
        else greatest($previous_rows::bigint - current_rows, 0)
    end as failing_weight,
    $model_name as model,
    $previous_run_id::bigint as previous_run,
    $previous_rows::bigint as previous_rows,
    current_rows,
    current_rows - $previous_rows::bigint as change
from current_count
