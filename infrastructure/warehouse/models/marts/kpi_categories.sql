-- Table macro kpi_categories(from_date, to_date, in_states, in_categories): sales per purchase month
-- and category as shown (untranslated categories keep their Portuguese name, items without one
-- are '(no category)'), over the orders passing the dashboards' filters (kpi_items; NULL = no
-- filter) that count as sales. An order counts once in each of its categories for orders,
-- reviews and lateness; revenue is the price of its items. Counts and totals add up across
-- months (review_score_total / reviewed_orders is the mean review score). An order's facts
-- count on the category's first item in it (is_first_of_category).
-- mart_category_performance is it without filters.
-- depends_on: {{ ref('kpi_items') }}
select
    purchase_month as month,
    category,
    category_status,
    category_name,
    count(*) filter (where is_first_of_category) as orders,
    count(*) as items,
    sum(price)::decimal(18, 2) as revenue,
    sum(freight_value)::decimal(18, 2) as freight_value,
    sum(price + freight_value)::decimal(18, 2) as gmv,
    count(review_score) filter (where is_first_of_category) as reviewed_orders,
    sum(review_score) filter (where is_first_of_category) as review_score_total,
    count(*) filter (where is_first_of_category and is_delivered_with_date) as delivered_orders,
    count(*) filter (where is_first_of_category and is_delivered_with_date and is_late)
        as late_orders
from kpi_items(from_date, to_date, in_states, in_categories)
where counts_as_sale
group by purchase_month, category, category_status, category_name
