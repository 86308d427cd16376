-- PostgreSQL translation of infrastructure/warehouse/models/marts/mart_seller_scorecard.sql
-- (sha256 a99b079c83c1). The dialects differ in:
-- - count / count is integer division in PostgreSQL (DOUBLE in DuckDB): late_rate and
--   not_fulfilled_rate cast the numerator to double precision.
-- The rest is the DuckDB text as it is.
with sellers_performance as (
    select *
    from kpi_sellers(null, null, null, null)
),

seller_ids as (
    select seller_id from dim_seller
    union
    select seller_id from sellers_performance where seller_id is not null
)

select
    seller_ids.seller_id,
    sellers.city,
    sellers.state,
    sellers.region,
    coalesce(performance.orders, 0) as orders,
    coalesce(performance.items, 0) as items,
    coalesce(performance.revenue, 0)::decimal(18, 2) as revenue,
    coalesce(performance.freight_value, 0)::decimal(18, 2) as freight_value,
    coalesce(performance.revenue + performance.freight_value, 0)::decimal(18, 2) as gmv,
    money_mean(performance.revenue, performance.items) as avg_item_price,
    coalesce(performance.canceled_orders, 0) as canceled_orders,
    coalesce(performance.reviewed_orders, 0) as reviewed_orders,
    performance.mean_review_score as avg_review_score,
    coalesce(performance.delivered_orders, 0) as delivered_orders,
    coalesce(performance.late_orders, 0) as late_orders,
    performance.late_orders::double precision / nullif(performance.delivered_orders, 0)
        as late_rate,
    performance.mean_delivery_days as avg_delivery_days,
    performance.first_sale_at,
    performance.last_sale_at,
    rank() over (order by coalesce(performance.revenue + performance.freight_value, 0) desc)
        as gmv_rank,
    coalesce(performance.unavailable_orders, 0) as unavailable_orders,
    coalesce(performance.not_fulfilled_orders, 0) as not_fulfilled_orders,
    performance.not_fulfilled_orders::double precision / performance.all_orders
        as not_fulfilled_rate
from seller_ids
left join dim_seller as sellers on sellers.seller_id = seller_ids.seller_id
left join sellers_performance as performance on performance.seller_id = seller_ids.seller_id
order by gmv_rank, seller_ids.seller_id
