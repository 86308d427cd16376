-- PostgreSQL translation of infrastructure/warehouse/models/marts/kpi_orders.sql (sha256
-- 9a364e03201d). The DuckDB table macro becomes a SQL function of the same name and parameters
-- (the script declares it, as for every kpi_* macro); this file is its body. The dialects differ
-- in: orders.* replace (...) does not exist in PostgreSQL: every column of mart_kpi_orders is
-- listed in its order, the four replaced ones in place (the columns of
-- infrastructure/warehouse/models/marts/mart_kpi_orders.sql (sha256 023adc27f55c)). The rest is
-- the DuckDB text as it is.
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
    orders.order_id,
    orders.customer_unique_id,
    orders.customer_key,
    orders.customer_state,
    orders.customer_zip_code_prefix,
    orders.order_status,
    orders.purchased_at,
    orders.purchase_month,
    orders.estimated_delivery_date,
    orders.delivered_customer_at,
    orders.counts_as_sale,
    orders.is_canceled,
    orders.is_unavailable,
    orders.is_not_fulfilled,
    orders.is_delivered_with_date,
    orders.is_late,
    orders.delivery_days,
    orders.review_score,
    case when in_categories is null then orders.item_count else category.item_count end
        as item_count,
    case when in_categories is null then orders.items_value else category.items_value end
        ::decimal(18, 2) as items_value,
    case when in_categories is null then orders.freight_value else category.freight_value end
        ::decimal(18, 2) as freight_value,
    case
        when in_categories is null then orders.order_value
        else category.items_value + category.freight_value
    end::decimal(18, 2) as order_value,
    orders.payment_value,
    orders.is_first_order
from mart_kpi_orders as orders
left join category_items as category on category.order_id = orders.order_id
where
    (from_date is null or orders.purchased_at >= from_date::date)
    and (to_date is null or orders.purchased_at < to_date::date + 1)
    and (in_states is null or orders.customer_state = any(in_states))
    and (in_categories is null or category.order_id is not null)
