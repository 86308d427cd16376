-- One row per order item, with its order's purchase time and status for slicing by month, and
-- its delivery dates and review score, so a seller's orders are read from this table alone.
-- Stored in order_id order, so a drill-down to one order reads one row group of each fact.
select
    items.order_id,
    items.order_item_id,
    items.product_id,
    items.seller_id,
    items.shipping_limit_date as shipping_limit_at,
    items.price,
    items.freight_value,
    (items.price + items.freight_value)::decimal(18, 2) as item_value,
    orders.order_status,
    orders.purchased_at,
    orders.purchase_month,
    coalesce(orders.counts_as_sale, false) as counts_as_sale,
    orders.delivered_customer_at,
    orders.estimated_delivery_date,
    orders.review_score,
    sellers.seller_key,
    orders.customer_key
from {{ ref('stg_order_items') }} as items
left join {{ ref('fct_orders') }} as orders on orders.order_id = items.order_id
left join {{ ref('dim_seller') }} as sellers on sellers.seller_id = items.seller_id
order by items.order_id, items.order_item_id
