-- Table macro kpi_states(from_date, to_date, in_states, in_categories): one row per customer state
-- (UF) of the orders passing the dashboards' filters (kpi_orders; NULL = no filter): orders, GMV
-- and AOV (as in kpi_monthly), customers, freight of the sales (its share of GMV, and the mean
-- share of freight in an order's value over sales with a value), delivery and reviews.
-- mart_state_summary is it without filters, for every state. Customers are counted exactly
-- without a distinct over every order: a person whose order is their only one (is_only_order)
-- by it, the others by a distinct over their orders alone.
-- depends_on: {{ ref('kpi_orders') }}
-- depends_on: {{ ref('money_mean') }}
with orders as (
    select * from kpi_orders(from_date, to_date, in_states, in_categories)
),

per_state as (
    select
        customer_state,
        count(*) as orders,
        count(*) filter (where counts_as_sale) as sale_orders,
        coalesce(sum(order_value) filter (where counts_as_sale), 0)::decimal(18, 2) as gmv,
        money_mean(
            sum(order_value) filter (where counts_as_sale), count(*) filter (where counts_as_sale)
        ) as aov,
        count(*) filter (where is_only_order) as only_order_customers,
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
    from orders
    group by customer_state
),

other_customers as (
    select customer_state, count(distinct customer_key) as customers
    from orders
    where not is_only_order
    group by customer_state
)

select
    per_state.customer_state,
    per_state.orders,
    per_state.sale_orders,
    per_state.gmv,
    per_state.aov,
    per_state.only_order_customers + coalesce(other_customers.customers, 0) as customers,
    per_state.freight_value,
    per_state.freight_share,
    per_state.mean_freight_share,
    per_state.delivered_orders,
    per_state.late_orders,
    per_state.late_rate,
    per_state.avg_delivery_days,
    per_state.avg_review_score
from per_state
left join other_customers
    on other_customers.customer_state is not distinct from per_state.customer_state
