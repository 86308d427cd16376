-- PostgreSQL translation of infrastructure/analytics/queries/kpi_customer_lifetimes.sql (sha256
-- 09cf1c42c27b). The dialects differ in: date_diff('day', a, b) -> b - a (dates: an integer number
-- of days). The rest is the DuckDB text as it is (its comments aside).
with members as (
    select
        customer_key,
        customer_unique_id,
        purchased_at as first_at,
        purchase_month as cohort_month
    from kpi_orders($date_from, $date_to, $states, $categories)
    where is_first_order
),

later as (
    select
        customer_key,
        count(*) filter (where counts_as_sale) as sale_orders,
        coalesce(sum(order_value) filter (where counts_as_sale), 0) as lifetime_gmv,
        min(purchased_at) filter (where counts_as_sale and not is_first_order) as second_at
    from kpi_orders(null, null, $states, $categories)
    where customer_key in (select customer_key from members)
    group by customer_key
)

select
    members.cohort_month,
    later.second_at::date - members.first_at::date as days_to_second,
    later.sale_orders,
    later.lifetime_gmv::decimal(18, 2) as lifetime_gmv,
    coalesce(rfm.segment, '(not scored)') as segment
from members
join later on later.customer_key = members.customer_key
left join mart_customer_rfm as rfm on rfm.customer_unique_id = members.customer_unique_id
