-- Every line of the wanted orders, whichever seller sold it.
select
    order_id,
    order_item_id,
    product_id,
    seller_id,
    price,
    freight_value,
    shipping_limit_at
from fct_order_items
where order_id in (select unnest($order_ids))
