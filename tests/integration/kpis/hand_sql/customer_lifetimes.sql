-- Reference: the people whose first order ever passes the filters, with the time of that order,
-- their first later sale order and the value of all their sale orders (any date; state and
-- category filters; with categories an order is valued at those categories' items).
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
),

orders as (
    select
        facts.order_id,
        facts.customer_unique_id,
        facts.purchased_at,
        facts.order_status not in ('canceled', 'unavailable') as is_sale,
        coalesce(category_values.value, facts.order_value) as value,
        ($states is null or list_contains($states, facts.customer_state))
        and ($categories is null or category_values.order_id is not null) as in_place
    from fct_orders as facts
    left join category_values on category_values.order_id = facts.order_id
),

firsts as (
    select arg_min(order_id, (purchased_at, order_id)) as order_id
    from fct_orders
    where customer_unique_id is not null
    group by customer_unique_id
)

select
    acquired.customer_unique_id,
    acquired.purchased_at as first_at,
    (
        select min(later.purchased_at) from orders as later
        where later.customer_unique_id = acquired.customer_unique_id
            and later.in_place and later.is_sale and later.order_id <> acquired.order_id
    ) as second_at,
    (
        select coalesce(sum(later.value), 0) from orders as later
        where later.customer_unique_id = acquired.customer_unique_id
            and later.in_place and later.is_sale
    ) as lifetime_gmv
from orders as acquired
join firsts on firsts.order_id = acquired.order_id
where
    acquired.in_place
    and ($date_from is null or acquired.purchased_at::date >= $date_from)
    and ($date_to is null or acquired.purchased_at::date <= $date_to)
order by 1
