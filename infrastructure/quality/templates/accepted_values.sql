-- accepted_values: rows whose value (when present) is not in the accepted list.
select $sample_key as sample_key, 1 as failing_weight, $shown
from $model as t
where $column is not null and not list_contains($accepted_values, $column::varchar)
