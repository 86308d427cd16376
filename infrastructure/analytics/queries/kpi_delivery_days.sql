-- Distribution of delivery days (delivered - purchase, fractional) of the filtered orders
-- delivered with a date, in whole-day buckets [d, d + 1); the last bucket holds $max_days and more.
select
    least(floor(delivery_days), $max_days)::integer as days,
    count(*) as orders,
    count(*) filter (where is_late) as late_orders
from kpi_orders($date_from, $date_to, $states, $categories)
where is_delivered_with_date
group by all
order by days
