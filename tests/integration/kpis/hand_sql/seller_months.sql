-- Reference parts of each seller's health per purchase month of [$trend_from, $trend_to], over
-- the orders it took part in under the state and category filters (any status).
with seller_orders as (
    select distinct
        items.seller_id,
        orders.order_id,
        date_trunc('month', orders.purchased_at)::date as month,
        orders.order_status,
        orders.is_delivered_with_date,
        orders.is_late,
        orders.review_score
    from fct_order_items as items
    join fct_orders as orders on orders.order_id = items.order_id
    left join dim_product as products on products.product_id = items.product_id
    where
        orders.purchased_at::date between $trend_from and $trend_to
        and ($states is null or list_contains($states, orders.customer_state))
        and ($categories is null
            or list_contains($categories, coalesce(products.category_name_english, '(no category)')))
)

select
    month,
    seller_id,
    count(*) as orders,
    count(*) filter (where is_delivered_with_date) as delivered,
    count(*) filter (where is_delivered_with_date and is_late) as late,
    avg(review_score) as mean_review_score,
    count(*) filter (where order_status in ('canceled', 'unavailable')) as not_fulfilled
from seller_orders
group by month, seller_id
order by month, seller_id
