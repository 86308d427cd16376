-- A seller's share of every order holding its items: its own lines' count and price, with the
-- order's status, delivery dates and review score (carried by fct_order_items for this read).
-- An item of an unknown order (published only if its critical rule was lowered) has no status:
-- there is no order to show, as when whole orders are loaded.
select
    order_id,
    any_value(order_status) as order_status,
    any_value(purchased_at) as purchased_at,
    count(*) as item_count,
    sum(price) as items_price,
    any_value(delivered_customer_at) as delivered_customer_at,
    any_value(estimated_delivery_date) as estimated_delivery_date,
    any_value(review_score) as review_score
from fct_order_items
where seller_key = $seller_key and order_status is not null
group by order_id
