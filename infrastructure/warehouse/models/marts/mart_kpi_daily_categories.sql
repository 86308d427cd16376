-- The GMV of each category's sale items per purchase day × customer state (mart_kpi_items: items
-- price + freight of the orders that count as sales), exact DECIMAL. Under a category filter an
-- order's value is that of those categories' items alone (kpi_orders), so the GMV of the orders
-- passing it is the sum of these rows over the categories. Each order's items of a category are
-- summed first (price and freight apart, as kpi_orders does: a missing price leaves the others'),
-- the item of a one-item order as it is. Read by kpi_periods.
with order_categories as (
    select purchased_at, customer_state, category, price + freight_value as gmv
    from {{ ref('mart_kpi_items') }}
    where counts_as_sale and is_only_item

    union all

    select
        any_value(purchased_at) as purchased_at,
        any_value(customer_state) as customer_state,
        category,
        sum(price) + sum(freight_value) as gmv
    from {{ ref('mart_kpi_items') }}
    where counts_as_sale and not is_only_item
    group by order_key, category
)

select
    purchased_at::date as purchase_day,
    customer_state,
    category,
    sum(gmv)::decimal(18, 2) as gmv
from order_categories
group by all
order by purchase_day, customer_state, category
