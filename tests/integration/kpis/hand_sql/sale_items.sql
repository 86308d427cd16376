-- Reference: every filtered sale item with its product, category as shown, weight, price and
-- freight, written on the facts directly (not through kpi_items).
select
    items.order_id,
    items.product_id,
    coalesce(products.category_name_english, '(no category)') as category,
    products.weight_g,
    items.price,
    items.freight_value
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
