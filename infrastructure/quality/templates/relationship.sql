-- relationship: rows whose foreign key (when present) matches no row of the referenced model.
select $sample_key as sample_key, 1 as failing_weight, $shown
from $model as t
anti join $to_model as p on $join_condition
where $all_present
