-- PostgreSQL translation of infrastructure/warehouse/models/marts/mart_kpi_items.sql. Nothing had
-- to change: the DuckDB text runs on PostgreSQL as it is.
select
    items.order_id,
    items.order_item_id,
    items.seller_id,
    items.price,
    items.freight_value,
    coalesce(products.category_name_english, '(no category)') as category,
    case
        when products.category_name is null then 'missing'
        when products.is_category_translated then 'translated'
        else 'untranslated'
    end as category_status,
    sellers.state as seller_state,
    orders.customer_state,
    orders.order_status,
    orders.purchased_at,
    orders.purchase_month,
    orders.counts_as_sale,
    orders.is_delivered_with_date,
    orders.is_late,
    orders.delivery_days,
    orders.review_score
from fct_order_items as items
join fct_orders as orders on orders.order_id = items.order_id
left join dim_product as products on products.product_id = items.product_id
left join dim_seller as sellers on sellers.seller_id = items.seller_id
