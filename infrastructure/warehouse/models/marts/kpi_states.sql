-- Table macro kpi_states(from_date, to_date, in_states, in_categories): one row per customer state
-- (UF) of the orders passing the dashboards' filters (kpi_orders; NULL = no filter): orders, GMV
-- and AOV (as in kpi_monthly), customers, freight of the sales (its share of GMV, and the mean
-- share of freight in an order's value over sales with a value), delivery and reviews.
-- mart_state_summary is it without filters, for every state.
-- depends_on: {{ ref('kpi_orders') }}
-- depends_on: {{ ref('money_mean') }}
select
    customer_state,
    count(*) as orders,
    count(*) filter (where counts_as_sale) as sale_orders,
    coalesce(sum(order_value) filter (where counts_as_sale), 0)::decimal(18, 2) as gmv,
    money_mean(
        sum(order_value) filter (where counts_as_sale), count(*) filter (where counts_as_sale)
    ) as aov,
    count(distinct customer_key) as customers,
    coalesce(sum(freight_value) filter (where counts_as_sale), 0)::decimal(18, 2)
        as freight_value,
    sum(freight_value) filter (where counts_as_sale)
        / nullif(sum(order_value) filter (where counts_as_sale), 0) as freight_share,
    avg(freight_value / order_value) filter (where counts_as_sale and order_value > 0)
        as mean_freight_share,
    count(*) filter (where is_delivered_with_date) as delivered_orders,
    count(*) filter (where is_delivered_with_date and is_late) as late_orders,
    count(*) filter (where is_delivered_with_date and is_late)
        / nullif(count(*) filter (where is_delivered_with_date), 0) as late_rate,
    avg(delivery_days) filter (where is_delivered_with_date) as avg_delivery_days,
    avg(review_score) as avg_review_score
from kpi_orders(from_date, to_date, in_states, in_categories)
group by customer_state
