-- Every line of the wanted orders, whichever seller sold it.
-- $key_column is order_id (one order) or customer_key (a person's orders): see FactKey.
select
    order_id,
    order_item_id,
    product_id,
    seller_id,
    price,
    freight_value,
    shipping_limit_at
from fct_order_items
where $key_column = $key
