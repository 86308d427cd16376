-- Executive KPIs of the filtered orders: one row per purchase month (every month of the period,
-- empty ones included) and one total row for the whole period (is_total, month NULL). The fixed
-- definitions: GMV = items price + freight of orders not canceled/unavailable; AOV = GMV / those
-- orders; late rate = late among delivered orders with a delivery date; review score per order =
-- mean of its reviews; a new customer is one whose first order ever is among the orders.
with orders as (
    select *
    from kpi_orders($date_from, $date_to, $state, $category)
),

per_period as (
    select
        purchase_month as month,
        count(*) as orders,
        count(*) filter (where counts_as_sale) as sale_orders,
        sum(order_value) filter (where counts_as_sale) as gmv,
        count(distinct customer_unique_id) as customers,
        count(*) filter (where is_first_order) as new_customers,
        count(*) filter (where is_canceled) as canceled_orders,
        count(*) filter (where is_delivered_with_date) as delivered_orders,
        count(*) filter (where is_delivered_with_date and is_late) as late_orders,
        avg(delivery_days) filter (where is_delivered_with_date) as avg_delivery_days,
        count(review_score) as reviewed_orders,
        avg(review_score) as avg_review_score
    from orders
    group by grouping sets ((purchase_month), ())
),

span as (
    select
        greatest(date_trunc('month', $date_from::date), min(purchase_month))::date as first_month,
        least(date_trunc('month', $date_to::date), max(purchase_month))::date as last_month
    from mart_kpi_orders
),

periods as (
    select unnest(generate_series(first_month, last_month, interval 1 month))::date as month
    from span
    union all
    select null
)

select
    periods.month,
    periods.month is null as is_total,
    coalesce(per_period.orders, 0) as orders,
    coalesce(per_period.sale_orders, 0) as sale_orders,
    coalesce(per_period.gmv, 0)::decimal(18, 2) as gmv,
    money_mean(per_period.gmv, per_period.sale_orders) as aov,
    coalesce(per_period.customers, 0) as customers,
    coalesce(per_period.new_customers, 0) as new_customers,
    coalesce(per_period.canceled_orders, 0) as canceled_orders,
    per_period.canceled_orders / nullif(per_period.orders, 0) as canceled_rate,
    coalesce(per_period.delivered_orders, 0) as delivered_orders,
    coalesce(per_period.late_orders, 0) as late_orders,
    per_period.late_orders / nullif(per_period.delivered_orders, 0) as late_rate,
    per_period.avg_delivery_days,
    coalesce(per_period.reviewed_orders, 0) as reviewed_orders,
    per_period.avg_review_score
from periods
left join per_period on per_period.month is not distinct from periods.month
order by periods.month nulls first
