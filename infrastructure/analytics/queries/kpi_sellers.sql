-- The seller scorecard under the filters: kpi_sellers (the warehouse's macro, which holds the
-- counts' definitions) with the bound filters, and the health score: the warehouse's seller_health
-- macro (the domain's SellerHealth formula) with the domain's weights bound as parameters, over the
-- on-time rate, the mean review and the not-fulfilled rate (canceled + unavailable orders / its
-- orders). Worst first. The not-fulfilled rate stands where the scorecard is
-- read first, followed by its split (canceled, unavailable); the canceled-only rate comes last.
-- Only sellers with at least $min_orders orders under the filters (1: every seller).
-- Next to it, the same score over the orders purchased in the recent window [$recent_from,
-- $recent_to] (the last 90 days of the filtered period): health_90d, orders_90d, and
-- health_trend = health_90d - health_score. A seller is declining when its trend is below
-- -$decline_points with at least $min_recent_orders orders in the window: declining sellers come
-- first, steepest decline first, then the others worst health first.
-- Sellers are matched across the two spans by the integer seller_key.
with measured as (
    select
        'all' as span,
        seller_key,
        seller_id,
        seller_state,
        orders,
        items,
        revenue,
        all_orders,
        canceled_orders,
        unavailable_orders,
        not_fulfilled_orders,
        delivered_orders,
        late_orders,
        reviewed_orders,
        mean_review_score,
        mean_delivery_days
    from kpi_sellers($date_from, $date_to, $states, $categories)
    union all
    select
        'recent' as span,
        seller_key,
        seller_id,
        seller_state,
        orders,
        items,
        revenue,
        all_orders,
        canceled_orders,
        unavailable_orders,
        not_fulfilled_orders,
        delivered_orders,
        late_orders,
        reviewed_orders,
        mean_review_score,
        mean_delivery_days
    from kpi_sellers($recent_from, $recent_to, $states, $categories)
),

rates as (
    select
        *,
        1 - late_orders / nullif(delivered_orders, 0) as on_time_rate,
        canceled_orders / all_orders as cancellation_rate,
        not_fulfilled_orders / all_orders as not_fulfilled_rate
    from measured
),

scored as (
    select
        *,
        seller_health(
            on_time_rate,
            mean_review_score,
            not_fulfilled_rate,
            $on_time_weight,
            $review_weight,
            $cancellation_weight
        ) as health_score
    from rates
),

trended as (
    select
        whole.*,
        recent.health_score as health_90d,
        coalesce(recent.all_orders, 0) as orders_90d,
        recent.health_score - whole.health_score as health_trend,
        coalesce(
            recent.all_orders >= $min_recent_orders
            and recent.health_score - whole.health_score < -$decline_points,
            false
        ) as is_declining
    from scored as whole
    left join scored as recent
        on recent.seller_key = whole.seller_key and recent.span = 'recent'
    where whole.span = 'all'
)

select
    seller_id,
    health_score,
    health_90d,
    health_trend,
    is_declining,
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
    orders_90d,
    delivered_orders,
    late_orders,
    reviewed_orders,
    not_fulfilled_orders,
    cancellation_rate
from trended
where all_orders >= $min_orders
order by
    is_declining desc,
    case when is_declining then health_trend end,
    health_score,
    all_orders desc,
    seller_id
