-- Each order's set of categories (as shown, mart_kpi_items' category): the distinct categories of
-- its items, sorted, as a list; orders without items have no row. The item of a one-item order
-- (is_only_item, nine orders in ten) is its set alone, so only the other orders' items are
-- grouped. Read by mart_kpi_category_sets (which numbers the sets) and mart_kpi_daily (which
-- keys each order by its set's number).
select order_key, [category] as categories
from {{ ref('mart_kpi_items') }}
where is_only_item

union all

select order_key, list(distinct category order by category) as categories
from {{ ref('mart_kpi_items') }}
where not is_only_item
group by order_key
