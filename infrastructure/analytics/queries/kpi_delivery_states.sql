-- Lateness by customer state under the filters: kpi_delivery (the warehouse's macro, which holds
-- the definitions) with the bound filters, its months added up per state. Late when delivered on
-- a later day than the estimated one.
with states as (
    select
        customer_state,
        sum(delivered_orders) as delivered_orders,
        sum(late_orders) as late_orders,
        sum(delivery_days_total) as delivery_days_total,
        sum(promised_days_total) as promised_days_total
    from kpi_delivery($date_from, $date_to, $states, $categories)
    group by customer_state
)

select
    customer_state,
    delivered_orders::bigint as delivered_orders,
    late_orders::bigint as late_orders,
    late_orders / delivered_orders as late_rate,
    delivery_days_total / delivered_orders as mean_delivery_days,
    promised_days_total / delivered_orders as mean_promised_days
from states
order by late_rate desc, delivered_orders desc, customer_state
