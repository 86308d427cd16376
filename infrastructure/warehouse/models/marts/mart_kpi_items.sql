-- One row per order item with everything the dashboards filter and aggregate on: its product and
-- the product's weight, its category as shown (English name, the Portuguese one when untranslated,
-- '(no category)' when missing), its seller's state and zip prefix and its order's facts, so the
-- views read this table alone. Read through the kpi_items(...) macro, which filters it.
-- is_first_of_seller and is_first_of_category mark one item of each seller and of each category
-- (as shown, and by its own name) in an order, the first by order_item_id: a seller's or a
-- category's orders are then counted in one pass, without grouping items per order first. A
-- category's items pass every filter together, so its mark holds under any; a seller's items in
-- an order may be of several categories, so its mark holds without the category filter alone.
-- The item of a one-item order (nine orders in ten) is both; for the others, each order's first
-- item of a seller and of a category is found by grouping the narrow keys and joining them back
-- (a window's min over the same partitions, without sorting the wide rows: 0.94x this model's
-- CPU at scale 10).
-- is_only_item marks those items: a view that groups items per order (an order counted once per
-- band, state, ...) takes them as they are and groups the others' alone, under any filter.
-- order_key, seller_key and product_key number the orders, sellers and products by an integer,
-- so the views group and count them without hashing 32-character ids: order_key is
-- mart_kpi_orders' (the order's number in order_id order; its facts are read from there too),
-- seller_key is dim_seller's, and every item has one: a seller id missing from dim_seller (an
-- orphan: the quality gate reports it, its figures stay) is numbered after dim_seller's sellers,
-- in id order; product_key numbers the items' product ids 1, 2, ... in id order, so a ranking's
-- ties broken by product_key are broken by product id. None is stable across snapshots.
with products as (
    select
        ids.product_id,
        row_number() over (order by ids.product_id)::integer as product_key,
        dim.category_name,
        dim.category_name_english,
        dim.is_category_translated,
        dim.weight_g
    from (select distinct product_id from {{ ref('fct_order_items') }}) as ids
    left join {{ ref('dim_product') }} as dim on dim.product_id = ids.product_id
),

sellers as (
    select seller_id, seller_key, state, zip_code_prefix
    from {{ ref('dim_seller') }}
    union all
    select
        orphans.seller_id,
        (select coalesce(max(seller_key), 0) from {{ ref('dim_seller') }})
        + row_number() over (order by orphans.seller_id)::integer as seller_key,
        null as state,
        null as zip_code_prefix
    from (
        select distinct seller_id from {{ ref('fct_order_items') }} where seller_key is null
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
    from {{ ref('fct_order_items') }} as items
    join {{ ref('mart_kpi_orders') }} as orders on orders.order_id = items.order_id
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
    * exclude (order_items),
    true as is_first_of_seller,
    true as is_first_of_category,
    true as is_only_item
from joined
where order_items = 1

union all

select
    items.* exclude (order_items),
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
