-- One pass over a table: its rows, and per column the values present, distinct values and (for
-- numbers) the smallest and largest, as listed by the profiler.
select count(*) as row_count, $column_stats
from $model
