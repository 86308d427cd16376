-- Table macro kpi_monthly(from_date, to_date, in_states, in_categories): kpi_periods by month
-- (which holds the definitions), its period named month: one row per purchase month of the range,
-- empty ones included, and the total row (is_total, month NULL). NULL = no filter.
-- depends_on: {{ ref('kpi_periods') }}
select
    period as month,
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
    avg_review_score,
    payment_value
from kpi_periods(from_date, to_date, in_states, in_categories, 'month')
