-- Table macro kpi_periods(from_date, to_date, in_states, in_categories, grain): the executive KPIs
-- of the orders passing the dashboards' filters (those of kpi_orders; NULL = no filter), one row
-- per purchase period of the grain ('day', 'week' starting on Monday, or 'month'; every period of
-- the date range, empty ones included) and one total row for the whole range (is_total, period
-- NULL). kpi_monthly is it by month; mart_kpi_monthly its months without filters.
-- The fixed definitions: GMV = items price + freight of orders not canceled/unavailable; AOV =
-- GMV / those orders; not fulfilled = canceled + unavailable orders (the orders GMV leaves out),
-- shown with the split; late rate = late among delivered orders with a delivery date; review
-- score per order = mean of its reviews; a new customer is one whose first order ever is among
-- the orders. With categories, an order passes when it holds an item of one of them, and its
-- value is that of those categories' items only.
-- Read from the rollups built with the warehouse rather than order by order, so the cost does not
-- grow with the orders: mart_kpi_daily_states (per day × state) without a category filter,
-- mart_kpi_daily (per day × state × set of categories: every filter selects whole rows of it; an
-- order is counted once however many of the chosen categories it holds) and
-- mart_kpi_daily_categories (the GMV under a category filter; order by order for the rare orders
-- whose price or freight is missing in some of their categories only) with one. Customers are
-- exact: a person whose order is their only one (is_only_order) is counted by it, the others by a
-- distinct over their rows of mart_kpi_daily_customers (a few in a hundred of the orders).
-- depends_on: {{ ref('money_mean') }}
with chosen_sets as (
    select category_set_id
    from {{ ref('mart_kpi_category_sets') }}
    where category = any(in_categories)
),

days as (
    -- without categories: the rows per day and state
    select *
    from {{ ref('mart_kpi_daily_states') }}
    where
        in_categories is null
        and (from_date is null or purchase_day >= from_date::date)
        and (to_date is null or purchase_day <= to_date::date)
        and (in_states is null or customer_state = any(in_states))

    union all by name

    -- with categories: the rows of the sets holding one of them, and the GMV of their items
    select * exclude (category_set_id, gmv)
    from {{ ref('mart_kpi_daily') }}
    where
        in_categories is not null
        and (from_date is null or purchase_day >= from_date::date)
        and (to_date is null or purchase_day <= to_date::date)
        and (in_states is null or customer_state = any(in_states))
        and category_set_id in (select * from chosen_sets)

    union all by name

    select purchase_day, gmv
    from {{ ref('mart_kpi_daily_categories') }}
    where
        in_categories is not null
        and category = any(in_categories)
        and (from_date is null or purchase_day >= from_date::date)
        and (to_date is null or purchase_day <= to_date::date)
        and (in_states is null or customer_state = any(in_states))

    union all by name

    -- the orders whose price or freight is missing in some categories only (their rows above have
    -- gmv NULL): order by order, the chosen items' prices plus their freights
    select
        any_value(purchase_day) as purchase_day,
        (sum(items_value) + sum(freight_value))::decimal(18, 2) as gmv
    from {{ ref('mart_kpi_daily_categories') }}
    where
        in_categories is not null
        and order_key is not null
        and category = any(in_categories)
        and (from_date is null or purchase_day >= from_date::date)
        and (to_date is null or purchase_day <= to_date::date)
        and (in_states is null or customer_state = any(in_states))
    group by order_key
),

repeat_customers as (
    select
        date_trunc(grain, purchase_day)::date as period,
        count(distinct customer_key) as customers
    from {{ ref('mart_kpi_daily_customers') }}
    where
        (from_date is null or purchase_day >= from_date::date)
        and (to_date is null or purchase_day <= to_date::date)
        and (in_states is null or customer_state = any(in_states))
        and (in_categories is null or category_set_id in (select * from chosen_sets))
    group by grouping sets ((date_trunc(grain, purchase_day)::date), ())
),

per_period as (
    select
        date_trunc(grain, purchase_day)::date as period,
        sum(orders)::bigint as orders,
        sum(sale_orders)::bigint as sale_orders,
        sum(gmv) as gmv,
        sum(only_order_customers)::bigint as only_order_customers,
        sum(new_customers)::bigint as new_customers,
        sum(canceled_orders)::bigint as canceled_orders,
        sum(unavailable_orders)::bigint as unavailable_orders,
        sum(not_fulfilled_orders)::bigint as not_fulfilled_orders,
        sum(delivered_orders)::bigint as delivered_orders,
        sum(late_orders)::bigint as late_orders,
        sum(delivery_days_sum) / nullif(sum(delivery_days_count), 0) as avg_delivery_days,
        sum(reviewed_orders)::bigint as reviewed_orders,
        sum(review_score_sum) / nullif(sum(reviewed_orders), 0) as avg_review_score,
        sum(payment_value) as payment_value
    from days
    group by grouping sets ((date_trunc(grain, purchase_day)::date), ())
),

data_periods as (
    select
        date_trunc(grain, min(purchase_day))::date as first_period,
        date_trunc(grain, max(purchase_day))::date as last_period
    from {{ ref('mart_kpi_daily') }}
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
    coalesce(per_period.only_order_customers, 0) + coalesce(repeat_customers.customers, 0)
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
left join repeat_customers on repeat_customers.period is not distinct from periods.period
order by periods.period nulls first
