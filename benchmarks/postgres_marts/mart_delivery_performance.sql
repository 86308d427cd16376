-- PostgreSQL translation of infrastructure/warehouse/models/marts/mart_delivery_performance.sql.
-- What had to change:
-- - date_diff('second', a, b) / 86400.0 -> extract(epoch from b - a)::double precision / 86400.0;
-- - date_diff('day', a::date, b::date) -> b::date - a::date;
-- - count / count is integer division in PostgreSQL: late_rate casts to double precision;
-- - median(x) -> percentile_cont(0.5) within group (order by x) (DuckDB's median of a DOUBLE
--   interpolates the same way);
-- - avg() of an integer is numeric in PostgreSQL, DOUBLE in DuckDB: avg_days_after_estimate is
--   cast to double precision.
with delivered_orders as (
    select
        purchase_month as month,
        customer_state,
        is_late,
        delivery_days,
        extract(epoch from estimated_delivery_date - purchased_at)::double precision / 86400.0
            as promised_days,
        delivered_customer_at::date - estimated_delivery_date::date as days_after_estimate
    from fct_orders
    where is_delivered_with_date
)

select
    month,
    customer_state,
    count(*) as delivered_orders,
    count(*) filter (where is_late) as late_orders,
    (count(*) filter (where is_late))::double precision / count(*) as late_rate,
    avg(delivery_days) as avg_delivery_days,
    percentile_cont(0.5) within group (order by delivery_days) as median_delivery_days,
    avg(promised_days) as avg_promised_days,
    avg(days_after_estimate)::double precision as avg_days_after_estimate
from delivered_orders
group by month, customer_state
order by month, customer_state
