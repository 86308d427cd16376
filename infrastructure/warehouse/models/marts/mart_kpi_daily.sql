-- The executive KPIs' rollup, read by kpi_periods: mart_kpi_orders summed per purchase day ×
-- customer state × the order's set of categories (category_set_id, mart_kpi_category_sets; NULL
-- for an order without items). Every filter of the dashboards selects whole rows (a day range,
-- states, categories: the sets with a member among them), so each figure is a sum over them:
-- counts, money in exact DECIMAL(18, 2) as every money column, the sums and counts behind each
-- mean. only_order_customers counts the people whose order is their only one (is_only_order);
-- the others are counted by a distinct over mart_kpi_daily_customers. The definitions of each
-- figure are the flags of mart_kpi_orders (fct_orders) and kpi_periods; under a category filter
-- the GMV is that of the categories' items alone: mart_kpi_daily_categories.
-- depends_on: {{ ref('mart_kpi_orders') }}
with set_ids as (
    select category_set_id, list(category order by category) as categories
    from {{ ref('mart_kpi_category_sets') }}
    group by category_set_id
),

order_sets as (
    select order_categories.order_key, set_ids.category_set_id
    from {{ ref('int_kpi_order_categories') }} as order_categories
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
from {{ ref('mart_kpi_orders') }} as orders
left join order_sets on order_sets.order_key = orders.order_key
group by all
order by purchase_day, customer_state, category_set_id
