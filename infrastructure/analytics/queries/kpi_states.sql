-- One row per customer state (UF) of the filtered orders: orders, GMV (as in the executive view),
-- customers, the mean share of freight in an order's value (sales with a value) and late rate.
select
    customer_state,
    count(*) as orders,
    count(*) filter (where counts_as_sale) as sale_orders,
    coalesce(sum(order_value) filter (where counts_as_sale), 0)::decimal(18, 2) as gmv,
    money_mean(
        sum(order_value) filter (where counts_as_sale), count(*) filter (where counts_as_sale)
    ) as aov,
    count(distinct customer_unique_id) as customers,
    avg(freight_value / order_value) filter (where counts_as_sale and order_value > 0)
        as mean_freight_share,
    count(*) filter (where is_delivered_with_date) as delivered_orders,
    count(*) filter (where is_delivered_with_date and is_late) as late_orders,
    count(*) filter (where is_delivered_with_date and is_late)
        / nullif(count(*) filter (where is_delivered_with_date), 0) as late_rate
from kpi_orders($date_from, $date_to, $state, $category)
group by customer_state
order by gmv desc, customer_state
