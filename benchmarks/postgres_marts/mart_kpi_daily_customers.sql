-- PostgreSQL translation of infrastructure/warehouse/models/marts/mart_kpi_daily_customers.sql (sha256
-- 2109555a9422). The dialects differ in:
-- - list(category order by category) -> array_agg(... order by ...), sorted "C" as DuckDB and
--   int_kpi_order_categories's translation do.
-- The rest is the DuckDB text as it is.
with set_ids as (
    select
        category_set_id,
        array_agg(category collate "C" order by category collate "C") as categories
    from mart_kpi_category_sets
    group by category_set_id
),

order_sets as (
    select order_categories.order_key, set_ids.category_set_id
    from int_kpi_order_categories as order_categories
    join set_ids on set_ids.categories = order_categories.categories
)

select distinct
    orders.purchased_at::date as purchase_day,
    orders.customer_state,
    order_sets.category_set_id,
    orders.customer_key
from mart_kpi_orders as orders
left join order_sets on order_sets.order_key = orders.order_key
where not orders.is_only_order and orders.customer_key is not null
order by purchase_day, customer_state, category_set_id, customer_key
