-- Sales, reviews and lateness per product category and purchase month, over orders that count as
-- sales: kpi_categories without filters, which holds the definitions. Counts are additive across
-- months; averages come with their counts.
-- depends_on: {{ ref('kpi_categories') }}
-- depends_on: {{ ref('money_mean') }}
select
    month,
    category_name,
    category as category_name_english,
    orders,
    items,
    revenue,
    freight_value,
    gmv,
    money_mean(revenue, items) as avg_item_price,
    reviewed_orders,
    review_score_total / nullif(reviewed_orders, 0) as avg_review_score,
    delivered_orders,
    late_orders,
    late_orders / nullif(delivered_orders, 0) as late_rate
from kpi_categories(null, null, null, null)
order by month, gmv desc, category_name
