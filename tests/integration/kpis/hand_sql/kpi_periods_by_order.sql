-- Reference for the rollups: kpi_periods as it was defined before them (warehouse format 10),
-- order by order over kpi_orders(...), created as a temp macro kpi_periods_by_order by
-- test_kpi_periods_rollup.py. The warehouse's kpi_periods (over mart_kpi_daily) must give these
-- rows under every filter and grain.
with orders as (
    select
        *,
        date_trunc(grain, purchased_at)::date as purchase_period
    from kpi_orders(from_date, to_date, in_states, in_categories)
),

per_period as (
    select
        purchase_period as period,
        count(*) as orders,
        count(*) filter (where counts_as_sale) as sale_orders,
        sum(order_value) filter (where counts_as_sale) as gmv,
        count(*) filter (where is_only_order) as only_order_customers,
        count(*) filter (where is_first_order) as new_customers,
        count(*) filter (where is_canceled) as canceled_orders,
        count(*) filter (where is_unavailable) as unavailable_orders,
        count(*) filter (where is_not_fulfilled) as not_fulfilled_orders,
        count(*) filter (where is_delivered_with_date) as delivered_orders,
        count(*) filter (where is_delivered_with_date and is_late) as late_orders,
        avg(delivery_days) filter (where is_delivered_with_date) as avg_delivery_days,
        count(review_score) as reviewed_orders,
        avg(review_score) as avg_review_score,
        sum(payment_value) as payment_value
    from orders
    group by grouping sets ((purchase_period), ())
),

other_customers as (
    select purchase_period as period, count(distinct customer_key) as customers
    from orders
    where not is_only_order
    group by grouping sets ((purchase_period), ())
),

data_periods as (
    select
        date_trunc(grain, min(purchased_at))::date as first_period,
        date_trunc(grain, max(purchased_at))::date as last_period
    from mart_kpi_orders
),

span as (
    select
        greatest(date_trunc(grain, from_date::date), first_period)::date as first_period,
        least(date_trunc(grain, to_date::date), last_period)::date as last_period
    from data_periods
),

periods as (
    select
        unnest(generate_series(
            first_period,
            last_period,
            case grain when 'day' then interval 1 day when 'week' then interval 7 day
                else interval 1 month end
        ))::date as period
    from span
    union all
    select null
)

select
    periods.period,
    periods.period is null as is_total,
    coalesce(per_period.orders, 0) as orders,
    coalesce(per_period.sale_orders, 0) as sale_orders,
    coalesce(per_period.gmv, 0)::decimal(18, 2) as gmv,
    money_mean(per_period.gmv, per_period.sale_orders) as aov,
    coalesce(per_period.only_order_customers, 0) + coalesce(other_customers.customers, 0)
        as customers,
    coalesce(per_period.new_customers, 0) as new_customers,
    coalesce(per_period.canceled_orders, 0) as canceled_orders,
    per_period.canceled_orders / nullif(per_period.orders, 0) as canceled_rate,
    coalesce(per_period.unavailable_orders, 0) as unavailable_orders,
    coalesce(per_period.not_fulfilled_orders, 0) as not_fulfilled_orders,
    per_period.not_fulfilled_orders / nullif(per_period.orders, 0) as not_fulfilled_rate,
    coalesce(per_period.delivered_orders, 0) as delivered_orders,
    coalesce(per_period.late_orders, 0) as late_orders,
    per_period.late_orders / nullif(per_period.delivered_orders, 0) as late_rate,
    per_period.avg_delivery_days,
    coalesce(per_period.reviewed_orders, 0) as reviewed_orders,
    per_period.avg_review_score,
    coalesce(per_period.payment_value, 0)::decimal(18, 2) as payment_value
from periods
left join per_period on per_period.period is not distinct from periods.period
left join other_customers on other_customers.period is not distinct from periods.period
order by periods.period nulls first
