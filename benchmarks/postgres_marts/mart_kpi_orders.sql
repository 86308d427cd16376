-- PostgreSQL translation of infrastructure/warehouse/models/marts/mart_kpi_orders.sql. Nothing had
-- to change: the DuckDB text runs on PostgreSQL as it is.
select
    order_id,
    customer_unique_id,
    customer_state,
    order_status,
    purchased_at,
    purchase_month,
    estimated_delivery_date,
    delivered_customer_at,
    counts_as_sale,
    order_status = 'canceled' as is_canceled,
    is_delivered_with_date,
    is_late,
    delivery_days,
    review_score,
    item_count,
    items_value,
    freight_value,
    order_value,
    payment_value,
    customer_unique_id is not null and row_number() over (
        partition by customer_unique_id order by purchased_at, order_id
    ) = 1 as is_first_order
from fct_orders
order by purchased_at, order_id
