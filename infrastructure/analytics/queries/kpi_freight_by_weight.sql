-- Freight share of the item value (freight ÷ (price + freight)) of the filtered sale items by
-- product weight band and category, with one '(all categories)' row per band first. Products
-- without a weight fall in 'weight unknown'.
with bands (band_order, weight_band, low, high) as (
    values
        (1, 'under 250 g', 0, 250),
        (2, '250-500 g', 250, 500),
        (3, '500 g-1 kg', 500, 1000),
        (4, '1-2 kg', 1000, 2000),
        (5, '2-5 kg', 2000, 5000),
        (6, '5-10 kg', 5000, 10000),
        (7, '10 kg and more', 10000, null),
        (8, 'weight unknown', null, null)
),

weighed as (
    select category, price, freight_value, product_weight_g as weight_g
    from kpi_items($date_from, $date_to, $states, $categories)
    where counts_as_sale
),

banded as (
    select weighed.*, bands.band_order, bands.weight_band
    from weighed
    join bands
        on (
            weighed.weight_g is null and bands.band_order = 8
        ) or (
            weighed.weight_g >= bands.low and (bands.high is null or weighed.weight_g < bands.high)
        )
)

select
    weight_band,
    coalesce(category, '(all categories)') as category,
    count(*) as items,
    sum(freight_value)::decimal(18, 2) as freight_value,
    sum(price + freight_value)::decimal(18, 2) as item_value,
    sum(freight_value) / nullif(sum(price + freight_value), 0) as freight_share,
    money_mean(sum(freight_value), count(*)) as mean_freight
from banded
group by grouping sets ((band_order, weight_band), (band_order, weight_band, category))
order by band_order, grouping(category) desc, sum(price + freight_value) desc, 2
