-- Pareto / ABC classification of categories (as shown) by GMV (items price + freight of the
-- sales) under the filters, as kpi_product_abc does for products: ranked by GMV (ties by name),
-- A while the GMV of the categories ranked before is below $a_cutoff of the total, B below
-- $b_cutoff, C after. Orders are counted by the integer order_key, one-item orders by their item.
with sales as (
    select category, order_key, price, freight_value, is_only_item
    from kpi_items($date_from, $date_to, $states, $categories)
    where counts_as_sale
),

-- the orders of several items, once per category (a one-item order is its item)
multi_item_orders as (
    select category, count(*) as orders
    from (
        select distinct category, order_key from sales where not is_only_item
    ) as category_orders
    group by category
),

categories as (
    select
        sales.category,
        count(*) as items,
        count(*) filter (where sales.is_only_item) as one_item_orders,
        sum(sales.price) as revenue,
        sum(sales.price + sales.freight_value) as gmv
    from sales
    group by sales.category
),

measured as (
    select
        categories.category,
        categories.items,
        categories.one_item_orders + coalesce(multi.orders, 0) as orders,
        categories.revenue,
        categories.gmv
    from categories
    left join multi_item_orders as multi on multi.category = categories.category
),

ranked as (
    select
        *,
        row_number() over (order by gmv desc, category) as rank,
        gmv / nullif(sum(gmv) over (), 0) as gmv_share,
        coalesce(
            sum(gmv) over (
                order by gmv desc, category rows between unbounded preceding and 1 preceding
            ),
            0
        ) / nullif(sum(gmv) over (), 0) as share_before
    from measured
)

select
    rank,
    category,
    case
        when share_before < $a_cutoff then 'A'
        when share_before < $b_cutoff then 'B'
        else 'C'
    end as abc_class,
    gmv::decimal(18, 2) as gmv,
    gmv_share,
    share_before + gmv_share as cumulative_share,
    revenue::decimal(18, 2) as revenue,
    items,
    orders
from ranked
order by rank
