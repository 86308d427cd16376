-- The executive view under the filters: kpi_monthly (the warehouse's macro, which holds the
-- definitions) with the bound filters, one row per month and a total row.
select
    month,
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
from kpi_monthly($date_from, $date_to, $state, $category)
order by month nulls first
