-- PostgreSQL translation of infrastructure/warehouse/models/marts/kpi_states.sql (sha256
-- 4af2ef1e406a), the body of the SQL function kpi_states(...). The dialects differ in:
-- - count / count is integer division in PostgreSQL (DOUBLE in DuckDB): late_rate casts the
--   numerator to double precision;
-- The rest is the DuckDB text as it is (decimal / decimal is exact numeric in PostgreSQL, DOUBLE
-- in DuckDB: the function's declared double precision result takes it, within the tolerance).
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
        (count(*) filter (where is_delivered_with_date and is_late))::double precision
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
