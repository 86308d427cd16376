-- PostgreSQL translation of infrastructure/warehouse/models/marts/mart_kpi_daily_categories.sql (sha256
-- 270d9bd178b1). The dialects differ in:
-- - group by all -> the four keys spelled out;
-- - an untyped NULL column of the first branches of a union -> NULL::numeric (PostgreSQL types the
--   union branch by branch and would make two NULLs text).
-- The rest is the DuckDB text as it is (any_value is created on PostgreSQL before 16).
with order_categories as (
    select
        order_key,
        any_value(purchased_at) as purchased_at,
        any_value(customer_state) as customer_state,
        category,
        sum(price) as items_value,
        sum(freight_value) as freight_value
    from mart_kpi_items
    where counts_as_sale and not is_only_item
    group by order_key, category
),

partial_orders as (
    select distinct order_key
    from order_categories
    where (items_value is null) <> (freight_value is null)
),

order_values as (
    select
        null::integer as order_key,
        purchased_at,
        customer_state,
        category,
        price + freight_value as gmv,
        null::numeric as items_value,
        null::numeric as freight_value
    from mart_kpi_items
    where counts_as_sale and is_only_item

    union all

    select
        null::integer as order_key,
        purchased_at,
        customer_state,
        category,
        items_value + freight_value as gmv,
        null::numeric as items_value,
        null::numeric as freight_value
    from order_categories
    where order_key not in (select order_key from partial_orders)

    union all

    select
        order_key, purchased_at, customer_state, category, null::numeric as gmv, items_value,
        freight_value
    from order_categories
    where order_key in (select order_key from partial_orders)
)

select
    purchased_at::date as purchase_day,
    customer_state,
    category,
    sum(gmv)::decimal(18, 2) as gmv,
    order_key,
    sum(items_value)::decimal(18, 2) as items_value,
    sum(freight_value)::decimal(18, 2) as freight_value
from order_values
group by purchased_at::date, customer_state, category, order_key
order by purchase_day, customer_state, category, order_key
