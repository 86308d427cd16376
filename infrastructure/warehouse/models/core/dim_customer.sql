-- One row per person (customer_unique_id): address of their latest order, order history span.
-- Stored in customer_unique_id order, so looking a person up reads one row group; customer_key
-- is fct_orders' integer for the person (null for a person without orders).
with customer_orders as (
    select
        customers.customer_unique_id,
        customers.customer_id,
        orders.order_id,
        orders.customer_key,
        orders.purchased_at,
        orders.counts_as_sale
    from {{ ref('stg_customers') }} as customers
    left join {{ ref('fct_orders') }} as orders on orders.customer_id = customers.customer_id
),

order_history as (
    select
        customer_unique_id,
        any_value(customer_key) as customer_key,
        arg_max(
            customer_id, (coalesce(purchased_at, '-infinity'::timestamp), customer_id)
        ) as latest_customer_id,
        min(purchased_at) as first_order_at,
        max(purchased_at) as last_order_at,
        count(order_id) as order_count,
        count(order_id) filter (where counts_as_sale) as sale_order_count
    from customer_orders
    group by customer_unique_id
)

select
    history.customer_unique_id,
    latest.customer_zip_code_prefix as zip_code_prefix,
    latest.customer_city as city,
    latest.customer_state as state,
    history.first_order_at,
    history.last_order_at,
    history.order_count,
    history.sale_order_count,
    states.region,
    history.customer_key
from order_history as history
join {{ ref('stg_customers') }} as latest on latest.customer_id = history.latest_customer_id
left join ref_brazil_states as states on states.state = latest.customer_state
order by history.customer_unique_id
