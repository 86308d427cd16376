-- Table macro kpi_orders(from_date, to_date, in_states, in_categories): one row per order passing
-- the dashboards' filters (as in kpi_items; states and categories are lists). With categories, an
-- order passes when it holds an item of one of them, and its items, value and freight are those
-- of those categories' items only, so the GMV of the categories adds up to the total GMV. A NULL
-- argument means no filter. Two branches, one of them empty: without categories the orders are
-- read alone (a join with the categories' items, even empty, cost a probe per order). The
-- categories' items are grouped and joined by the integer order_key (by order_id the join cost
-- 6x more).
-- depends_on: {{ ref('kpi_items') }}
select orders.*
from {{ ref('mart_kpi_orders') }} as orders
where
    in_categories is null
    and (from_date is null or orders.purchased_at >= from_date::date)
    and (to_date is null or orders.purchased_at < to_date::date + 1)
    and (in_states is null or orders.customer_state = any(in_states))

union all by name

select
    orders.* replace (
        category.item_count as item_count,
        category.items_value::decimal(18, 2) as items_value,
        category.freight_value::decimal(18, 2) as freight_value,
        (category.items_value + category.freight_value)::decimal(18, 2) as order_value
    )
from {{ ref('mart_kpi_orders') }} as orders
join (
    select
        order_key,
        count(*) as item_count,
        sum(price) as items_value,
        sum(freight_value) as freight_value
    from kpi_items(from_date, to_date, in_states, in_categories)
    where in_categories is not null
    group by order_key
) as category on category.order_key = orders.order_key
where
    in_categories is not null
    and (from_date is null or orders.purchased_at >= from_date::date)
    and (to_date is null or orders.purchased_at < to_date::date + 1)
    and (in_states is null or orders.customer_state = any(in_states))
