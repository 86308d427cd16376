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

seller_items as (
    select seller_zip_code_prefix, seller_key, order_key, price, freight_value, counts_as_sale,
        is_only_item
    from kpi_items($date_from, $date_to, $states, $categories)
),

-- the orders of several items, once per seller zip (a one-item order is its item)
multi_item_orders as (
    select seller_zip_code_prefix, count(*) as orders
    from (
        select distinct seller_zip_code_prefix, order_key
        from seller_items
        where not is_only_item
    ) as zip_orders
    group by seller_zip_code_prefix
),

seller_zip_items as (
    select
        seller_zip_code_prefix,
        count(*) filter (where is_only_item) as one_item_orders,
        coalesce(sum(price + freight_value) filter (where counts_as_sale), 0) as gmv,
        count(distinct seller_key) as sellers
    from seller_items
    group by seller_zip_code_prefix
),

seller_zips as (
    select
        zips.seller_zip_code_prefix as zip_code_prefix,
        zips.one_item_orders + coalesce(multi.orders, 0) as orders,
        zips.gmv,
        zips.sellers
    from seller_zip_items as zips
    left join multi_item_orders as multi
        on multi.seller_zip_code_prefix is not distinct from zips.seller_zip_code_prefix
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
