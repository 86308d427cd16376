-- One row per seller and order: the seller's share of an order holding its items (its own lines'
-- count and price) with the order's status, delivery dates and review score, for the Explorer's
-- seller page. Stored in seller_key order, so a seller's orders are one or two row groups
-- (fct_order_items is in order_id order: a seller's lines were spread over every row group, and
-- reading them was a scan of the whole table, 74 of 74 row groups at scale 10).
-- Lines of a seller missing from dim_seller (no seller_key) and of an unknown order (no status:
-- published only if its critical rule was lowered) are left out: no seller page shows them.
select
    seller_key,
    order_id,
    any_value(order_status) as order_status,
    any_value(purchased_at) as purchased_at,
    count(*) as item_count,
    sum(price) as items_price,
    any_value(delivered_customer_at) as delivered_customer_at,
    any_value(estimated_delivery_date) as estimated_delivery_date,
    any_value(review_score) as review_score
from {{ ref('fct_order_items') }}
where seller_key is not null and order_status is not null
group by seller_key, order_id
order by seller_key, order_id
