-- A seller's share of every order holding its items: its own lines' count and price, with the
-- order's status, delivery dates and review score (fct_seller_orders, in seller_key order: the
-- seller's rows are read from one or two row groups). An item of an unknown order (published
-- only if its critical rule was lowered) has no status and no row there: there is no order to
-- show, as when whole orders are loaded.
select
    order_id,
    order_status,
    purchased_at,
    item_count,
    items_price,
    delivered_customer_at,
    estimated_delivery_date,
    review_score
from fct_seller_orders
where seller_key = $seller_key
