-- One row per calendar day from the first purchase to the last purchase, delivery or estimate.
with bounds as (
    select
        min(purchased_at)::date as first_day,
        greatest(max(purchased_at), max(delivered_customer_at), max(estimated_delivery_date))::date
            as last_day
    from fct_orders
),

days as (
    select unnest(generate_series(first_day, last_day, interval 1 day))::date as date_day
    from bounds
)

select
    date_day,
    year(date_day) as year,
    quarter(date_day) as quarter,
    month(date_day) as month,
    date_trunc('month', date_day)::date as month_start,
    day(date_day) as day_of_month,
    isodow(date_day) as iso_day_of_week,
    dayname(date_day) as day_name,
    monthname(date_day) as month_name,
    weekofyear(date_day) as iso_week,
    isodow(date_day) >= 6 as is_weekend
from days
order by date_day
