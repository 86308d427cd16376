-- PostgreSQL translation of infrastructure/warehouse/models/marts/mart_kpi_daily_states.sql (sha256
-- 2940475eca6a). The dialects differ in:
-- - group by all -> the two keys spelled out.
-- The rest is the DuckDB text as it is.
select
    purchase_day,
    customer_state,
    sum(orders)::bigint as orders,
    sum(sale_orders)::bigint as sale_orders,
    sum(gmv)::decimal(18, 2) as gmv,
    sum(only_order_customers)::bigint as only_order_customers,
    sum(new_customers)::bigint as new_customers,
    sum(canceled_orders)::bigint as canceled_orders,
    sum(unavailable_orders)::bigint as unavailable_orders,
    sum(not_fulfilled_orders)::bigint as not_fulfilled_orders,
    sum(delivered_orders)::bigint as delivered_orders,
    sum(late_orders)::bigint as late_orders,
    sum(delivery_days_sum) as delivery_days_sum,
    sum(delivery_days_count)::bigint as delivery_days_count,
    sum(reviewed_orders)::bigint as reviewed_orders,
    sum(review_score_sum) as review_score_sum,
    sum(payment_value)::decimal(18, 2) as payment_value
from mart_kpi_daily
group by purchase_day, customer_state
order by purchase_day, customer_state
