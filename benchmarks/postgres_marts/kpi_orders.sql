-- PostgreSQL translation of infrastructure/warehouse/models/marts/kpi_orders.sql (sha256
-- 5103cc2606cd). The DuckDB table macro becomes a SQL function of the same name and parameters
-- (the script declares it, as for every kpi_* macro); this file is its body. The dialects differ
-- in:
-- - orders.* replace (...) does not exist in PostgreSQL: every column of mart_kpi_orders is
--   listed in its order, the four replaced ones in place (the columns of
--   infrastructure/warehouse/models/marts/mart_kpi_orders.sql (sha256 48d30954c558));
-- - union all by name -> union all, both branches listing the columns in that same order.
-- The rest is the DuckDB text as it is.
select orders.*
from mart_kpi_orders as orders
where
    in_categories is null
    and (from_date is null or orders.purchased_at >= from_date::date)
    and (to_date is null or orders.purchased_at < to_date::date + 1)
    and (in_states is null or orders.customer_state = any(in_states))

union all

select
    orders.order_id,
    orders.order_key,
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
    category.item_count as item_count,
    category.items_value::decimal(18, 2) as items_value,
    category.freight_value::decimal(18, 2) as freight_value,
    (category.items_value + category.freight_value)::decimal(18, 2) as order_value,
    orders.payment_value,
    orders.is_first_order,
    orders.is_only_order,
    orders.segment
from mart_kpi_orders as orders
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
