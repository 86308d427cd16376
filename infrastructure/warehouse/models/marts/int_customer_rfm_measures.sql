-- Recency, frequency and monetary value per person over orders that count as sales, as of the
-- last purchase that counts as a sale (never now(), so a rebuild gives the same answer; nor a
-- later canceled or unavailable order, which would age everyone; nor a purchase date the export
-- cannot hold, fct_orders.is_purchase_date_implausible). Sales after it are not measured, as the
-- domain's Customer.sales(as_of).
with as_of as (
    select max(purchased_at) as as_of_at
    from {{ ref('fct_orders') }}
    where counts_as_sale and not is_purchase_date_implausible
),

sale_orders as (
    select customer_unique_id, purchased_at, order_value
    from {{ ref('fct_orders') }}
    cross join as_of
    where counts_as_sale and customer_unique_id is not null and purchased_at <= as_of.as_of_at
)

select
    sale_orders.customer_unique_id,
    date_diff('day', max(sale_orders.purchased_at)::date, as_of.as_of_at::date) as recency_days,
    count(*) as frequency,
    sum(sale_orders.order_value)::decimal(18, 2) as monetary,
    max(sale_orders.purchased_at) as last_purchase_at,
    as_of.as_of_at
from sale_orders
cross join as_of
group by sale_orders.customer_unique_id, as_of.as_of_at
