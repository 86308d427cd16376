-- Table macro kpi_categories(from_date, to_date, in_states, in_categories): sales per purchase month
-- and category as shown (untranslated categories keep their Portuguese name, items without one
-- are '(no category)'), over the orders passing the dashboards' filters (kpi_items; NULL = no
-- filter) that count as sales. An order counts once in each of its categories for orders,
-- reviews and lateness; revenue is the price of its items. Counts and totals add up across
-- months (review_score_total / reviewed_orders is the mean review score).
-- mart_category_performance is it without filters.
-- depends_on: {{ ref('kpi_items') }}
with category_orders as (
    select
        purchase_month as month,
        category,
        category_status,
        category_name,
        order_id,
        count(*) as items,
        sum(price) as revenue,
        sum(freight_value) as freight_value,
        any_value(review_score) as review_score,
        any_value(is_delivered_with_date) as is_delivered_with_date,
        any_value(is_late) as is_late
    from kpi_items(from_date, to_date, in_states, in_categories)
    where counts_as_sale
    group by purchase_month, category, category_status, category_name, order_id
)

select
    month,
    category,
    category_status,
    category_name,
    count(*) as orders,
    sum(items) as items,
    sum(revenue)::decimal(18, 2) as revenue,
    sum(freight_value)::decimal(18, 2) as freight_value,
    sum(revenue + freight_value)::decimal(18, 2) as gmv,
    count(review_score) as reviewed_orders,
    sum(review_score) as review_score_total,
    count(*) filter (where is_delivered_with_date) as delivered_orders,
    count(*) filter (where is_delivered_with_date and is_late) as late_orders
from category_orders
group by month, category, category_status, category_name
