-- not_null: rows where any of the checked columns is missing.
select $sample_key as sample_key, 1 as failing_weight, $shown
from $model as t
where $any_null
