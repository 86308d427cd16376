-- Executive KPIs per purchase month, every month from the first to the last one (empty months show
-- zero orders): the months of kpi_monthly without filters, so the mart and the dashboards share
-- one definition of each figure (see kpi_monthly.sql for them).
-- depends_on: {{ ref('kpi_monthly') }}
select
    month,
    orders,
    gmv,
    aov,
    customers,
    new_customers,
    canceled_rate,
    late_rate,
    avg_review_score,
    sale_orders,
    canceled_orders,
    delivered_orders,
    late_orders,
    avg_delivery_days,
    payment_value,
    unavailable_orders,
    not_fulfilled_orders,
    not_fulfilled_rate
from kpi_monthly(null, null, null, null)
where not is_total
order by month
