-- The map's points under the filters: one row per layer and zip code prefix with coordinates
-- (dim_geography's centroid of the prefix; prefixes without one are left out and counted in
-- kpi_geo_states' ungeolocated_orders). customers: the filtered orders by the customer's zip;
-- sellers: the sellers taking part in them by the seller's zip. orders: filtered orders (any
-- status); gmv: value of those counting as sales (the sellers': their items' price + freight).
with customer_zips as (
    select
        customer_zip_code_prefix as zip_code_prefix,
        count(*) as orders,
        coalesce(sum(order_value) filter (where counts_as_sale), 0) as gmv
    from kpi_orders($date_from, $date_to, $states, $categories)
    group by customer_zip_code_prefix
),

seller_zips as (
    select
        seller_zip_code_prefix as zip_code_prefix,
        count(distinct order_id) as orders,
        coalesce(sum(price + freight_value) filter (where counts_as_sale), 0) as gmv,
        count(distinct seller_id) as sellers
    from kpi_items($date_from, $date_to, $states, $categories)
    group by seller_zip_code_prefix
),

layers as (
    select 'customers' as layer, zip_code_prefix, orders, gmv, null::bigint as sellers
    from customer_zips
    union all
    select 'sellers', zip_code_prefix, orders, gmv, sellers
    from seller_zips
)

select
    layers.layer,
    layers.zip_code_prefix,
    geo.state,
    geo.lat,
    geo.lng,
    layers.orders,
    layers.gmv::decimal(18, 2) as gmv,
    layers.sellers
from layers
join dim_geography as geo on geo.zip_code_prefix = layers.zip_code_prefix
where geo.lat is not null and geo.lng is not null
order by layers.layer, layers.zip_code_prefix
