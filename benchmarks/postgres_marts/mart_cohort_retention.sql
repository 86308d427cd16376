-- PostgreSQL translation of infrastructure/warehouse/models/marts/mart_cohort_retention.sql.
-- What had to change:
-- - date_diff('month', a, b) (month boundaries crossed) -> the difference of year * 12 + month,
--   as bigint;
-- - group by all -> the two grouping columns named;
-- - active_customers / cohort_size is integer division in PostgreSQL: cast to double precision.
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
        (
            (extract(year from activity.purchase_month) - extract(year from cohorts.cohort_month))
            * 12
            + extract(month from activity.purchase_month)
            - extract(month from cohorts.cohort_month)
        )::bigint as months_since_first,
        count(*) as active_customers
    from customer_cohorts as cohorts
    join monthly_activity as activity on activity.customer_unique_id = cohorts.customer_unique_id
    group by cohorts.cohort_month, months_since_first
)

select
    active.cohort_month,
    active.months_since_first,
    sizes.cohort_size,
    active.active_customers,
    active.active_customers::double precision / sizes.cohort_size as retention_rate
from active_per_cohort_month as active
join cohort_sizes as sizes on sizes.cohort_month = active.cohort_month
order by active.cohort_month, active.months_since_first
