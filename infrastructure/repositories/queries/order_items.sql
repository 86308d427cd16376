-- Every line of the wanted orders, whichever seller sold it.
-- $key_column is order_id (one order) or customer_key (a person's orders): see FactKey.
-- $order_ids are the wanted orders' ids (order_headers' answer): the facts are stored in order_id
-- order, so DuckDB reads only the row groups that can hold them.
select
    order_id,
    order_item_id,
    product_id,
    seller_id,
    price,
    freight_value,
    shipping_limit_at
from fct_order_items
where $key_column = $key and order_id = any($order_ids)
