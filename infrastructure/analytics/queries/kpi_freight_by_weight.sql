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

-- each item's band by a case over its weight (the bands' bounds above; a negative weight is in
-- none), aggregated before the band names are joined: a join on the weight range cost more
weighed as (
    select
        category,
        price,
        freight_value,
        case
            when product_weight_g is null then 8
            when product_weight_g < 0 then null
            when product_weight_g < 250 then 1
            when product_weight_g < 500 then 2
            when product_weight_g < 1000 then 3
            when product_weight_g < 2000 then 4
            when product_weight_g < 5000 then 5
            when product_weight_g < 10000 then 6
            else 7
        end as band_order
    from kpi_items($date_from, $date_to, $states, $categories)
    where counts_as_sale
),

per_band as (
    select
        band_order,
        category,
        grouping(category) as is_all_categories,
        count(*) as items,
        sum(freight_value) as freight_value,
        sum(price + freight_value) as item_value
    from weighed
    where band_order is not null
    group by grouping sets ((band_order), (band_order, category))
)

select
    bands.weight_band,
    coalesce(per_band.category, '(all categories)') as category,
    per_band.items,
    per_band.freight_value::decimal(18, 2) as freight_value,
    per_band.item_value::decimal(18, 2) as item_value,
    per_band.freight_value / nullif(per_band.item_value, 0) as freight_share,
    money_mean(per_band.freight_value, per_band.items) as mean_freight
from per_band
join bands on bands.band_order = per_band.band_order
order by per_band.band_order, per_band.is_all_categories desc, per_band.item_value desc, 2
