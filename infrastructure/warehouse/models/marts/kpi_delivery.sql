-- Table macro kpi_delivery(from_date, to_date, in_states, in_categories): delivery outcome per
-- purchase month and customer state of the orders passing the dashboards' filters (kpi_orders;
-- NULL = no filter) that were delivered with a delivery date: lateness (delivered day after
-- estimated day), days taken (delivered - purchase), promised (estimated date - purchase) and
-- delivered day - estimated day (negative = early). Totals add up across months and states
-- (total / delivered_orders is the mean). mart_delivery_performance is it without filters.
-- depends_on: {{ ref('kpi_orders') }}
with delivered_orders as (
    select
        purchase_month as month,
        customer_state,
        is_late,
        delivery_days,
        date_diff('second', purchased_at, estimated_delivery_date) / 86400.0 as promised_days,
        date_diff('day', estimated_delivery_date::date, delivered_customer_at::date)
            as days_after_estimate
    from kpi_orders(from_date, to_date, in_states, in_categories)
    where is_delivered_with_date
)

select
    month,
    customer_state,
    count(*) as delivered_orders,
    count(*) filter (where is_late) as late_orders,
    sum(delivery_days) as delivery_days_total,
    median(delivery_days) as median_delivery_days,
    sum(promised_days) as promised_days_total,
    sum(days_after_estimate) as days_after_estimate_total
from delivered_orders
group by month, customer_state
