-- Estimated vs actual delivery per purchase month, over the filtered orders delivered with a
-- date: mean days promised (estimated date - purchase) and taken (delivered - purchase), and the
-- mean of delivered day - estimated day (negative = early).
select
    purchase_month as month,
    count(*) as delivered_orders,
    avg(date_diff('second', purchased_at, estimated_delivery_date) / 86400.0) as mean_promised_days,
    avg(delivery_days) as mean_delivery_days,
    avg(date_diff('day', estimated_delivery_date::date, delivered_customer_at::date))
        as mean_days_after_estimate,
    count(*) filter (where is_late) / count(*) as late_rate
from kpi_orders($date_from, $date_to, $state, $category)
where is_delivered_with_date
group by purchase_month
order by month
