-- The executive view under the filters: kpi_periods (the warehouse's macro, which holds the
-- definitions) with the bound filters, one row per period of $grain (day, week, month) and a
-- total row.
select
    period,
    is_total,
    orders,
    sale_orders,
    gmv,
    aov,
    customers,
    new_customers,
    canceled_orders,
    canceled_rate,
    unavailable_orders,
    not_fulfilled_orders,
    not_fulfilled_rate,
    delivered_orders,
    late_orders,
    late_rate,
    avg_delivery_days,
    reviewed_orders,
    avg_review_score
from kpi_periods($date_from, $date_to, $states, $categories, $grain)
order by period nulls first
