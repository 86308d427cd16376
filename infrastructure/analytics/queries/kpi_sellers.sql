-- The seller scorecard under the filters: kpi_sellers (the warehouse's macro, which holds the
-- counts' definitions) with the bound filters, and the health score, the domain's SellerHealth
-- formula with its weights bound as parameters: 100 times the weighted mean of on-time rate,
-- (review - 1) / 4 and 1 - not-fulfilled rate (canceled + unavailable orders / its orders), over
-- the parts known for the seller. Worst first. The not-fulfilled rate stands where the scorecard is
-- read first, followed by its split (canceled, unavailable); the canceled-only rate comes last.
-- Only sellers with at least $min_orders orders under the filters (1: every seller).
with rates as (
    select
        *,
        1 - late_orders / nullif(delivered_orders, 0) as on_time_rate,
        canceled_orders / all_orders as cancellation_rate,
        not_fulfilled_orders / all_orders as not_fulfilled_rate
    from kpi_sellers($date_from, $date_to, $states, $categories)
)

select
    seller_id,
    100 * (
        $on_time_weight * coalesce(on_time_rate, 0)
        + $review_weight * coalesce((mean_review_score - 1) / 4, 0)
        + $cancellation_weight * (1 - not_fulfilled_rate)
    ) / (
        $on_time_weight * (on_time_rate is not null)::int
        + $review_weight * (mean_review_score is not null)::int
        + $cancellation_weight
    ) as health_score,
    orders,
    coalesce(revenue, 0)::decimal(18, 2) as revenue,
    on_time_rate,
    mean_review_score,
    not_fulfilled_rate,
    canceled_orders,
    unavailable_orders,
    mean_delivery_days,
    seller_state,
    coalesce(items, 0)::bigint as items,
    all_orders,
    delivered_orders,
    late_orders,
    reviewed_orders,
    not_fulfilled_orders,
    cancellation_rate
from rates
where all_orders >= $min_orders
order by health_score, all_orders desc, seller_id
