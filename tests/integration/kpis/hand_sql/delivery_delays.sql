-- Reference: filtered orders delivered with a date (not canceled), whole days from the estimated
-- to the delivered day, and the review score per order.
with labeled_items as (
    select
        items.order_id,
        coalesce(products.category_name_english, '(no category)') as category
    from fct_order_items as items
    left join dim_product as products on products.product_id = items.product_id
)

select
    orders.order_id,
    orders.delivered_customer_at::date - orders.estimated_delivery_date::date as delay_days,
    orders.review_score
from fct_orders as orders
where
    orders.order_status = 'delivered'
    and orders.delivered_customer_at is not null
    and ($date_from is null or orders.purchased_at::date >= $date_from)
    and ($date_to is null or orders.purchased_at::date <= $date_to)
    and ($states is null or list_contains($states, orders.customer_state))
    and ($categories is null or exists (
        select 1 from labeled_items
        where labeled_items.order_id = orders.order_id
            and list_contains($categories, labeled_items.category)
    ))
