-- PostgreSQL translation of infrastructure/warehouse/models/marts/mart_state_summary.sql.
-- What had to change:
-- - late_orders / delivered_orders is integer division in PostgreSQL: cast to double precision;
-- - freight_value / gmv is numeric in PostgreSQL, DOUBLE in DuckDB: cast to double precision;
-- - gmv / sale_orders is exact numeric division in PostgreSQL, DOUBLE in DuckDB, before both
--   round to decimal(18, 2) (a half-cent quotient could round differently; the script checks).
-- ref_brazil_states is loaded from the warehouse (the builder seeds it from the domain).
with states as (
    select state from ref_brazil_states
    union
    select customer_state from fct_orders where customer_state is not null
    union
    select state from dim_seller where state is not null
),

orders_per_state as (
    select
        customer_state as state,
        count(distinct customer_unique_id) as customers,
        count(*) as orders,
        count(*) filter (where counts_as_sale) as sale_orders,
        sum(order_value) filter (where counts_as_sale) as gmv,
        sum(freight_value) filter (where counts_as_sale) as freight_value,
        count(*) filter (where is_delivered_with_date) as delivered_orders,
        count(*) filter (where is_delivered_with_date and is_late) as late_orders,
        avg(delivery_days) filter (where is_delivered_with_date) as avg_delivery_days,
        avg(review_score) as avg_review_score
    from fct_orders
    group by customer_state
),

sellers_per_state as (
    select state, count(*) as sellers
    from dim_seller
    group by state
)

select
    states.state,
    regions.region,
    coalesce(orders.customers, 0) as customers,
    coalesce(orders.orders, 0) as orders,
    coalesce(orders.sale_orders, 0) as sale_orders,
    coalesce(orders.gmv, 0)::decimal(18, 2) as gmv,
    money_mean(orders.gmv, orders.sale_orders) as aov,
    coalesce(orders.freight_value, 0)::decimal(18, 2) as freight_value,
    (orders.freight_value / nullif(orders.gmv, 0))::double precision as freight_share,
    coalesce(sellers.sellers, 0) as sellers,
    coalesce(orders.delivered_orders, 0) as delivered_orders,
    coalesce(orders.late_orders, 0) as late_orders,
    orders.late_orders::double precision / nullif(orders.delivered_orders, 0) as late_rate,
    orders.avg_delivery_days,
    orders.avg_review_score
from states
left join ref_brazil_states as regions on regions.state = states.state
left join orders_per_state as orders on orders.state = states.state
left join sellers_per_state as sellers on sellers.state = states.state
order by states.state
