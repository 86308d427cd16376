-- Reference revenue, items and orders per category as shown, over the filtered sale orders.
select
    coalesce(products.category_name_english, '(no category)') as category,
    sum(items.price) as revenue,
    count(*) as items,
    count(distinct items.order_id) as orders
from fct_order_items as items
join fct_orders as orders on orders.order_id = items.order_id
left join dim_product as products on products.product_id = items.product_id
where
    orders.order_status not in ('canceled', 'unavailable')
    and ($date_from is null or orders.purchased_at::date >= $date_from)
    and ($date_to is null or orders.purchased_at::date <= $date_to)
    and ($states is null or list_contains($states, orders.customer_state))
    and ($categories is null
        or list_contains($categories, coalesce(products.category_name_english, '(no category)')))
group by 1
order by 1
