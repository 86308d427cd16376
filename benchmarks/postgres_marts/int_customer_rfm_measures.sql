-- PostgreSQL translation of infrastructure/warehouse/models/marts/int_customer_rfm_measures.sql
-- (sha256 40b228dbcb4f; a temporary view, as in DuckDB). The dialects differ in:
-- - date_diff('day', a::date, b::date) -> b::date - a::date (an integer number of days).
with as_of as (
    select max(purchased_at) as as_of_at
    from fct_orders
    where counts_as_sale and not is_purchase_date_implausible
),

sale_orders as (
    select customer_unique_id, purchased_at, order_value
    from fct_orders
    cross join as_of
    where counts_as_sale and customer_unique_id is not null and purchased_at <= as_of.as_of_at
)

select
    sale_orders.customer_unique_id,
    as_of.as_of_at::date - max(sale_orders.purchased_at)::date as recency_days,
    count(*) as frequency,
    sum(sale_orders.order_value)::decimal(18, 2) as monetary,
    max(sale_orders.purchased_at) as last_purchase_at,
    as_of.as_of_at
from sale_orders
cross join as_of
group by sale_orders.customer_unique_id, as_of.as_of_at
