-- Shipped items with packaged size, freight and the zip centroids at both ends, for calibrating the
-- freight model; items without dimensions or coordinates cannot teach it anything and are left out.
-- A deterministic spread of at most $limit items (by a hash of their key) keeps the fit quick.
select
    products.weight_g,
    products.length_cm,
    products.height_cm,
    products.width_cm,
    items.freight_value,
    sellers.zip_code_prefix as seller_zip,
    seller_places.lat as seller_lat,
    seller_places.lng as seller_lng,
    seller_places.city as seller_city,
    seller_places.state as seller_state,
    orders.customer_zip_code_prefix as customer_zip,
    customer_places.lat as customer_lat,
    customer_places.lng as customer_lng,
    customer_places.city as customer_city,
    customer_places.state as customer_state
from fct_order_items as items
join dim_product as products on products.product_id = items.product_id
join dim_seller as sellers on sellers.seller_id = items.seller_id
join fct_orders as orders on orders.order_id = items.order_id
join dim_geography as seller_places on seller_places.zip_code_prefix = sellers.zip_code_prefix
join dim_geography as customer_places
    on customer_places.zip_code_prefix = orders.customer_zip_code_prefix
where products.weight_g > 0
    and products.length_cm > 0
    and products.height_cm > 0
    and products.width_cm > 0
    and seller_places.lat is not null
    and customer_places.lat is not null
order by hash(items.order_id, items.order_item_id), items.order_id, items.order_item_id
limit $limit
