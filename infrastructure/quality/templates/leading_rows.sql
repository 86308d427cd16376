-- The rows of $model whose leading key column $lead is at most its $probe_rows-th smallest value,
-- or null: every group of a key starting with such a value is whole here, and sorts before the
-- groups of every other row. No such value (fewer rows) leaves the rows with a null lead only.
-- Two scans, not one `or`: the `<=` alone lets the scan skip the row groups past the value.
select *
from $model as lead_rows
where $lead <= (
    select $lead from $model where $lead is not null order by $lead limit 1 offset $probe_rows
)
union all
select *
from $model as lead_rows
where $lead is null
