-- One row per person acquired under the filters (no id: only what the Customers view adds up) (as the cohorts: their first order ever passes
-- the filters) with what they bought afterwards at any date, counting their orders that pass the
-- state and category filters: sale orders (not canceled or unavailable), lifetime GMV (their
-- value), the first sale order after the first order and the whole days to it (null: none yet),
-- and their RFM segment ('(not scored)' for people without a scored sale).
with members as (
    select customer_unique_id, purchased_at as first_at, purchase_month as cohort_month, order_id
    from kpi_orders($date_from, $date_to, $states, $categories)
    where is_first_order
),

later as (
    select
        members.customer_unique_id,
        count(*) filter (where orders.counts_as_sale) as sale_orders,
        coalesce(sum(orders.order_value) filter (where orders.counts_as_sale), 0) as lifetime_gmv,
        min(orders.purchased_at) filter (
            where orders.counts_as_sale and orders.order_id <> members.order_id
        ) as second_at
    from members
    join kpi_orders(null, null, $states, $categories) as orders
        on orders.customer_unique_id = members.customer_unique_id
    group by members.customer_unique_id
)

select
    members.cohort_month,
    date_diff('day', members.first_at::date, later.second_at::date) as days_to_second,
    later.sale_orders,
    later.lifetime_gmv::decimal(18, 2) as lifetime_gmv,
    coalesce(rfm.segment, '(not scored)') as segment
from members
join later on later.customer_unique_id = members.customer_unique_id
left join mart_customer_rfm as rfm on rfm.customer_unique_id = members.customer_unique_id
