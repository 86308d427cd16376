-- The rows of $model whose leading key column $lead holds one of $lead_values, values of it read
-- from the rule's failing rows, up to $lead_bound, the last of them, and with $null_leads the rows
-- where it is null: every group of a key starting with such a value is whole here, and the groups
-- of the values sort before those of every other row (nulls sort last). The `<=` alone lets the
-- scan skip the row groups past the bound (a bound parameter); the values spare grouping the rows
-- below it that fail nothing.
select *
from $model as lead_rows
where ($lead <= $lead_bound and list_contains($lead_values, $lead))
    or ($null_leads and $lead is null)
