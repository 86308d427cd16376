-- PostgreSQL translation of infrastructure/analytics/queries/kpi_seller_health_months.sql (sha256
-- dafeb846f364). The dialects differ in: range(from, to, interval 1 month) -> generate_series over
-- timestamps; interval 1 month -> interval '1 month'; count / count is integer division in
-- PostgreSQL (DOUBLE in DuckDB): the dividend is cast to double precision. The rest is the DuckDB
-- text as it is (its comments aside).
with months as (
    select
        month_start::date as month,
        greatest(month_start::date, $date_from::date) as month_from,
        least((month_start + interval '1 month')::date - 1, $date_to::date) as month_to
    from generate_series(
        date_trunc('month', $date_from::date::timestamp), ($date_to::date + 1)::timestamp,
        interval '1 month'
    ) as calendar (month_start)
),

measured as (
    select months.month, sellers.*
    from months,
        lateral kpi_sellers(months.month_from, months.month_to, $states, $categories) as sellers
)

select
    month,
    seller_id,
    all_orders as orders,
    seller_health(
        1 - late_orders::double precision / nullif(delivered_orders, 0),
        mean_review_score,
        not_fulfilled_orders::double precision / all_orders,
        $on_time_weight,
        $review_weight,
        $cancellation_weight
    ) as health
from measured
order by month, seller_id
