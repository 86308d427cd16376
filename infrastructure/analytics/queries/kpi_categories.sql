-- Sales per category as shown (untranslated categories keep their Portuguese name, items without
-- one are '(no category)'), over the filtered orders that count as sales. An order counts once in
-- each of its categories for orders, review and lateness; revenue is the price of its items.
with category_orders as (
    select
        category,
        category_status,
        order_id,
        count(*) as items,
        sum(price) as revenue,
        sum(freight_value) as freight_value,
        any_value(review_score) as review_score,
        any_value(is_delivered_with_date) as is_delivered_with_date,
        any_value(is_late) as is_late
    from kpi_items($date_from, $date_to, $state, $category)
    where counts_as_sale
    group by category, category_status, order_id
)

select
    category,
    category_status,
    sum(revenue)::decimal(18, 2) as revenue,
    sum(items)::bigint as items,
    money_mean(sum(revenue), sum(items)) as mean_price,
    count(*) as orders,
    sum(freight_value)::decimal(18, 2) as freight_value,
    sum(revenue + freight_value)::decimal(18, 2) as gmv,
    count(review_score) as reviewed_orders,
    avg(review_score) as mean_review_score,
    count(*) filter (where is_delivered_with_date) as delivered_orders,
    count(*) filter (where is_delivered_with_date and is_late) as late_orders,
    count(*) filter (where is_delivered_with_date and is_late)
        / nullif(count(*) filter (where is_delivered_with_date), 0) as late_rate
from category_orders
group by category, category_status
order by revenue desc, category
