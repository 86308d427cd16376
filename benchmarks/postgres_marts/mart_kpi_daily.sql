-- PostgreSQL translation of infrastructure/warehouse/models/marts/mart_kpi_daily.sql (sha256
-- faa9c2f3171a). The dialects differ in:
-- - list(category order by category) -> array_agg(... order by ...), sorted "C" as DuckDB and
--   int_kpi_order_categories's translation do;
-- - group by all -> the three keys spelled out.
-- The rest is the DuckDB text as it is.
with set_ids as (
    select
        category_set_id,
        array_agg(category collate "C" order by category collate "C") as categories
    from mart_kpi_category_sets
    group by category_set_id
),

order_sets as (
    select order_categories.order_key, set_ids.category_set_id
    from int_kpi_order_categories as order_categories
    join set_ids on set_ids.categories = order_categories.categories
)

select
    orders.purchased_at::date as purchase_day,
    orders.customer_state,
    order_sets.category_set_id,
    count(*) as orders,
    count(*) filter (where orders.counts_as_sale) as sale_orders,
    (sum(orders.order_value) filter (where orders.counts_as_sale))::decimal(18, 2) as gmv,
    count(*) filter (where orders.is_only_order) as only_order_customers,
    count(*) filter (where orders.is_first_order) as new_customers,
    count(*) filter (where orders.is_canceled) as canceled_orders,
    count(*) filter (where orders.is_unavailable) as unavailable_orders,
    count(*) filter (where orders.is_not_fulfilled) as not_fulfilled_orders,
    count(*) filter (where orders.is_delivered_with_date) as delivered_orders,
    count(*) filter (where orders.is_delivered_with_date and orders.is_late) as late_orders,
    sum(orders.delivery_days) filter (where orders.is_delivered_with_date) as delivery_days_sum,
    count(orders.delivery_days) filter (where orders.is_delivered_with_date)
        as delivery_days_count,
    count(orders.review_score) as reviewed_orders,
    sum(orders.review_score) as review_score_sum,
    sum(orders.payment_value)::decimal(18, 2) as payment_value
from mart_kpi_orders as orders
left join order_sets on order_sets.order_key = orders.order_key
group by orders.purchased_at::date, orders.customer_state, order_sets.category_set_id
order by purchase_day, customer_state, category_set_id
