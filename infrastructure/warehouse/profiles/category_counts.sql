-- Rows per value of one categorical column (a missing value counted as '(none)').
select coalesce($column::varchar, '(none)') as category, count(*) as rows
from $table
group by category
