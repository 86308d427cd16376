-- Delivery outcome per purchase month and customer state, over delivered orders with a delivery
-- date: kpi_delivery without filters, which holds the definitions.
-- depends_on: {{ ref('kpi_delivery') }}
select
    month,
    customer_state,
    delivered_orders,
    late_orders,
    late_orders / delivered_orders as late_rate,
    delivery_days_total / delivered_orders as avg_delivery_days,
    median_delivery_days,
    promised_days_total / delivered_orders as avg_promised_days,
    days_after_estimate_total / delivered_orders as avg_days_after_estimate
from kpi_delivery(null, null, null, null)
order by month, customer_state
