-- PostgreSQL translation of infrastructure/analytics/queries/kpi_product_price_bands.sql (sha256
-- f56b79e1f134). The dialects differ in: count / count is integer division in PostgreSQL (DOUBLE
-- in DuckDB): the dividend is cast to double precision; decimal / decimal is DOUBLE in DuckDB,
-- numeric in PostgreSQL: cast to double precision. The rest is the DuckDB text as it is (its
-- comments aside).
with bands (band_order, price_band) as (
    values
        (1, 'under R$ 25'),
        (2, 'R$ 25-50'),
        (3, 'R$ 50-100'),
        (4, 'R$ 100-200'),
        (5, 'R$ 200-500'),
        (6, 'R$ 500-1000'),
        (7, 'R$ 1000 and more')
),

-- each item's band by a case over its price (a band holds its lower bound): a join on the
-- price range cost twice as much; not materialised: each use below reads its own items
banded as not materialized (
    select
        case
            when price < 25 then 1
            when price < 50 then 2
            when price < 100 then 3
            when price < 200 then 4
            when price < 500 then 5
            when price < 1000 then 6
            else 7
        end as band_order,
        order_key,
        price,
        review_score,
        is_delivered_with_date,
        is_late,
        is_only_item
    from kpi_items($date_from, $date_to, $states, $categories)
    where counts_as_sale and price >= 0
),

-- an order's items per band: the item of a one-item order as it is, the others' grouped by the
-- integer order_key
band_orders as (
    select
        band_order,
        order_key,
        1 as items,
        price as revenue,
        review_score,
        is_delivered_with_date,
        is_late
    from banded
    where is_only_item
    union all
    select
        band_order,
        order_key,
        count(*) as items,
        sum(price) as revenue,
        any_value(review_score) as review_score,
        any_value(is_delivered_with_date) as is_delivered_with_date,
        any_value(is_late) as is_late
    from banded
    where not is_only_item
    group by band_order, order_key
),

per_band as (
    select
        band_order,
        sum(items) as items,
        count(*) as orders,
        sum(revenue) as revenue,
        avg(review_score) as mean_review_score,
        count(*) filter (where is_late and is_delivered_with_date) as late_orders,
        count(*) filter (where is_delivered_with_date) as delivered_orders
    from band_orders
    group by band_order
)

select
    bands.price_band,
    coalesce(per_band.items, 0)::bigint as items,
    coalesce(per_band.orders, 0) as orders,
    coalesce(per_band.revenue, 0)::decimal(18, 2) as revenue,
    (coalesce(per_band.revenue, 0) / nullif(sum(per_band.revenue) over (), 0))::double precision
        as revenue_share,
    per_band.mean_review_score,
    per_band.late_orders::double precision / nullif(per_band.delivered_orders, 0) as late_rate
from bands
left join per_band on per_band.band_order = bands.band_order
order by bands.band_order
