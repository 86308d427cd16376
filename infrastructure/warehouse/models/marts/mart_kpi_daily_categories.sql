-- The GMV of each category's sale items per purchase day × customer state (mart_kpi_items: items
-- price + freight of the orders that count as sales), exact DECIMAL. Under a category filter an
-- order's value is that of those categories' items alone (kpi_orders: the sum of their prices
-- plus the sum of their freights), so the GMV of the orders passing it is the sum of these rows
-- over the categories. Each order's items of a category are summed first (price and freight
-- apart, as kpi_orders does: a missing price leaves the others'), the item of a one-item order as
-- it is. That per-category sum is the order's value split by category unless a category of the
-- order has its price sum missing and not its freight sum, or the reverse (a "partial" order: a
-- filter holding that category and another would add the other's price to this one's freight,
-- which gmv = price + freight per category loses). Those orders (rare: the source allows empty
-- money fields) keep one row per category, with order_key and the two sums apart
-- (items_value, freight_value; gmv NULL), for kpi_periods to add up order by order; every other
-- row has order_key, items_value and freight_value NULL. Read by kpi_periods.
with order_categories as (
    select
        order_key,
        any_value(purchased_at) as purchased_at,
        any_value(customer_state) as customer_state,
        category,
        sum(price) as items_value,
        sum(freight_value) as freight_value
    from {{ ref('mart_kpi_items') }}
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
        null as items_value,
        null as freight_value
    from {{ ref('mart_kpi_items') }}
    where counts_as_sale and is_only_item

    union all

    select
        null::integer as order_key,
        purchased_at,
        customer_state,
        category,
        items_value + freight_value as gmv,
        null as items_value,
        null as freight_value
    from order_categories
    where order_key not in (select order_key from partial_orders)

    union all

    select
        order_key, purchased_at, customer_state, category, null as gmv, items_value, freight_value
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
group by all
order by purchase_day, customer_state, category, order_key
