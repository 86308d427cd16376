-- The distinct values of a text column with few of them (nulls aside), sorted.
select distinct $column::varchar as value
from $model
where $column is not null
order by value
