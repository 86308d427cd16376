-- One row per order: status, timeline, basket and payment totals, delivery outcome and review
-- score. Anomalies are flagged, never filtered out: orders without items or payments keep zero
-- totals, timelines out of order keep their dates.
-- Stored in order_id order, so a drill-down to one order reads one row group of each fact.
-- customer_key numbers the people (customer_unique_id) of the customers file 1, 2, ... in id
-- order (one without orders keeps a number no fact carries): the facts carry it so the Explorer
-- finds a person's rows by an integer, not a 32-character string (measured: 0.6 ms instead of
-- 3 ms a scan at scale 1). It is not stable across snapshots.
-- is_purchase_date_implausible: purchased before Olist's first sales, or after the export's
-- latest recorded event plus the tolerance (domain/value_objects/purchase_window.py).
with export_latest_event as (
    select greatest(
        max(order_approved_at),
        max(order_delivered_carrier_date),
        max(order_delivered_customer_date),
        (select max(greatest(review_creation_date, review_answer_timestamp))
            from {{ ref('stg_order_reviews') }})
    ) as latest_event_at
    from {{ ref('stg_orders') }}
),

items_per_order as (
    select
        order_id,
        count(*) as item_count,
        sum(price) as items_value,
        sum(freight_value) as freight_value
    from {{ ref('stg_order_items') }}
    group by order_id
),

payments_per_order as (
    select order_id, count(*) as payment_count, sum(payment_value) as payment_value
    from {{ ref('stg_order_payments') }}
    group by order_id
),

reviews_per_order as (
    select order_id, count(*) as review_count, avg(review_score) as review_score
    from {{ ref('stg_order_reviews') }}
    group by order_id
),

people as (
    select
        customer_unique_id,
        row_number() over (order by customer_unique_id)::integer as customer_key
    from (select distinct customer_unique_id from {{ ref('stg_customers') }})
),

order_totals as (
    select
        orders.*,
        customers.customer_unique_id,
        people.customer_key,
        customers.customer_zip_code_prefix,
        customers.customer_state,
        coalesce(items.item_count, 0) as item_count,
        coalesce(items.items_value, 0)::decimal(18, 2) as items_value,
        coalesce(items.freight_value, 0)::decimal(18, 2) as freight_value,
        coalesce(payments.payment_count, 0) as payment_count,
        coalesce(payments.payment_value, 0)::decimal(18, 2) as payment_value,
        coalesce(reviews.review_count, 0) as review_count,
        reviews.review_score
    from {{ ref('stg_orders') }} as orders
    left join {{ ref('stg_customers') }} as customers on customers.customer_id = orders.customer_id
    left join people on people.customer_unique_id = customers.customer_unique_id
    left join items_per_order as items on items.order_id = orders.order_id
    left join payments_per_order as payments on payments.order_id = orders.order_id
    left join reviews_per_order as reviews on reviews.order_id = orders.order_id
)

select
    order_id,
    customer_id,
    customer_unique_id,
    order_status,
    order_purchase_timestamp as purchased_at,
    order_approved_at as approved_at,
    order_delivered_carrier_date as delivered_carrier_at,
    order_delivered_customer_date as delivered_customer_at,
    order_estimated_delivery_date as estimated_delivery_date,
    item_count,
    items_value,
    freight_value,
    payment_value,
    -- The one definition of a mismatch (the domain's Order.payment_mismatch, the quality rule):
    -- an order without items or without payments has its own flag below instead.
    item_count > 0 and payment_count > 0
        and abs(payment_value - (items_value + freight_value)) > 0.01 as payment_mismatch,
    date_diff('second', order_purchase_timestamp, order_delivered_customer_date) / 86400.0
        as delivery_days,
    -- Late is a delivered order's property: other statuses are never late, even with a date.
    order_status = 'delivered'
        and order_delivered_customer_date::date > order_estimated_delivery_date::date as is_late,
    review_score,
    (items_value + freight_value)::decimal(18, 2) as order_value,
    date_trunc('month', order_purchase_timestamp)::date as purchase_month,
    not list_contains(getvariable('non_sale_statuses'), order_status) as counts_as_sale,
    order_status = 'delivered' and order_delivered_customer_date is not null
        as is_delivered_with_date,
    payment_count,
    review_count,
    customer_zip_code_prefix,
    customer_state,
    item_count = 0 as has_no_items,
    payment_count = 0 as has_no_payments,
    order_status = 'delivered' and order_delivered_customer_date is null
        as is_delivered_without_date,
    order_status = 'canceled' and order_delivered_customer_date is not null
        as is_canceled_with_delivery_date,
    order_delivered_carrier_date < order_purchase_timestamp as is_carrier_before_purchase,
    customer_key,
    coalesce(
        order_purchase_timestamp < getvariable('earliest_purchase')
        or order_purchase_timestamp > latest_event_at
            + to_days(getvariable('purchase_tolerance_days')),
        false
    ) as is_purchase_date_implausible
from order_totals
cross join export_latest_event
order by order_id
