-- PostgreSQL translation of infrastructure/warehouse/models/marts/mart_seller_scorecard.sql.
-- What had to change:
-- - any_value() does not exist before PostgreSQL 16: bool_or(counts_as_sale) and
--   min(purchased_at), both constant within an order, as any_value picks one of them;
-- - late_orders / delivered_orders is integer division in PostgreSQL: cast to double precision;
-- - revenue / items is exact numeric division in PostgreSQL, DOUBLE in DuckDB, before both round
--   to decimal(18, 2) (a half-cent quotient could round differently; the script checks).
with seller_orders as (
    select
        items.seller_id,
        items.order_id,
        bool_or(items.counts_as_sale) as counts_as_sale,
        min(items.purchased_at) as purchased_at,
        count(*) as items,
        sum(items.price) as revenue,
        sum(items.freight_value) as freight_value
    from fct_order_items as items
    group by items.seller_id, items.order_id
),

seller_orders_with_outcome as (
    select
        seller_orders.*,
        orders.order_status,
        orders.review_score,
        orders.is_delivered_with_date,
        orders.is_late,
        orders.delivery_days
    from seller_orders
    left join fct_orders as orders on orders.order_id = seller_orders.order_id
),

sellers_performance as (
    select
        seller_id,
        count(*) filter (where counts_as_sale) as orders,
        sum(items) filter (where counts_as_sale) as items,
        sum(revenue) filter (where counts_as_sale) as revenue,
        sum(freight_value) filter (where counts_as_sale) as freight_value,
        min(purchased_at) filter (where counts_as_sale) as first_sale_at,
        max(purchased_at) filter (where counts_as_sale) as last_sale_at,
        count(*) filter (where order_status = 'canceled') as canceled_orders,
        count(review_score) as reviewed_orders,
        avg(review_score) as avg_review_score,
        count(*) filter (where is_delivered_with_date) as delivered_orders,
        count(*) filter (where is_delivered_with_date and is_late) as late_orders,
        avg(delivery_days) filter (where is_delivered_with_date) as avg_delivery_days
    from seller_orders_with_outcome
    group by seller_id
),

seller_ids as (
    select seller_id from dim_seller
    union
    select seller_id from sellers_performance where seller_id is not null
)

select
    seller_ids.seller_id,
    sellers.city,
    sellers.state,
    sellers.region,
    coalesce(performance.orders, 0) as orders,
    coalesce(performance.items, 0) as items,
    coalesce(performance.revenue, 0)::decimal(18, 2) as revenue,
    coalesce(performance.freight_value, 0)::decimal(18, 2) as freight_value,
    coalesce(performance.revenue + performance.freight_value, 0)::decimal(18, 2) as gmv,
    money_mean(performance.revenue, performance.items) as avg_item_price,
    coalesce(performance.canceled_orders, 0) as canceled_orders,
    coalesce(performance.reviewed_orders, 0) as reviewed_orders,
    performance.avg_review_score,
    coalesce(performance.delivered_orders, 0) as delivered_orders,
    coalesce(performance.late_orders, 0) as late_orders,
    performance.late_orders::double precision / nullif(performance.delivered_orders, 0)
        as late_rate,
    performance.avg_delivery_days,
    performance.first_sale_at,
    performance.last_sale_at,
    rank() over (order by coalesce(performance.revenue + performance.freight_value, 0) desc)
        as gmv_rank
from seller_ids
left join dim_seller as sellers on sellers.seller_id = seller_ids.seller_id
left join sellers_performance as performance on performance.seller_id = seller_ids.seller_id
order by gmv_rank, seller_ids.seller_id
