-- Table macro kpi_seller_measures(from_date, to_date, in_states, in_categories): kpi_sellers'
-- figures per seller_key (an integer every item's seller has, orphans' included), before the
-- sellers are named; kpi_sellers names them (mart_kpi_sellers: without filters).
-- Orders, items, revenue (price of its own items) and freight count sales only; orders not
-- fulfilled (canceled + unavailable, with the split), delivery and reviews count every order the
-- seller took part in. Two branches, one of them empty: without the category filter an order's
-- facts count on the seller's first item in it (is_first_of_seller), in one pass; with it, that
-- item may be of another category, so the seller's items are grouped per order first (by the
-- integer order_key).
-- depends_on: {{ ref('kpi_items') }}
select
    seller_key,
    count(*) filter (where counts_as_sale and is_first_of_seller) as orders,
    count(*) filter (where counts_as_sale)::hugeint as items,
    sum(price) filter (where counts_as_sale)::decimal(38, 2) as revenue,
    sum(freight_value) filter (where counts_as_sale)::decimal(38, 2) as freight_value,
    min(purchased_at) filter (where counts_as_sale) as first_sale_at,
    max(purchased_at) filter (where counts_as_sale) as last_sale_at,
    count(*) filter (where is_first_of_seller) as all_orders,
    count(*) filter (where is_first_of_seller and order_status = 'canceled') as canceled_orders,
    count(*) filter (where is_first_of_seller and order_status = 'unavailable')
        as unavailable_orders,
    count(*) filter (where is_first_of_seller and not counts_as_sale) as not_fulfilled_orders,
    count(*) filter (where is_first_of_seller and is_delivered_with_date) as delivered_orders,
    count(*) filter (where is_first_of_seller and is_delivered_with_date and is_late)
        as late_orders,
    count(review_score) filter (where is_first_of_seller) as reviewed_orders,
    avg(review_score) filter (where is_first_of_seller) as mean_review_score,
    avg(delivery_days) filter (where is_first_of_seller and is_delivered_with_date)
        as mean_delivery_days
from kpi_items(from_date, to_date, in_states, null)
where in_categories is null
group by seller_key

union all by name

(with seller_orders as (
    select
        seller_key,
        order_key,
        any_value(order_status) as order_status,
        any_value(counts_as_sale) as counts_as_sale,
        any_value(purchased_at) as purchased_at,
        count(*) as items,
        sum(price) as revenue,
        sum(freight_value) as freight_value,
        any_value(review_score) as review_score,
        any_value(is_delivered_with_date) as is_delivered_with_date,
        any_value(is_late) as is_late,
        any_value(delivery_days) as delivery_days
    from kpi_items(from_date, to_date, in_states, in_categories)
    where in_categories is not null
    group by seller_key, order_key
)

select
    seller_key,
    count(*) filter (where counts_as_sale) as orders,
    sum(items) filter (where counts_as_sale) as items,
    sum(revenue) filter (where counts_as_sale) as revenue,
    sum(freight_value) filter (where counts_as_sale) as freight_value,
    min(purchased_at) filter (where counts_as_sale) as first_sale_at,
    max(purchased_at) filter (where counts_as_sale) as last_sale_at,
    count(*) as all_orders,
    count(*) filter (where order_status = 'canceled') as canceled_orders,
    count(*) filter (where order_status = 'unavailable') as unavailable_orders,
    count(*) filter (where not counts_as_sale) as not_fulfilled_orders,
    count(*) filter (where is_delivered_with_date) as delivered_orders,
    count(*) filter (where is_delivered_with_date and is_late) as late_orders,
    count(review_score) as reviewed_orders,
    avg(review_score) as mean_review_score,
    avg(delivery_days) filter (where is_delivered_with_date) as mean_delivery_days
from seller_orders
group by seller_key)
