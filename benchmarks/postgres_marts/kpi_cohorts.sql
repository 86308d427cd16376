-- PostgreSQL translation of infrastructure/warehouse/models/marts/kpi_cohorts.sql (sha256
-- 5e4d1a09e407), the body of the SQL function kpi_cohorts(...). The dialects differ in:
-- - date_diff('month', a, b) (month boundaries crossed) -> the difference of year * 12 + month,
--   as bigint;
-- - count / count is integer division in PostgreSQL (DOUBLE in DuckDB): repeat_rate and
--   retention_rate cast the numerator to double precision.
-- The rest is the DuckDB text as it is.
with orders as (
    select customer_key, purchase_month
    from kpi_orders(null, null, in_states, in_categories)
    where not is_only_order
),

cohort_members as (
    select customer_key, purchase_month as cohort_month, is_only_order
    from kpi_orders(from_date, to_date, in_states, in_categories)
    where is_first_order
),

-- the months in which the people with other orders ordered (their first order's month too)
returns as (
    select distinct
        members.cohort_month,
        members.customer_key,
        (
            (extract(year from orders.purchase_month) - extract(year from members.cohort_month))
            * 12
            + extract(month from orders.purchase_month)
            - extract(month from members.cohort_month)
        )::bigint as months_since_first
    from cohort_members as members
    join orders on orders.customer_key = members.customer_key
    where not members.is_only_order
),

-- a person whose first order is their only one (most people) is active in its month alone
activity as (
    select cohort_month, customer_key, 0 as months_since_first
    from cohort_members
    where is_only_order
    union all
    select cohort_month, customer_key, months_since_first
    from returns
),

cohorts as (
    select
        members.cohort_month,
        count(*) as cohort_size,
        coalesce(any_value(repeaters.customers), 0) as repeat_customers
    from cohort_members as members
    left join (
        select cohort_month, count(distinct customer_key) as customers
        from returns
        where months_since_first > 0
        group by cohort_month
    ) as repeaters on repeaters.cohort_month = members.cohort_month
    group by members.cohort_month
)

select
    activity.cohort_month,
    cohorts.cohort_size,
    cohorts.repeat_customers,
    cohorts.repeat_customers::double precision / cohorts.cohort_size as repeat_rate,
    activity.months_since_first,
    count(*) as active_customers,
    count(*)::double precision / cohorts.cohort_size as retention_rate
from activity
join cohorts on cohorts.cohort_month = activity.cohort_month
group by
    activity.cohort_month,
    cohorts.cohort_size,
    cohorts.repeat_customers,
    activity.months_since_first
order by activity.cohort_month, activity.months_since_first
