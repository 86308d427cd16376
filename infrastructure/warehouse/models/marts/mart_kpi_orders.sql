-- One row per order with the facts every KPI is defined on (fct_orders), and whether it is its
-- customer's first order ever (ties on the purchase time broken by order id), which makes the
-- customer "new". Read through the kpi_orders(...) macro, which filters it. customer_key (an
-- integer per person, see fct_orders) is what per-person figures group by: 3x faster than the id.
-- is_only_order: the person has no other order (of any status, ever), so what they bought in all
-- is this order alone: the customers view reads a person's lifetime from it without grouping
-- their orders (one window with is_first_order's: the same partition and order). segment: the
-- person's RFM segment (mart_customer_rfm; null when not scored), joined here once rather than
-- by the 32-character id in every view that reads it. order_key numbers the orders 1, 2, ... in
-- order_id order (a window over the ids alone, joined back: numbering in the wide select cost
-- several times more), so the views and mart_kpi_items join and count orders by an integer.
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
    orders.customer_unique_id is not null and row_number() over (
        partition by orders.customer_unique_id order by purchased_at, order_id
    ) = 1 as is_first_order,
    orders.customer_unique_id is not null and count(*) over (
        partition by orders.customer_unique_id
        order by purchased_at, order_id
        rows between unbounded preceding and unbounded following
    ) = 1 as is_only_order,
    rfm.segment
from {{ ref('fct_orders') }} as orders
join (
    select order_id as key_order_id, row_number() over (order by order_id)::integer as order_key
    from {{ ref('fct_orders') }}
) as keys on keys.key_order_id = orders.order_id
left join {{ ref('mart_customer_rfm') }} as rfm
    on rfm.customer_unique_id = orders.customer_unique_id
order by purchased_at, order_id
