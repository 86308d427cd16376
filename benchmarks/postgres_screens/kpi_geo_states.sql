-- PostgreSQL translation of infrastructure/analytics/queries/kpi_geo_states.sql (sha256
-- 7d32c5e5996a). The dialects differ in: count / count is integer division in PostgreSQL (DOUBLE
-- in DuckDB): the dividend is cast to double precision; decimal / decimal is DOUBLE in DuckDB,
-- numeric in PostgreSQL: cast to double precision. The rest is the DuckDB text as it is (its
-- comments aside).
with customer_states as (
    select
        customer_state as state,
        count(*) as orders,
        sum(order_value) filter (where counts_as_sale) as gmv,
        sum(freight_value) filter (where counts_as_sale) as freight_value,
        avg(delivery_days) filter (where is_delivered_with_date) as mean_delivery_days,
        count(*) filter (where is_delivered_with_date) as delivered_orders,
        count(*) filter (where is_delivered_with_date and is_late) as late_orders
    from kpi_orders($date_from, $date_to, $states, $categories)
    group by customer_state
),

-- an order's items per seller state: the item of a one-item order as it is, the others' grouped
-- by the integer order_key
seller_state_orders as (
    select
        seller_state as state,
        counts_as_sale,
        price + freight_value as order_value,
        freight_value,
        is_delivered_with_date,
        is_late,
        delivery_days
    from kpi_items($date_from, $date_to, $states, $categories)
    where is_only_item
    union all
    select
        seller_state,
        any_value(counts_as_sale),
        sum(price + freight_value),
        sum(freight_value),
        any_value(is_delivered_with_date),
        any_value(is_late),
        any_value(delivery_days)
    from kpi_items($date_from, $date_to, $states, $categories)
    where not is_only_item
    group by seller_state, order_key
),

seller_states as (
    select
        state,
        count(*) as orders,
        sum(order_value) filter (where counts_as_sale) as gmv,
        sum(freight_value) filter (where counts_as_sale) as freight_value,
        avg(delivery_days) filter (where is_delivered_with_date) as mean_delivery_days,
        count(*) filter (where is_delivered_with_date) as delivered_orders,
        count(*) filter (where is_delivered_with_date and is_late) as late_orders
    from seller_state_orders
    group by state
),

measured as (
    select 'customers' as layer, * from customer_states
    union all
    select 'sellers', * from seller_states
),

state_list as (
    select distinct state from dim_geography where state is not null
),

layer_states as (
    select layers.layer, state_list.state
    from (values ('customers'), ('sellers')) as layers (layer)
    cross join state_list
)

select
    layer_states.layer,
    layer_states.state,
    coalesce(measured.orders, 0) as orders,
    coalesce(measured.gmv, 0)::decimal(18, 2) as gmv,
    measured.mean_delivery_days,
    measured.late_orders::double precision / nullif(measured.delivered_orders, 0) as late_rate,
    (measured.freight_value / nullif(measured.gmv, 0))::double precision as freight_share,
    coalesce(measured.delivered_orders, 0) as delivered_orders
from layer_states
left join measured
    on measured.layer = layer_states.layer and measured.state = layer_states.state
order by layer_states.layer, gmv desc, layer_states.state
