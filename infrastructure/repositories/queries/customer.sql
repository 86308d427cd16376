-- A person (customer_unique_id) with the address of their latest order and all their order ids.
with customer_orders as (
    select list(order_id order by order_id) as order_ids
    from fct_orders
    where customer_unique_id = $customer_unique_id
)

select
    customers.customer_unique_id,
    customers.zip_code_prefix,
    customers.city,
    customers.state,
    customer_orders.order_ids
from dim_customer as customers
cross join customer_orders
where customers.customer_unique_id = $customer_unique_id
