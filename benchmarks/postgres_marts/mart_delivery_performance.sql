-- PostgreSQL translation of infrastructure/warehouse/models/marts/mart_delivery_performance.sql
-- (sha256 dbaeb85a5bc6). The dialects differ in:
-- - integer / integer is integer division in PostgreSQL (DOUBLE in DuckDB): late_rate and
--   avg_days_after_estimate cast the numerator to double precision.
-- The rest is the DuckDB text as it is.
select
    month,
    customer_state,
    delivered_orders,
    late_orders,
    late_orders::double precision / delivered_orders as late_rate,
    delivery_days_total / delivered_orders as avg_delivery_days,
    median_delivery_days,
    promised_days_total / delivered_orders as avg_promised_days,
    days_after_estimate_total::double precision / delivered_orders as avg_days_after_estimate
from kpi_delivery(null, null, null, null)
order by month, customer_state
