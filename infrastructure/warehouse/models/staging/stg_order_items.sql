-- One row per (order_id, order_item_id); money stays DECIMAL(18,2) from the reader.
select
    trim(order_id) as order_id,
    order_item_id,
    trim(product_id) as product_id,
    trim(seller_id) as seller_id,
    shipping_limit_date,
    price,
    freight_value
from {{ source('olist', 'order_items') }}
