-- PostgreSQL translation of infrastructure/warehouse/models/marts/kpi_delivery.sql (sha256
-- e0f95f574001), the body of the SQL function kpi_delivery(...). The dialects differ in:
-- - date_diff('second', a, b) / 86400.0 -> extract(epoch from b - a)::double precision / 86400.0;
-- - date_diff('day', a::date, b::date) -> b::date - a::date;
-- - median(x) -> percentile_cont(0.5) within group (order by x) (DuckDB's median of a DOUBLE
--   interpolates the same way).
-- The rest is the DuckDB text as it is.
with delivered_orders as (
    select
        purchase_month as month,
        customer_state,
        is_late,
        delivery_days,
        extract(epoch from estimated_delivery_date - purchased_at)::double precision / 86400.0
            as promised_days,
        delivered_customer_at::date - estimated_delivery_date::date as days_after_estimate
    from kpi_orders(from_date, to_date, in_states, in_categories)
    where is_delivered_with_date
)

select
    month,
    customer_state,
    count(*) as delivered_orders,
    count(*) filter (where is_late) as late_orders,
    sum(delivery_days) as delivery_days_total,
    percentile_cont(0.5) within group (order by delivery_days) as median_delivery_days,
    sum(promised_days) as promised_days_total,
    sum(days_after_estimate) as days_after_estimate_total
from delivered_orders
group by month, customer_state
