-- One row per Brazilian state (plus any other state code found in the data): customers, sales,
-- freight, delivery and reviews of orders placed from it (kpi_states without filters, which
-- holds the definitions), and sellers based in it.
-- depends_on: {{ ref('kpi_states') }}
with states as (
    select state from ref_brazil_states
    union
    select customer_state from {{ ref('fct_orders') }} where customer_state is not null
    union
    select state from {{ ref('dim_seller') }} where state is not null
),

orders_per_state as (
    select *
    from kpi_states(null, null, null, null)
),

sellers_per_state as (
    select state, count(*) as sellers
    from {{ ref('dim_seller') }}
    group by state
)

select
    states.state,
    regions.region,
    coalesce(orders.customers, 0) as customers,
    coalesce(orders.orders, 0) as orders,
    coalesce(orders.sale_orders, 0) as sale_orders,
    coalesce(orders.gmv, 0)::decimal(18, 2) as gmv,
    orders.aov,
    coalesce(orders.freight_value, 0)::decimal(18, 2) as freight_value,
    orders.freight_share,
    coalesce(sellers.sellers, 0) as sellers,
    coalesce(orders.delivered_orders, 0) as delivered_orders,
    coalesce(orders.late_orders, 0) as late_orders,
    orders.late_rate,
    orders.avg_delivery_days,
    orders.avg_review_score
from states
left join ref_brazil_states as regions on regions.state = states.state
left join orders_per_state as orders on orders.customer_state = states.state
left join sellers_per_state as sellers on sellers.state = states.state
order by states.state
