-- Table macro kpi_orders(from_date, to_date, in_states, in_categories): one row per order passing
-- the dashboards' filters (as in kpi_items; states and categories are lists). With categories, an
-- order passes when it holds an item of one of them, and its items, value and freight are those
-- of those categories' items only, so the GMV of the categories adds up to the total GMV. A NULL
-- argument means no filter.
-- depends_on: {{ ref('kpi_items') }}
with category_items as (
    select
        order_id,
        count(*) as item_count,
        sum(price) as items_value,
        sum(freight_value) as freight_value
    from kpi_items(from_date, to_date, in_states, in_categories)
    where in_categories is not null
    group by order_id
)

select
    orders.* replace (
        case when in_categories is null then orders.item_count else category.item_count end
            as item_count,
        case when in_categories is null then orders.items_value else category.items_value end
            ::decimal(18, 2) as items_value,
        case when in_categories is null then orders.freight_value else category.freight_value end
            ::decimal(18, 2) as freight_value,
        case
            when in_categories is null then orders.order_value
            else category.items_value + category.freight_value
        end::decimal(18, 2) as order_value
    )
from {{ ref('mart_kpi_orders') }} as orders
left join category_items as category on category.order_id = orders.order_id
where
    (from_date is null or orders.purchased_at >= from_date::date)
    and (to_date is null or orders.purchased_at < to_date::date + 1)
    and (in_states is null or orders.customer_state = any(in_states))
    and (in_categories is null or category.order_id is not null)
