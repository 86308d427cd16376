-- One row per order with the facts every KPI is defined on (fct_orders), and whether it is its
-- customer's first order ever (ties on the purchase time broken by order id), which makes the
-- customer "new". Read through the kpi_orders(...) macro, which filters it. customer_key (an
-- integer per person, see fct_orders) is what per-person figures group by: 3x faster than the id.
-- is_only_order: the person has no other order (of any status, ever), so what they bought in all
-- is this order alone: the customers view reads a person's lifetime from it without grouping
-- their orders. segment: the person's RFM segment (mart_customer_rfm; null when not scored),
-- joined here once rather than by the 32-character id in every view that reads it. order_key
-- numbers the orders 1, 2, ... in order_id order, so the views and mart_kpi_items join and count
-- orders by an integer.
-- The numbering and both flags are windows over three narrow columns (person_orders), joined
-- back to the wide rows by order_id once: windows over the wide rows sorted all of them (this
-- model 0.88x the CPU at scale 10). A person's orders are partitioned by customer_key (one
-- integer per customer_unique_id, fct_orders) and ordered by order_key, which follows order_id.
with numbered_orders as (
    select
        order_id,
        customer_key,
        purchased_at,
        row_number() over (order by order_id)::integer as order_key
    from {{ ref('fct_orders') }}
),

person_orders as (
    select
        order_id,
        order_key,
        customer_key is not null and row_number() over (
            partition by customer_key order by purchased_at, order_key
        ) = 1 as is_first_order,
        customer_key is not null and count(*) over (partition by customer_key) = 1
            as is_only_order
    from numbered_orders
)

select
    orders.order_id,
    keys.order_key,
    orders.customer_unique_id,
    orders.customer_key,
    customer_state,
    customer_zip_code_prefix,
    order_status,
    purchased_at,
    purchase_month,
    estimated_delivery_date,
    delivered_customer_at,
    counts_as_sale,
    order_status = 'canceled' as is_canceled,
    order_status = 'unavailable' as is_unavailable,
    -- not fulfilled = canceled + unavailable: every order that does not count as a sale
    not counts_as_sale as is_not_fulfilled,
    is_delivered_with_date,
    is_late,
    delivery_days,
    review_score,
    item_count,
    items_value,
    freight_value,
    order_value,
    payment_value,
    keys.is_first_order,
    keys.is_only_order,
    rfm.segment
from {{ ref('fct_orders') }} as orders
join person_orders as keys on keys.order_id = orders.order_id
left join {{ ref('mart_customer_rfm') }} as rfm
    on rfm.customer_unique_id = orders.customer_unique_id
order by purchased_at, order_id
