-- PostgreSQL translation of infrastructure/warehouse/models/marts/mart_kpi_monthly.sql.
-- What had to change:
-- - unnest(generate_series(min, max, interval 1 month))::date
--   -> generate_series(min::timestamp, max::timestamp, interval '1 month')::date (PostgreSQL has
--   no date series; the casts keep it off the time-zone-dependent timestamptz variant);
-- - count / count is integer division in PostgreSQL (DOUBLE in DuckDB): canceled_rate and
--   late_rate cast the numerator to double precision;
-- - gmv / sale_orders is exact numeric division in PostgreSQL, DOUBLE in DuckDB, before both
--   round to decimal(18, 2) (a half-cent quotient could round differently; the script checks).
-- FILTER (where ...) is standard SQL and stays as it is.
with months as (
    select
        generate_series(
            min(purchase_month)::timestamp, max(purchase_month)::timestamp, interval '1 month'
        )::date as month
    from fct_orders
),

orders_per_month as (
    select
        purchase_month as month,
        count(*) as orders,
        count(*) filter (where counts_as_sale) as sale_orders,
        sum(order_value) filter (where counts_as_sale) as gmv,
        count(distinct customer_unique_id) as customers,
        count(*) filter (where order_status = 'canceled') as canceled_orders,
        count(*) filter (where is_delivered_with_date) as delivered_orders,
        count(*) filter (where is_delivered_with_date and is_late) as late_orders,
        avg(delivery_days) filter (where is_delivered_with_date) as avg_delivery_days,
        avg(review_score) as avg_review_score,
        sum(payment_value) as payment_value
    from fct_orders
    group by purchase_month
),

new_customers_per_month as (
    select date_trunc('month', first_order_at)::date as month, count(*) as new_customers
    from dim_customer
    where first_order_at is not null
    group by 1
)

select
    months.month,
    coalesce(orders_per_month.orders, 0) as orders,
    coalesce(orders_per_month.gmv, 0)::decimal(18, 2) as gmv,
    money_mean(orders_per_month.gmv, orders_per_month.sale_orders) as aov,
    coalesce(orders_per_month.customers, 0) as customers,
    coalesce(new_customers_per_month.new_customers, 0) as new_customers,
    orders_per_month.canceled_orders::double precision / nullif(orders_per_month.orders, 0)
        as canceled_rate,
    orders_per_month.late_orders::double precision / nullif(orders_per_month.delivered_orders, 0)
        as late_rate,
    orders_per_month.avg_review_score,
    coalesce(orders_per_month.sale_orders, 0) as sale_orders,
    coalesce(orders_per_month.canceled_orders, 0) as canceled_orders,
    coalesce(orders_per_month.delivered_orders, 0) as delivered_orders,
    coalesce(orders_per_month.late_orders, 0) as late_orders,
    orders_per_month.avg_delivery_days,
    coalesce(orders_per_month.payment_value, 0)::decimal(18, 2) as payment_value
from months
left join orders_per_month on orders_per_month.month = months.month
left join new_customers_per_month on new_customers_per_month.month = months.month
order by months.month
