-- The rows of $model whose leading key column $lead is at most $lead_bound, a value of it read
-- from the rule's failing rows: every group of a key starting with such a value is whole here, and
-- sorts before the groups of every other row (nulls sort last). A bound parameter, so the scan
-- skips the row groups past it.
select *
from $model as lead_rows
where $lead <= $lead_bound
