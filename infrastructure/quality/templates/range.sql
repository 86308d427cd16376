-- range: rows whose value (when present) lies below the minimum or above the maximum; a missing
-- bound is open, an exclusive bound rejects the bound itself ($out_of_range: the comparisons).
select $sample_key as sample_key, 1 as failing_weight, $shown
from $model as t
where $out_of_range
