-- Review score against delivery delay: the filtered orders delivered with a date, by whole days
-- between the estimated and the delivered day (negative: early; late is 1 and more), in bands.
-- Per band: delivered and reviewed orders, mean review score (per order = mean of its reviews)
-- and the share of reviews of 1 or 2. Every band is listed.
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

-- each order's band by a case over its delay (the bands' bounds above), aggregated before the
-- band list is joined: a join on the delay range cost more
delays as (
    select
        date_diff('day', estimated_delivery_date::date, delivered_customer_at::date) as delay_days,
        review_score
    from kpi_orders($date_from, $date_to, $states, $categories)
    where is_delivered_with_date and estimated_delivery_date is not null
),

per_band as (
    select
        case
            when delay_days <= -15 then 1
            when delay_days <= -8 then 2
            when delay_days <= -1 then 3
            when delay_days = 0 then 4
            when delay_days <= 3 then 5
            when delay_days <= 7 then 6
            when delay_days <= 14 then 7
            else 8
        end as band_order,
        count(*) as delivered_orders,
        count(review_score) as reviewed_orders,
        avg(review_score) as mean_review_score,
        count(*) filter (where review_score <= 2) as low_reviews
    from delays
    group by band_order
)

select
    bands.delay_band,
    coalesce(per_band.delivered_orders, 0) as delivered_orders,
    coalesce(per_band.reviewed_orders, 0) as reviewed_orders,
    per_band.mean_review_score,
    per_band.low_reviews / nullif(per_band.reviewed_orders, 0) as low_review_share
from bands
left join per_band on per_band.band_order = bands.band_order
order by bands.band_order
