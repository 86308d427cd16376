-- PostgreSQL translation of infrastructure/warehouse/models/marts/mart_kpi_items.sql (sha256
-- 724fa894bc60). The dialects differ in:
-- - * exclude (order_items) does not exist in PostgreSQL: both branches list the columns of
--   joined but order_items, in their order.
-- The rest is the DuckDB text as it is.
with products as (
    select
        ids.product_id,
        row_number() over (order by ids.product_id)::integer as product_key,
        dim.category_name,
        dim.category_name_english,
        dim.is_category_translated,
        dim.weight_g
    from (select distinct product_id from fct_order_items) as ids
    left join dim_product as dim on dim.product_id = ids.product_id
),

sellers as (
    select seller_id, seller_key, state, zip_code_prefix
    from dim_seller
    union all
    select
        orphans.seller_id,
        (select coalesce(max(seller_key), 0) from dim_seller)
        + row_number() over (order by orphans.seller_id)::integer as seller_key,
        null as state,
        null as zip_code_prefix
    from (
        select distinct seller_id from fct_order_items where seller_key is null
    ) as orphans
),

joined as (
    select
        items.order_id,
        orders.order_key,
        items.order_item_id,
        items.seller_id,
        sellers.seller_key,
        items.product_id,
        products.product_key,
        items.price,
        items.freight_value,
        coalesce(products.category_name_english, '(no category)') as category,
        case
            when products.category_name is null then 'missing'
            when products.is_category_translated then 'translated'
            else 'untranslated'
        end as category_status,
        products.category_name,
        products.weight_g as product_weight_g,
        sellers.state as seller_state,
        sellers.zip_code_prefix as seller_zip_code_prefix,
        orders.customer_state,
        orders.order_status,
        orders.purchased_at,
        orders.purchase_month,
        orders.counts_as_sale,
        orders.is_delivered_with_date,
        orders.is_late,
        orders.delivery_days,
        orders.review_score,
        orders.item_count as order_items
    from fct_order_items as items
    join mart_kpi_orders as orders on orders.order_id = items.order_id
    left join products on products.product_id = items.product_id
    left join sellers on sellers.seller_id = items.seller_id
),

multi_item_orders as (
    select * from joined where order_items <> 1
),

first_item_of_sellers as (
    select order_key, seller_key, min(order_item_id) as first_item_id
    from multi_item_orders
    group by order_key, seller_key
),

first_item_of_categories as (
    select order_key, category, category_name, min(order_item_id) as first_item_id
    from multi_item_orders
    group by order_key, category, category_name
)

select
    order_id,
    order_key,
    order_item_id,
    seller_id,
    seller_key,
    product_id,
    product_key,
    price,
    freight_value,
    category,
    category_status,
    category_name,
    product_weight_g,
    seller_state,
    seller_zip_code_prefix,
    customer_state,
    order_status,
    purchased_at,
    purchase_month,
    counts_as_sale,
    is_delivered_with_date,
    is_late,
    delivery_days,
    review_score,
    true as is_first_of_seller,
    true as is_first_of_category,
    true as is_only_item
from joined
where order_items = 1

union all

select
    items.order_id,
    items.order_key,
    items.order_item_id,
    items.seller_id,
    items.seller_key,
    items.product_id,
    items.product_key,
    items.price,
    items.freight_value,
    items.category,
    items.category_status,
    items.category_name,
    items.product_weight_g,
    items.seller_state,
    items.seller_zip_code_prefix,
    items.customer_state,
    items.order_status,
    items.purchased_at,
    items.purchase_month,
    items.counts_as_sale,
    items.is_delivered_with_date,
    items.is_late,
    items.delivery_days,
    items.review_score,
    items.order_item_id = of_seller.first_item_id as is_first_of_seller,
    items.order_item_id = of_category.first_item_id as is_first_of_category,
    false as is_only_item
from multi_item_orders as items
join first_item_of_sellers as of_seller
    on of_seller.order_key = items.order_key
    and of_seller.seller_key is not distinct from items.seller_key
join first_item_of_categories as of_category
    on of_category.order_key = items.order_key
    and of_category.category = items.category
    and of_category.category_name is not distinct from items.category_name
