-- PostgreSQL translation of infrastructure/warehouse/models/marts/mart_kpi_items.sql (sha256
-- ec0eac6f7160). The dialects differ in:
-- - * exclude (order_items) does not exist in PostgreSQL: both branches list the columns of
--   joined but order_items, in their order.
-- The rest is the DuckDB text as it is.
with joined as (
    select
        items.order_id,
        items.order_item_id,
        items.seller_id,
        items.product_id,
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
    join fct_orders as orders on orders.order_id = items.order_id
    left join dim_product as products on products.product_id = items.product_id
    left join dim_seller as sellers on sellers.seller_id = items.seller_id
)

select
    order_id,
    order_item_id,
    seller_id,
    product_id,
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
    true as is_first_of_category
from joined
where order_items = 1

union all

select
    order_id,
    order_item_id,
    seller_id,
    product_id,
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
    order_item_id = min(order_item_id) over (partition by order_id, seller_id)
        as is_first_of_seller,
    order_item_id = min(order_item_id) over (partition by order_id, category, category_name)
        as is_first_of_category
from joined
where order_items <> 1
