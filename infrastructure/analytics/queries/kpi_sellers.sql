-- Seller scorecard over the filtered orders each seller took part in. Revenue (price of its own
-- items) and orders count sales only; cancellation, delivery and reviews count every order. The
-- health score is the domain's SellerHealth formula, its weights bound as parameters: 100 times
-- the weighted mean of on-time rate, (review - 1) / 4 and 1 - cancellation rate, over the parts
-- known for the seller. Worst first.
with seller_orders as (
    select
        seller_id,
        order_id,
        any_value(seller_state) as seller_state,
        any_value(order_status) as order_status,
        any_value(counts_as_sale) as counts_as_sale,
        count(*) as items,
        sum(price) as revenue,
        any_value(review_score) as review_score,
        any_value(is_delivered_with_date) as is_delivered_with_date,
        any_value(is_late) as is_late,
        any_value(delivery_days) as delivery_days
    from kpi_items($date_from, $date_to, $state, $category)
    group by seller_id, order_id
),

scorecard as (
    select
        seller_id,
        any_value(seller_state) as seller_state,
        sum(revenue) filter (where counts_as_sale) as revenue,
        count(*) filter (where counts_as_sale) as orders,
        (sum(items) filter (where counts_as_sale))::bigint as items,
        count(*) as all_orders,
        count(*) filter (where order_status = 'canceled') as canceled_orders,
        count(*) filter (where is_delivered_with_date) as delivered_orders,
        count(*) filter (where is_delivered_with_date and is_late) as late_orders,
        count(review_score) as reviewed_orders,
        avg(review_score) as mean_review_score,
        avg(delivery_days) filter (where is_delivered_with_date) as mean_delivery_days
    from seller_orders
    group by seller_id
),

rates as (
    select
        *,
        1 - late_orders / nullif(delivered_orders, 0) as on_time_rate,
        canceled_orders / all_orders as cancellation_rate
    from scorecard
)

select
    seller_id,
    100 * (
        $on_time_weight * coalesce(on_time_rate, 0)
        + $review_weight * coalesce((mean_review_score - 1) / 4, 0)
        + $cancellation_weight * (1 - cancellation_rate)
    ) / (
        $on_time_weight * (on_time_rate is not null)::int
        + $review_weight * (mean_review_score is not null)::int
        + $cancellation_weight
    ) as health_score,
    orders,
    coalesce(revenue, 0)::decimal(18, 2) as revenue,
    on_time_rate,
    mean_review_score,
    cancellation_rate,
    mean_delivery_days,
    seller_state,
    coalesce(items, 0) as items,
    all_orders,
    delivered_orders,
    late_orders,
    reviewed_orders,
    canceled_orders
from rates
order by health_score, all_orders desc, seller_id
