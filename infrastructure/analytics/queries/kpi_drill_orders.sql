-- The filtered orders behind a figure, narrowed by what was drilled into: a seller, a seller
-- state (route), a cohort (people whose first order ever, filtered, fell in that month), a delivery
-- days bucket [$days_from, $days_to), and a subset: sales, canceled, not_fulfilled (canceled +
-- unavailable), delivered, late, on_time, reviewed, new (first orders ever of their customers).
-- NULL = no narrowing.
with orders as (
    select *
    from kpi_orders($date_from, $date_to, $states, $categories)
),

seller_orders as (
    select distinct order_id
    from kpi_items($date_from, $date_to, $states, $categories)
    where
        ($seller_id is null or seller_id = $seller_id)
        and ($seller_state is null or seller_state = $seller_state)
),

cohort_members as (
    select customer_unique_id
    from kpi_orders(null, null, $states, $categories)
    where is_first_order and purchase_month = $cohort_month::date
)

select
    order_id,
    purchased_at,
    order_status,
    counts_as_sale,
    customer_state,
    item_count,
    order_value,
    payment_value,
    delivery_days,
    is_late,
    review_score,
    customer_unique_id
from orders
where
    ($seller_id is null and $seller_state is null
        or order_id in (select order_id from seller_orders))
    and ($cohort_month is null
        or customer_unique_id in (select customer_unique_id from cohort_members))
    and ($days_from is null or (is_delivered_with_date and delivery_days >= $days_from))
    and ($days_to is null or delivery_days < $days_to)
    and (
        $subset is null
        or $subset = 'sales' and counts_as_sale
        or $subset = 'canceled' and is_canceled
        or $subset = 'not_fulfilled' and is_not_fulfilled
        or $subset = 'delivered' and is_delivered_with_date
        or $subset = 'late' and is_delivered_with_date and is_late
        or $subset = 'on_time' and is_delivered_with_date and not is_late
        or $subset = 'reviewed' and review_score is not null
        or $subset = 'new' and is_first_order
    )
order by purchased_at, order_id
