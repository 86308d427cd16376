-- What the table of segment_customers is measured on (application/table_rows.py: Extremes):
-- the count and each column's widest values of $segment's customers (every scored customer
-- when $segment is null), kept at build in mart_segment_extremes. A segment without a customer
-- has no row there: it comes back with `rows` 0 and the rest null.
select extremes.* exclude (segment, every_segment) replace (coalesce(extremes.rows, 0) as rows)
from (select $segment as segment) as wanted
left join mart_segment_extremes as extremes
    on extremes.segment = wanted.segment
    or (wanted.segment is null and extremes.every_segment)
