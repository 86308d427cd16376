-- What the table of segment_customers is measured on (application/table_rows.py: Extremes):
-- the count and each column's widest values of $segment's customers, kept at build in
-- mart_segment_extremes. A segment without a customer has no row there: it comes back with
-- `rows` 0 and the rest null. Every scored customer at once ($segment null) is not kept: the
-- count comes back with the rest null, and the caller measures them on every row.
select
    extremes.* exclude (segment) replace (coalesce(extremes.rows, kept.rows, 0) as rows)
from (select $segment as segment) as wanted
left join mart_segment_extremes as extremes on extremes.segment = wanted.segment
cross join (
    select sum(rows)::bigint as rows
    from mart_segment_extremes
    where $segment is null
) as kept
