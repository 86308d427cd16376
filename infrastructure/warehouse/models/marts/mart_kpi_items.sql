-- One row per order item with everything the dashboards filter and aggregate on: its product and
-- the product's weight, its category as shown (English name, the Portuguese one when untranslated,
-- '(no category)' when missing), its seller's state and zip prefix and its order's facts, so the
-- views read this table alone. Read through the kpi_items(...) macro, which filters it.
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
    orders.review_score
from {{ ref('fct_order_items') }} as items
join {{ ref('fct_orders') }} as orders on orders.order_id = items.order_id
left join {{ ref('dim_product') }} as products on products.product_id = items.product_id
left join {{ ref('dim_seller') }} as sellers on sellers.seller_id = items.seller_id
