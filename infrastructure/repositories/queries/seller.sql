-- A seller with its address and the ids of the orders holding at least one of its items.
with seller_orders as (
    select list(distinct order_id order by order_id) as order_ids
    from fct_order_items
    where seller_id = $seller_id
)

select
    sellers.seller_id,
    sellers.zip_code_prefix,
    sellers.city,
    sellers.state,
    seller_orders.order_ids
from dim_seller as sellers
cross join seller_orders
where sellers.seller_id = $seller_id
