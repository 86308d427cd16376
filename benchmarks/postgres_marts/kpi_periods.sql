-- PostgreSQL translation of infrastructure/warehouse/models/marts/kpi_periods.sql (sha256
-- 7acff4828a2a), the body of the SQL function kpi_periods(...). The dialects differ in:
-- - union all by name -> union all with the columns listed in one order, NULL where a branch has
--   none (the day x state rows' columns, the sets' rows without gmv, the categories' GMV rows
--   with gmv alone); * exclude (category_set_id, gmv) -> the columns listed;
-- - date_trunc(grain, purchase_day) of a DATE -> of purchase_day::timestamp (PostgreSQL would
--   take the time-zone-dependent timestamptz variant);
-- - unnest(generate_series(first, last, interval 1 day|7 day|1 month))::date
--   -> generate_series(first::timestamp, last::timestamp, interval '1 day'|...)::date (PostgreSQL
--   has no date series);
-- - count / count is integer division in PostgreSQL (DOUBLE in DuckDB): canceled_rate,
--   not_fulfilled_rate and late_rate cast the numerator to double precision, and the means'
--   sums over counts (numeric in PostgreSQL) are cast to double precision.
-- The rest (grouping sets, FILTER, money_mean, is not distinct from) is the DuckDB text as it is.
with chosen_sets as (
    select category_set_id
    from mart_kpi_category_sets
    where category = any(in_categories)
),

days as (
    select
        purchase_day, orders, sale_orders, gmv, only_order_customers, new_customers,
        canceled_orders, unavailable_orders, not_fulfilled_orders, delivered_orders, late_orders,
        delivery_days_sum, delivery_days_count, reviewed_orders, review_score_sum, payment_value
    from mart_kpi_daily_states
    where
        in_categories is null
        and (from_date is null or purchase_day >= from_date::date)
        and (to_date is null or purchase_day <= to_date::date)
        and (in_states is null or customer_state = any(in_states))

    union all

    select
        purchase_day, orders, sale_orders, null, only_order_customers, new_customers,
        canceled_orders, unavailable_orders, not_fulfilled_orders, delivered_orders, late_orders,
        delivery_days_sum, delivery_days_count, reviewed_orders, review_score_sum, payment_value
    from mart_kpi_daily
    where
        in_categories is not null
        and (from_date is null or purchase_day >= from_date::date)
        and (to_date is null or purchase_day <= to_date::date)
        and (in_states is null or customer_state = any(in_states))
        and category_set_id in (select * from chosen_sets)

    union all

    select
        purchase_day, null, null, gmv, null, null, null, null, null, null, null, null, null,
        null, null, null
    from mart_kpi_daily_categories
    where
        in_categories is not null
        and category = any(in_categories)
        and (from_date is null or purchase_day >= from_date::date)
        and (to_date is null or purchase_day <= to_date::date)
        and (in_states is null or customer_state = any(in_states))

    union all

    -- the orders whose price or freight is missing in some categories only (their rows above have
    -- gmv NULL): order by order, the chosen items' prices plus their freights
    select
        any_value(purchase_day), null, null,
        (sum(items_value) + sum(freight_value))::decimal(18, 2), null, null, null, null, null,
        null, null, null, null, null, null, null
    from mart_kpi_daily_categories
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
        date_trunc(grain, purchase_day::timestamp)::date as period,
        count(distinct customer_key) as customers
    from mart_kpi_daily_customers
    where
        (from_date is null or purchase_day >= from_date::date)
        and (to_date is null or purchase_day <= to_date::date)
        and (in_states is null or customer_state = any(in_states))
        and (in_categories is null or category_set_id in (select * from chosen_sets))
    group by grouping sets ((date_trunc(grain, purchase_day::timestamp)::date), ())
),

per_period as (
    select
        date_trunc(grain, purchase_day::timestamp)::date as period,
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
        sum(delivery_days_sum)
        / nullif(sum(delivery_days_count), 0)::double precision as avg_delivery_days,
        sum(reviewed_orders)::bigint as reviewed_orders,
        sum(review_score_sum) / nullif(sum(reviewed_orders), 0)::double precision
            as avg_review_score,
        sum(payment_value) as payment_value
    from days
    group by grouping sets ((date_trunc(grain, purchase_day::timestamp)::date), ())
),

data_periods as (
    select
        date_trunc(grain, min(purchase_day)::timestamp)::date as first_period,
        date_trunc(grain, max(purchase_day)::timestamp)::date as last_period
    from mart_kpi_daily
),

span as (
    select
        greatest(date_trunc(grain, from_date::date), first_period)::date as first_period,
        least(date_trunc(grain, to_date::date), last_period)::date as last_period
    from data_periods
),

periods as (
    select
        generate_series(
            first_period::timestamp,
            last_period::timestamp,
            case grain when 'day' then interval '1 day' when 'week' then interval '7 days'
                else interval '1 month' end
        )::date as period
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
    per_period.canceled_orders::double precision / nullif(per_period.orders, 0) as canceled_rate,
    coalesce(per_period.unavailable_orders, 0) as unavailable_orders,
    coalesce(per_period.not_fulfilled_orders, 0) as not_fulfilled_orders,
    per_period.not_fulfilled_orders::double precision / nullif(per_period.orders, 0)
        as not_fulfilled_rate,
    coalesce(per_period.delivered_orders, 0) as delivered_orders,
    coalesce(per_period.late_orders, 0) as late_orders,
    per_period.late_orders::double precision / nullif(per_period.delivered_orders, 0)
        as late_rate,
    per_period.avg_delivery_days,
    coalesce(per_period.reviewed_orders, 0) as reviewed_orders,
    per_period.avg_review_score,
    coalesce(per_period.payment_value, 0)::decimal(18, 2) as payment_value
from periods
left join per_period on per_period.period is not distinct from periods.period
left join repeat_customers on repeat_customers.period is not distinct from periods.period
order by periods.period nulls first
