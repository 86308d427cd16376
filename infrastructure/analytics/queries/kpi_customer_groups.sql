-- The people acquired under the filters (as the cohorts: their first order ever passes the
-- filters), added up: in all, per acquisition month (cohort_month), per RFM segment ('(not
-- scored)' for people without a scored sale) and per whole days from the first order to the first
-- later sale order (days_to_second; null: none yet), `grouped_by` naming which. What each person
-- bought afterwards counts at any date, their orders passing the state and category filters:
-- sale orders (not canceled or unavailable) and lifetime GMV (their value); the second order is
-- any sale order but the first order ever. People are grouped by their integer customer_key, not
-- the 32-character id; only the sums leave the warehouse, not a row per person. A person whose
-- first order is their only one (is_only_order: most people) has bought that order alone and has
-- no second order: they are added up per acquisition month and segment first, and only the
-- others' orders are grouped per person; the segment is the one mart_kpi_orders carries.
with members as not materialized (
    select
        customer_key,
        purchased_at as first_at,
        purchase_month as cohort_month,
        is_only_order,
        counts_as_sale,
        order_value,
        coalesce(segment, '(not scored)') as segment
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
    where customer_key in (select customer_key from members where not is_only_order)
    group by customer_key
),

-- rows of `customers` people each: the people of one order per month and segment, the others
-- one by one
lifetimes as (
    select
        cohort_month,
        null::bigint as days_to_second,
        count(*) as customers,
        count(*) filter (where counts_as_sale) as sale_orders,
        coalesce(sum(order_value) filter (where counts_as_sale), 0) as lifetime_gmv,
        segment
    from members
    where is_only_order
    group by cohort_month, segment
    union all
    select
        members.cohort_month,
        date_diff('day', members.first_at::date, later.second_at::date),
        1,
        later.sale_orders,
        later.lifetime_gmv,
        members.segment
    from members
    join later on later.customer_key = members.customer_key
    where not members.is_only_order
)

select
    case
        when grouping(cohort_month) = 0 then 'cohort_month'
        when grouping(segment) = 0 then 'segment'
        when grouping(days_to_second) = 0 then 'days_to_second'
        else 'all'
    end as grouped_by,
    cohort_month,
    segment,
    days_to_second,
    coalesce(sum(customers), 0)::bigint as customers,
    count(days_to_second) as repeat_customers,
    coalesce(sum(sale_orders), 0)::bigint as sale_orders,
    coalesce(sum(lifetime_gmv), 0)::decimal(18, 2) as lifetime_gmv,
    sum(lifetime_gmv)::double / nullif(sum(customers), 0) as mean_lifetime_gmv,
    median(days_to_second) as median_days_to_second
from lifetimes
group by grouping sets ((), (cohort_month), (segment), (days_to_second))
