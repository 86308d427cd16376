-- Lateness by route (seller state -> customer state) over the filtered orders delivered with a
-- date. An order with sellers in several states counts once on each of their routes.
-- the item of a one-item order as it is, the others' distinct by the integer order_key
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
    count(*) filter (where is_late) / count(*) as late_rate,
    avg(delivery_days) as mean_delivery_days
from route_orders
group by seller_state, customer_state
order by delivered_orders desc, late_rate desc, seller_state, customer_state
