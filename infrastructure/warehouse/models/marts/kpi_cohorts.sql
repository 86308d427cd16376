-- Table macro kpi_cohorts(from_date, to_date, in_states, in_categories) (NULL = no filter): monthly
-- acquisition cohorts: people by the month of their first order ever, when that order
-- passes the filters (so a cohort's size is the month's "new customers"), and the share of each
-- cohort ordering again n months later (n = 0 is the cohort itself), counting their orders that
-- pass the state and category filters at any date. repeat_rate: share ordering in a later month.
-- mart_cohort_retention is it without filters. A person whose first order is their only one
-- (is_only_order) needs no join with their orders: only the others' orders are read.
-- depends_on: {{ ref('kpi_orders') }}
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
        date_diff('month', members.cohort_month, orders.purchase_month) as months_since_first
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
    cohorts.repeat_customers / cohorts.cohort_size as repeat_rate,
    activity.months_since_first,
    count(*) as active_customers,
    count(*) / cohorts.cohort_size as retention_rate
from activity
join cohorts on cohorts.cohort_month = activity.cohort_month
group by
    activity.cohort_month,
    cohorts.cohort_size,
    cohorts.repeat_customers,
    activity.months_since_first
order by activity.cohort_month, activity.months_since_first
