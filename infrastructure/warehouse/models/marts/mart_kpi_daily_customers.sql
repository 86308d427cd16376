-- The people with more than one order (not is_only_order), per purchase day × customer state ×
-- the order's set of categories (as mart_kpi_daily's rows; NULL without items): one row per
-- person and such cell they ordered in, customer_key only. kpi_periods counts the distinct
-- customer_key of the rows passing the filters and adds mart_kpi_daily's only_order_customers:
-- the customers, exact, with a distinct over a few in a hundred of the orders.
-- depends_on: {{ ref('mart_kpi_orders') }}
with set_ids as (
    select category_set_id, list(category order by category) as categories
    from {{ ref('mart_kpi_category_sets') }}
    group by category_set_id
),

order_sets as (
    select order_categories.order_key, set_ids.category_set_id
    from {{ ref('int_kpi_order_categories') }} as order_categories
    join set_ids on set_ids.categories = order_categories.categories
)

select distinct
    orders.purchased_at::date as purchase_day,
    orders.customer_state,
    order_sets.category_set_id,
    orders.customer_key
from {{ ref('mart_kpi_orders') }} as orders
left join order_sets on order_sets.order_key = orders.order_key
where not orders.is_only_order and orders.customer_key is not null
order by purchase_day, customer_state, category_set_id, customer_key
