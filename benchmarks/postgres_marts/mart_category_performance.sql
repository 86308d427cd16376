-- PostgreSQL translation of infrastructure/warehouse/models/marts/mart_category_performance.sql.
-- What had to change:
-- - group by all -> group by the select list's positions (1, 2, 3, 4 and 1, 2, 3);
-- - late_orders / delivered_orders is integer division in PostgreSQL: cast to double precision;
-- - revenue / items is exact numeric division in PostgreSQL, DOUBLE in DuckDB, before both round
--   to decimal(18, 2) (a half-cent quotient could round differently; the script checks).
with order_categories as (
    select
        items.order_id,
        items.purchase_month as month,
        products.category_name,
        coalesce(products.category_name_english, '(no category)') as category_name_english,
        count(*) as items,
        sum(items.price) as revenue,
        sum(items.freight_value) as freight_value
    from fct_order_items as items
    left join dim_product as products on products.product_id = items.product_id
    where items.counts_as_sale
    group by 1, 2, 3, 4
),

category_orders_with_outcome as (
    select
        order_categories.*,
        orders.review_score,
        orders.is_delivered_with_date,
        orders.is_late
    from order_categories
    join fct_orders as orders on orders.order_id = order_categories.order_id
),

categories_per_month as (
    select
        month,
        category_name,
        category_name_english,
        count(*) as orders,
        sum(items) as items,
        sum(revenue) as revenue,
        sum(freight_value) as freight_value,
        count(review_score) as reviewed_orders,
        avg(review_score) as avg_review_score,
        count(*) filter (where is_delivered_with_date) as delivered_orders,
        count(*) filter (where is_delivered_with_date and is_late) as late_orders
    from category_orders_with_outcome
    group by 1, 2, 3
)

select
    month,
    category_name,
    category_name_english,
    orders,
    items,
    revenue::decimal(18, 2) as revenue,
    freight_value::decimal(18, 2) as freight_value,
    (revenue + freight_value)::decimal(18, 2) as gmv,
    money_mean(revenue, items) as avg_item_price,
    reviewed_orders,
    avg_review_score,
    delivered_orders,
    late_orders,
    late_orders::double precision / nullif(delivered_orders, 0) as late_rate
from categories_per_month
order by month, gmv desc, category_name
