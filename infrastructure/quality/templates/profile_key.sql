-- Whether two columns together name each row: no null in either, no combination twice.
select count(*) = count(distinct ($first, $second))
    and count(*) = count($first) and count(*) = count($second) as names_rows
from $model
