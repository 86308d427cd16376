-- One seller's lines on the map under the filters: from its zip centroid to each customer zip
-- centroid of the filtered orders it took part in, with those orders. Zips without coordinates
-- are left out.
with seller_orders as (
    select distinct items.order_id
    from kpi_items($date_from, $date_to, $states, $categories) as items
    where items.seller_id = $seller_id
),

customer_zips as (
    select orders.customer_zip_code_prefix as zip_code_prefix, count(*) as orders
    from seller_orders
    join mart_kpi_orders as orders on orders.order_id = seller_orders.order_id
    group by orders.customer_zip_code_prefix
)

select
    sellers.seller_id,
    seller_geo.state as seller_state,
    seller_geo.lat as seller_lat,
    seller_geo.lng as seller_lng,
    customer_zips.zip_code_prefix as customer_zip,
    customer_geo.state as customer_state,
    customer_geo.lat as customer_lat,
    customer_geo.lng as customer_lng,
    customer_zips.orders
from dim_seller as sellers
join dim_geography as seller_geo on seller_geo.zip_code_prefix = sellers.zip_code_prefix
cross join customer_zips
join dim_geography as customer_geo on customer_geo.zip_code_prefix = customer_zips.zip_code_prefix
where
    sellers.seller_id = $seller_id
    and seller_geo.lat is not null
    and customer_geo.lat is not null
order by customer_zips.orders desc, customer_zips.zip_code_prefix
