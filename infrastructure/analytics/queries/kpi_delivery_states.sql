-- Lateness by customer state over the filtered orders delivered with a date: late when delivered
-- on a later day than the estimated one. Promised days = estimated date - purchase.
select
    customer_state,
    count(*) as delivered_orders,
    count(*) filter (where is_late) as late_orders,
    count(*) filter (where is_late) / count(*) as late_rate,
    avg(delivery_days) as mean_delivery_days,
    avg(date_diff('second', purchased_at, estimated_delivery_date) / 86400.0) as mean_promised_days
from kpi_orders($date_from, $date_to, $state, $category)
where is_delivered_with_date
group by customer_state
order by late_rate desc, delivered_orders desc, customer_state
