-- The sets of categories the orders hold (int_kpi_order_categories), numbered: one row per set and
-- member category. category_set_id numbers the sets 1, 2, ... in the order of their sorted lists
-- (stable for one snapshot only). mart_kpi_daily keys its rows by it, so "the orders holding an
-- item of one of the categories X" are the rows whose set has a member in X: an order with items
-- of two categories is one row, counted once under a filter of both.
select category_set_id, unnest(categories) as category
from (
    select categories, row_number() over (order by categories)::integer as category_set_id
    from (select distinct categories from {{ ref('int_kpi_order_categories') }})
)
order by category_set_id, category
