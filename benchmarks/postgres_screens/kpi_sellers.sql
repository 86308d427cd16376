-- PostgreSQL translation of infrastructure/analytics/queries/kpi_sellers.sql (sha256
-- e71be0f4b13f). The dialects differ in: count / count is integer division in PostgreSQL (DOUBLE
-- in DuckDB): the dividend is cast to double precision. The rest is the DuckDB text as it is (its
-- comments aside).
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
        1 - late_orders::double precision / nullif(delivered_orders, 0) as on_time_rate,
        canceled_orders::double precision / all_orders as cancellation_rate,
        not_fulfilled_orders::double precision / all_orders as not_fulfilled_rate
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
