-- PostgreSQL translation of infrastructure/warehouse/models/marts/mart_kpi_category_sets.sql (sha256
-- ce4fe05bb673). The dialects differ in:
-- - subqueries in FROM need an alias in PostgreSQL before 16: named sets and numbered.
-- The rest is the DuckDB text as it is (unnest in the select list, row_number over the arrays).
select category_set_id, unnest(categories) as category
from (
    select categories, row_number() over (order by categories)::integer as category_set_id
    from (select distinct categories from int_kpi_order_categories) as sets
) as numbered
order by category_set_id, category
