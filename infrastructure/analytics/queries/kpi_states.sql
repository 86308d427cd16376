-- The states view under the filters: kpi_states (the warehouse's macro, which holds the
-- definitions) with the bound filters, highest GMV first.
select
    customer_state,
    orders,
    sale_orders,
    gmv,
    aov,
    customers,
    mean_freight_share,
    delivered_orders,
    late_orders,
    late_rate
from kpi_states($date_from, $date_to, $states, $categories)
order by gmv desc, customer_state
