-- Delivery outcome per purchase month and customer state, over delivered orders with a delivery
-- date: lateness (delivered day after estimated day), delivery days, margin to the estimate.
with delivered_orders as (
    select
        purchase_month as month,
        customer_state,
        is_late,
        delivery_days,
        date_diff('second', purchased_at, estimated_delivery_date) / 86400.0 as promised_days,
        date_diff('day', estimated_delivery_date::date, delivered_customer_at::date)
            as days_after_estimate
    from fct_orders
    where is_delivered_with_date
)

select
    month,
    customer_state,
    count(*) as delivered_orders,
    count(*) filter (where is_late) as late_orders,
    count(*) filter (where is_late) / count(*) as late_rate,
    avg(delivery_days) as avg_delivery_days,
    median(delivery_days) as median_delivery_days,
    avg(promised_days) as avg_promised_days,
    avg(days_after_estimate) as avg_days_after_estimate
from delivered_orders
group by month, customer_state
order by month, customer_state
