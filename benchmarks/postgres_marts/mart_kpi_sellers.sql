-- PostgreSQL translation of infrastructure/warehouse/models/marts/mart_kpi_sellers.sql (sha256
-- 786658f6c006). The dialects differ in: * exclude (...) replace (...) does not exist in
-- PostgreSQL: the columns of kpi_seller_measures but seller_key are listed, in their order, the
-- two money columns cast. The rest is the DuckDB text as it is.
with named as (
    select
        seller_key,
        any_value(seller_id) as seller_id,
        any_value(seller_state) as seller_state
    from mart_kpi_items
    group by seller_key
)

select
    named.seller_id,
    named.seller_state,
    measured.orders,
    measured.items,
    measured.revenue::decimal(18, 2) as revenue,
    measured.freight_value::decimal(18, 2) as freight_value,
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
from kpi_seller_measures(null, null, null, null) as measured
join named on named.seller_key = measured.seller_key
order by measured.seller_key
