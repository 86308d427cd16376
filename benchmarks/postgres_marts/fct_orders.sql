-- PostgreSQL translation of infrastructure/warehouse/models/core/fct_orders.sql
-- (sha256 c2c3bceaac2a), built from the stg_* tables loaded into PostgreSQL. The dialects differ
-- in:
-- - not list_contains(getvariable('non_sale_statuses'), order_status)
--   -> not (order_status = any(non_sale_statuses())): PostgreSQL has no session variables; the
--   script creates non_sale_statuses() from the builder's variable (nothing copied by hand);
-- - getvariable('earliest_purchase'), getvariable('purchase_tolerance_days') -> earliest_purchase(),
--   purchase_tolerance_days() (also created from the builder's variables), to_days(n) ->
--   make_interval(days => n);
-- - date_diff('second', a, b) / 86400.0 -> extract(epoch from b - a)::double precision / 86400.0;
-- - avg(review_score) of an integer is DOUBLE in DuckDB, numeric in PostgreSQL: cast to double;
-- - a subquery in FROM needs an alias in PostgreSQL 15.
-- Everything else is the DuckDB text as it is.
with export_latest_event as (
    select greatest(
        max(order_approved_at),
        max(order_delivered_carrier_date),
        max(order_delivered_customer_date),
        (select max(greatest(review_creation_date, review_answer_timestamp))
            from stg_order_reviews)
    ) as latest_event_at
    from stg_orders
),

items_per_order as (
    select
        order_id,
        count(*) as item_count,
        sum(price) as items_value,
        sum(freight_value) as freight_value
    from stg_order_items
    group by order_id
),

payments_per_order as (
    select order_id, count(*) as payment_count, sum(payment_value) as payment_value
    from stg_order_payments
    group by order_id
),

reviews_per_order as (
    select order_id, count(*) as review_count, avg(review_score)::double precision as review_score
    from stg_order_reviews
    group by order_id
),

people as (
    select
        customer_unique_id,
        row_number() over (order by customer_unique_id)::integer as customer_key
    from (select distinct customer_unique_id from stg_customers) as distinct_people
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
    from stg_orders as orders
    left join stg_customers as customers on customers.customer_id = orders.customer_id
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
    extract(epoch from order_delivered_customer_date - order_purchase_timestamp)::double precision
        / 86400.0 as delivery_days,
    -- Late is a delivered order's property: other statuses are never late, even with a date.
    order_status = 'delivered'
        and order_delivered_customer_date::date > order_estimated_delivery_date::date as is_late,
    review_score,
    (items_value + freight_value)::decimal(18, 2) as order_value,
    date_trunc('month', order_purchase_timestamp)::date as purchase_month,
    not (order_status = any(non_sale_statuses())) as counts_as_sale,
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
        order_purchase_timestamp < earliest_purchase()
        or order_purchase_timestamp > latest_event_at
            + make_interval(days => purchase_tolerance_days()),
        false
    ) as is_purchase_date_implausible
from order_totals
cross join export_latest_event
order by order_id
