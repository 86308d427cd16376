-- PostgreSQL translation of infrastructure/analytics/queries/kpi_delivery_routes.sql (sha256
-- 64cee87da8e4). The dialects differ in: count / count is integer division in PostgreSQL (DOUBLE
-- in DuckDB): the dividend is cast to double precision. The rest is the DuckDB text as it is (its
-- comments aside).
with route_orders as (
    select seller_state, customer_state, is_late, delivery_days
    from kpi_items($date_from, $date_to, $states, $categories)
    where is_delivered_with_date and is_only_item
    union all
    select seller_state, customer_state, is_late, delivery_days
    from (
        select distinct seller_state, customer_state, order_key, is_late, delivery_days
        from kpi_items($date_from, $date_to, $states, $categories)
        where is_delivered_with_date and not is_only_item
    ) as multi_item_routes
)

select
    seller_state,
    customer_state,
    count(*) as delivered_orders,
    count(*) filter (where is_late) as late_orders,
    (count(*) filter (where is_late))::double precision / count(*) as late_rate,
    avg(delivery_days) as mean_delivery_days
from route_orders
group by seller_state, customer_state
order by delivered_orders desc, late_rate desc, seller_state, customer_state
