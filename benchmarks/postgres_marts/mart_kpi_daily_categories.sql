-- PostgreSQL translation of infrastructure/warehouse/models/marts/mart_kpi_daily_categories.sql (sha256
-- 7a9030ba7ad9). The dialects differ in:
-- - group by all -> the three keys spelled out.
-- The rest is the DuckDB text as it is (any_value is created on PostgreSQL before 16).
with order_categories as (
    select purchased_at, customer_state, category, price + freight_value as gmv
    from mart_kpi_items
    where counts_as_sale and is_only_item

    union all

    select
        any_value(purchased_at) as purchased_at,
        any_value(customer_state) as customer_state,
        category,
        sum(price) + sum(freight_value) as gmv
    from mart_kpi_items
    where counts_as_sale and not is_only_item
    group by order_key, category
)

select
    purchased_at::date as purchase_day,
    customer_state,
    category,
    sum(gmv)::decimal(18, 2) as gmv
from order_categories
group by purchased_at::date, customer_state, category
order by purchase_day, customer_state, category
