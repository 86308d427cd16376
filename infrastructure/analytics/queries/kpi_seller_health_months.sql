-- Each seller's health per calendar month of the filtered period [$date_from, $date_to] (the
-- service binds the last months of the dashboards' period) under the state and category filters:
-- kpi_sellers (the warehouse's macro, which holds the counts' definitions) run once per month,
-- each month cut to the period (no period: no rows), and the seller_health score over its rates,
-- as in kpi_sellers.sql, with the domain's weights bound. One row per month and seller taking part
-- in an order of that month; orders: all its orders of the month, any status (what the
-- not-fulfilled rate is a share of).
with months as (
    select
        month_start::date as month,
        greatest(month_start::date, $date_from::date) as month_from,
        least((month_start + interval 1 month)::date - 1, $date_to::date) as month_to
    from range(
        date_trunc('month', $date_from::date), $date_to::date + 1, interval 1 month
    ) as calendar (month_start)
),

measured as (
    select months.month, sellers.*
    from months,
        lateral kpi_sellers(months.month_from, months.month_to, $states, $categories) as sellers
)

select
    month,
    seller_id,
    all_orders as orders,
    seller_health(
        1 - late_orders / nullif(delivered_orders, 0),
        mean_review_score,
        not_fulfilled_orders / all_orders,
        $on_time_weight,
        $review_weight,
        $cancellation_weight
    ) as health
from measured
order by month, seller_id
