-- The categories view under the filters: kpi_categories (the warehouse's macro, which holds the
-- definitions) with the bound filters, its months added up per category, highest revenue first.
with categories as (
    select
        category,
        category_status,
        sum(revenue) as revenue,
        sum(items) as items,
        sum(orders) as orders,
        sum(freight_value) as freight_value,
        sum(gmv) as gmv,
        sum(reviewed_orders) as reviewed_orders,
        sum(review_score_total) as review_score_total,
        sum(delivered_orders) as delivered_orders,
        sum(late_orders) as late_orders
    from kpi_categories($date_from, $date_to, $states, $categories)
    group by category, category_status
)

select
    category,
    category_status,
    revenue::decimal(18, 2) as revenue,
    items::bigint as items,
    money_mean(revenue, items) as mean_price,
    orders::bigint as orders,
    freight_value::decimal(18, 2) as freight_value,
    gmv::decimal(18, 2) as gmv,
    reviewed_orders::bigint as reviewed_orders,
    review_score_total / nullif(reviewed_orders, 0) as mean_review_score,
    delivered_orders::bigint as delivered_orders,
    late_orders::bigint as late_orders,
    late_orders / nullif(delivered_orders, 0) as late_rate
from categories
order by revenue desc, category
