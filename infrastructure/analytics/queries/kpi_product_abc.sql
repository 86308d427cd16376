-- Pareto / ABC classification of products by GMV (items price + freight of the sales, as in the
-- executive GMV) under the filters: products ranked by GMV (ties by product id); a product is A
-- while the GMV of the products ranked before it is below $a_cutoff of the total (so the product
-- crossing the cut-off is A), B below $b_cutoff, C after. The category is the product's as shown.
-- The first $product_rows products (NULL: all): the ranking needs only each product's GMV, so
-- items, orders and revenue are counted for the products returned alone (kpi_abc_summary counts
-- the classes' members).
with products as (
    select product_id, any_value(category) as category, sum(price + freight_value) as gmv
    from kpi_items($date_from, $date_to, $states, $categories)
    where counts_as_sale
    group by product_id
),

ranked as (
    select
        *,
        row_number() over (order by gmv desc, product_id) as rank,
        gmv / nullif(sum(gmv) over (), 0) as gmv_share,
        coalesce(
            sum(gmv) over (
                order by gmv desc, product_id rows between unbounded preceding and 1 preceding
            ),
            0
        ) / nullif(sum(gmv) over (), 0) as share_before
    from products
),

shown as (
    select * from ranked where $product_rows is null or rank <= $product_rows
),

measures as (
    select
        product_id,
        count(*) as items,
        count(distinct order_id) as orders,
        sum(price) as revenue
    from kpi_items($date_from, $date_to, $states, $categories)
    where counts_as_sale and product_id in (select product_id from shown)
    group by product_id
)

select
    shown.rank,
    shown.product_id,
    shown.category,
    case
        when shown.share_before < $a_cutoff then 'A'
        when shown.share_before < $b_cutoff then 'B'
        else 'C'
    end as abc_class,
    shown.gmv::decimal(18, 2) as gmv,
    shown.gmv_share,
    shown.share_before + shown.gmv_share as cumulative_share,
    measures.revenue::decimal(18, 2) as revenue,
    measures.items,
    measures.orders
from shown
join measures on measures.product_id = shown.product_id
order by shown.rank
