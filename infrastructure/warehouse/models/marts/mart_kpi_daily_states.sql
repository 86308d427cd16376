-- mart_kpi_daily without the categories: its rows summed per purchase day × customer state, the
-- rollup kpi_periods reads when no category is chosen (a few rows per day and state however many
-- orders there are; mart_kpi_daily has one per set of categories too).
select
    purchase_day,
    customer_state,
    sum(orders)::bigint as orders,
    sum(sale_orders)::bigint as sale_orders,
    sum(gmv)::decimal(18, 2) as gmv,
    sum(only_order_customers)::bigint as only_order_customers,
    sum(new_customers)::bigint as new_customers,
    sum(canceled_orders)::bigint as canceled_orders,
    sum(unavailable_orders)::bigint as unavailable_orders,
    sum(not_fulfilled_orders)::bigint as not_fulfilled_orders,
    sum(delivered_orders)::bigint as delivered_orders,
    sum(late_orders)::bigint as late_orders,
    sum(delivery_days_sum) as delivery_days_sum,
    sum(delivery_days_count)::bigint as delivery_days_count,
    sum(reviewed_orders)::bigint as reviewed_orders,
    sum(review_score_sum) as review_score_sum,
    sum(payment_value)::decimal(18, 2) as payment_value
from {{ ref('mart_kpi_daily') }}
group by all
order by purchase_day, customer_state
