-- The rows of $model whose leading key column $lead is at most its $probe_rows-th smallest value:
-- every group of a key starting with such a value is whole here, and sorts before the groups of
-- every other row (nulls sort last, so a group with a null lead never comes first). No such value
-- (fewer rows) leaves no rows: the whole query answers.
-- The `<=` alone lets the scan skip the row groups past the value.
select *
from $model as lead_rows
where $lead <= (
    select $lead from $model where $lead is not null order by $lead limit 1 offset $probe_rows
)
