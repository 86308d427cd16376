-- PostgreSQL translation of infrastructure/warehouse/models/marts/int_kpi_order_categories.sql (sha256
-- 7b0b22bd1761). The dialects differ in:
-- - [category] (a list literal) -> array[category]; list(distinct category order by category)
--   -> array_agg(distinct ... order by ...); both sort "C" (bytes), as DuckDB does, so the sets
--   are numbered alike on both sides whatever the database's collation.
-- The rest is the DuckDB text as it is.
select order_key, array[category collate "C"] as categories
from mart_kpi_items
where is_only_item

union all

select
    order_key,
    array_agg(distinct category collate "C" order by category collate "C") as categories
from mart_kpi_items
where not is_only_item
group by order_key
