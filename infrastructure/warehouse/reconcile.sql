-- Source-to-warehouse reconciliation: staging (read straight from the files, nothing dropped)
-- against the facts. Each pair must match exactly; a difference means rows or cents were lost or
-- duplicated on the way. Order totals are compared with the items and payments of known orders.
with known_order_items as (
    select price, freight_value
    from stg_order_items
    semi join stg_orders on stg_orders.order_id = stg_order_items.order_id
),

known_order_payments as (
    select payment_value
    from stg_order_payments
    semi join stg_orders on stg_orders.order_id = stg_order_payments.order_id
)

select 'orders: rows' as check_name,
    'rows' as unit,
    (select count(*) from stg_orders)::decimal(38, 2) as expected,
    (select count(*) from fct_orders)::decimal(38, 2) as actual
union all
select 'order items: rows',
    'rows',
    (select count(*) from stg_order_items),
    (select count(*) from fct_order_items)
union all
select 'payments: rows',
    'rows',
    (select count(*) from stg_order_payments),
    (select count(*) from fct_payments)
union all
select 'reviews: rows',
    'rows',
    (select count(*) from stg_order_reviews),
    (select count(*) from fct_reviews)
union all
select 'order items: price total',
    'BRL',
    (select coalesce(sum(price), 0) from stg_order_items),
    (select coalesce(sum(price), 0) from fct_order_items)
union all
select 'order items: freight total',
    'BRL',
    (select coalesce(sum(freight_value), 0) from stg_order_items),
    (select coalesce(sum(freight_value), 0) from fct_order_items)
union all
select 'payments: value total',
    'BRL',
    (select coalesce(sum(payment_value), 0) from stg_order_payments),
    (select coalesce(sum(payment_value), 0) from fct_payments)
union all
select 'orders: items value total',
    'BRL',
    (select coalesce(sum(price), 0) from known_order_items),
    (select coalesce(sum(items_value), 0) from fct_orders)
union all
select 'orders: freight total',
    'BRL',
    (select coalesce(sum(freight_value), 0) from known_order_items),
    (select coalesce(sum(freight_value), 0) from fct_orders)
union all
select 'orders: payment total',
    'BRL',
    (select coalesce(sum(payment_value), 0) from known_order_payments),
    (select coalesce(sum(payment_value), 0) from fct_orders)
