-- unique: values of the checked columns held by more than one row; each extra row is a failure.
select
    $sample_key as sample_key,
    count(*) - 1 as failing_weight,
    $shown,
    count(*) as occurrences
from $model as t
group by $shown
having count(*) > 1
