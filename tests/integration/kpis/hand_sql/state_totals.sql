-- Reference orders and GMV per customer state over the filtered orders; with a category, the
-- orders holding one of its items, valued at those items.
with labeled_items as (
    select
        items.order_id,
        items.price + items.freight_value as value,
        coalesce(products.category_name_english, '(no category)') as category
    from fct_order_items as items
    left join dim_product as products on products.product_id = items.product_id
),

category_values as (
    select order_id, sum(value) as value
    from labeled_items
    where list_contains($categories, category)
    group by order_id
)

select
    orders.customer_state,
    count(*) as orders,
    coalesce(sum(coalesce(category_values.value, orders.order_value)) filter (
        where orders.order_status not in ('canceled', 'unavailable')
    ), 0) as gmv
from fct_orders as orders
left join category_values on category_values.order_id = orders.order_id
where
    ($date_from is null or orders.purchased_at::date >= $date_from)
    and ($date_to is null or orders.purchased_at::date <= $date_to)
    and ($states is null or list_contains($states, orders.customer_state))
    and ($categories is null or category_values.order_id is not null)
group by 1
order by 1
