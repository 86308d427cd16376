-- Share of each first-order cohort (month) placing an order n months later (n = 0 is the cohort).
with customer_cohorts as (
    select customer_unique_id, date_trunc('month', first_order_at)::date as cohort_month
    from dim_customer
    where first_order_at is not null
),

cohort_sizes as (
    select cohort_month, count(*) as cohort_size
    from customer_cohorts
    group by cohort_month
),

monthly_activity as (
    select distinct customer_unique_id, purchase_month
    from fct_orders
    where customer_unique_id is not null
),

active_per_cohort_month as (
    select
        cohorts.cohort_month,
        date_diff('month', cohorts.cohort_month, activity.purchase_month) as months_since_first,
        count(*) as active_customers
    from customer_cohorts as cohorts
    join monthly_activity as activity on activity.customer_unique_id = cohorts.customer_unique_id
    group by all
)

select
    active.cohort_month,
    active.months_since_first,
    sizes.cohort_size,
    active.active_customers,
    active.active_customers / sizes.cohort_size as retention_rate
from active_per_cohort_month as active
join cohort_sizes as sizes on sizes.cohort_month = active.cohort_month
order by active.cohort_month, active.months_since_first
