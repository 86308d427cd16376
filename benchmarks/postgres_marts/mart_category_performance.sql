-- PostgreSQL translation of infrastructure/warehouse/models/marts/mart_category_performance.sql
-- (sha256 c9ac738281cb). The dialects differ in:
-- - count / count is integer division in PostgreSQL (DOUBLE in DuckDB): late_rate casts the
--   numerator to double precision.
-- The rest is the DuckDB text as it is.
select
    month,
    category_name,
    category as category_name_english,
    orders,
    items,
    revenue,
    freight_value,
    gmv,
    money_mean(revenue, items) as avg_item_price,
    reviewed_orders,
    review_score_total / nullif(reviewed_orders, 0) as avg_review_score,
    delivered_orders,
    late_orders,
    late_orders::double precision / nullif(delivered_orders, 0) as late_rate
from kpi_categories(null, null, null, null)
order by month, gmv desc, category_name
