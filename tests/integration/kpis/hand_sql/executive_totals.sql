-- Reference executive totals, written on the facts directly (not through kpi_orders): filters on
-- the purchase day, the order's customer state among $states and the category as shown among
-- $categories; with categories, the value of an order is that of its items of those categories.
with labeled_items as (
    select
        items.order_id,
        items.price + items.freight_value as value,
        coalesce(products.category_name_english, '(no category)') as category
    from fct_order_items as items
    left join dim_product as products on products.product_id = items.product_id
),

first_orders as (
    select arg_min(order_id, (purchased_at, order_id)) as order_id
    from fct_orders
    where customer_unique_id is not null
    group by customer_unique_id
),

selected as (
    select
        orders.*,
        (
            select sum(value) from labeled_items
            where
                labeled_items.order_id = orders.order_id
                and list_contains($categories, labeled_items.category)
        ) as category_value
    from fct_orders as orders
    where
        ($date_from is null or orders.purchased_at::date >= $date_from)
        and ($date_to is null or orders.purchased_at::date <= $date_to)
        and ($states is null or list_contains($states, orders.customer_state))
        and ($categories is null or orders.order_id in (
            select order_id from labeled_items where list_contains($categories, category)
        ))
)

select
    count(*) as orders,
    coalesce(sum(coalesce(category_value, order_value)) filter (
        where order_status not in ('canceled', 'unavailable')
    ), 0) as gmv,
    count(distinct customer_unique_id) as customers,
    count(*) filter (where order_id in (select order_id from first_orders)) as new_customers,
    count(*) filter (where order_status = 'canceled') as canceled_orders,
    count(*) filter (where order_status = 'unavailable') as unavailable_orders,
    count(*) filter (
        where order_status = 'delivered' and delivered_customer_at is not null
    ) as delivered_orders,
    count(*) filter (
        where order_status = 'delivered' and delivered_customer_at is not null
        and delivered_customer_at::date > estimated_delivery_date::date
    ) as late_orders,
    avg(review_score) as avg_review_score
from selected
