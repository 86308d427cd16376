-- One row per calendar day from the first to the last date any fact holds: purchases, approvals,
-- carrier pickups, deliveries, estimates, shipping limits (some run years past the orders),
-- review creation and answers.
with fact_dates as (
    select
        least(
            min(purchased_at), min(approved_at), min(delivered_carrier_at),
            min(delivered_customer_at), min(estimated_delivery_date)
        ) as first_at,
        greatest(
            max(purchased_at), max(approved_at), max(delivered_carrier_at),
            max(delivered_customer_at), max(estimated_delivery_date)
        ) as last_at
    from {{ ref('fct_orders') }}
    union all
    select min(shipping_limit_at), max(shipping_limit_at)
    from {{ ref('fct_order_items') }}
    union all
    select least(min(created_at), min(answered_at)), greatest(max(created_at), max(answered_at))
    from {{ ref('fct_reviews') }}
),

bounds as (
    select min(first_at)::date as first_day, max(last_at)::date as last_day
    from fact_dates
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
