-- Estimated vs actual delivery per purchase month under the filters: kpi_delivery (the
-- warehouse's macro, which holds the definitions) with the bound filters, its states added up
-- per month: mean days promised and taken, and mean delivered day - estimated day.
with months as (
    select
        month,
        sum(delivered_orders) as delivered_orders,
        sum(late_orders) as late_orders,
        sum(delivery_days_total) as delivery_days_total,
        sum(promised_days_total) as promised_days_total,
        sum(days_after_estimate_total) as days_after_estimate_total
    from kpi_delivery($date_from, $date_to, $states, $categories)
    group by month
)

select
    month,
    delivered_orders::bigint as delivered_orders,
    promised_days_total / delivered_orders as mean_promised_days,
    delivery_days_total / delivered_orders as mean_delivery_days,
    days_after_estimate_total / delivered_orders as mean_days_after_estimate,
    late_orders / delivered_orders as late_rate
from months
order by month
