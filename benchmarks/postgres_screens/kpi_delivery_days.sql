-- PostgreSQL translation of infrastructure/analytics/queries/kpi_delivery_days.sql (sha256
-- 7c731627f54c). The dialects differ in: group by all -> group by 1 (PostgreSQL has no group by
-- all). The rest is the DuckDB text as it is (its comments aside).
select
    least(floor(delivery_days), $max_days)::integer as days,
    count(*) as orders,
    count(*) filter (where is_late) as late_orders
from kpi_orders($date_from, $date_to, $states, $categories)
where is_delivered_with_date
group by 1
order by days
