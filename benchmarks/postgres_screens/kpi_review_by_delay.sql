-- PostgreSQL translation of infrastructure/analytics/queries/kpi_review_by_delay.sql (sha256
-- 3f54da95d4f2). The dialects differ in: date_diff('day', a, b) -> b - a (dates: an integer number
-- of days); count / count is integer division in PostgreSQL (DOUBLE in DuckDB): the dividend is
-- cast to double precision. The rest is the DuckDB text as it is (its comments aside).
with bands (band_order, delay_band, low, high) as (
    values
        (1, '15+ days early', null, -15),
        (2, '8-14 days early', -14, -8),
        (3, '1-7 days early', -7, -1),
        (4, 'on the day', 0, 0),
        (5, '1-3 days late', 1, 3),
        (6, '4-7 days late', 4, 7),
        (7, '8-14 days late', 8, 14),
        (8, '15+ days late', 15, null)
),

delays as (
    select
        delivered_customer_at::date - estimated_delivery_date::date as delay_days,
        review_score
    from kpi_orders($date_from, $date_to, $states, $categories)
    where is_delivered_with_date and estimated_delivery_date is not null
)

select
    bands.delay_band,
    count(delays.delay_days) as delivered_orders,
    count(delays.review_score) as reviewed_orders,
    avg(delays.review_score) as mean_review_score,
    (count(*) filter (where delays.review_score <= 2))::double precision / nullif(count(delays.review_score), 0)
        as low_review_share
from bands
left join delays
    on (bands.low is null or delays.delay_days >= bands.low)
    and (bands.high is null or delays.delay_days <= bands.high)
group by bands.band_order, bands.delay_band
order by bands.band_order
