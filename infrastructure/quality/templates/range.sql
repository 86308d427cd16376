-- range: rows whose value (when present) lies below the minimum or above the maximum; a missing
-- bound is open, an exclusive bound rejects the bound itself.
select $sample_key as sample_key, 1 as failing_weight, $shown
from $model as t
where coalesce($column < $min or ($column = $min and not $min_inclusive), false)
    or coalesce($column > $max or ($column = $max and not $max_inclusive), false)
