-- PostgreSQL translation of infrastructure/warehouse/models/marts/kpi_sellers.sql (sha256
-- dbf7b3ec2716), the body of the SQL function kpi_sellers(...). The dialects differ in:
-- - union all by name -> union all: both branches list the same columns in the same order;
-- - measured.* exclude (seller_key) does not exist in PostgreSQL: measured's columns but
--   seller_key are listed, in their order.
-- The rest is the DuckDB text as it is.
select *
from mart_kpi_sellers
where from_date is null and to_date is null and in_states is null and in_categories is null

union all

select
    named.seller_id,
    named.seller_state,
    measured.orders,
    measured.items,
    measured.revenue,
    measured.freight_value,
    measured.first_sale_at,
    measured.last_sale_at,
    measured.all_orders,
    measured.canceled_orders,
    measured.unavailable_orders,
    measured.not_fulfilled_orders,
    measured.delivered_orders,
    measured.late_orders,
    measured.reviewed_orders,
    measured.mean_review_score,
    measured.mean_delivery_days,
    measured.seller_key
from kpi_seller_measures(from_date, to_date, in_states, in_categories) as measured
join mart_kpi_sellers as named on named.seller_key = measured.seller_key
where
    from_date is not null
    or to_date is not null
    or in_states is not null
    or in_categories is not null
