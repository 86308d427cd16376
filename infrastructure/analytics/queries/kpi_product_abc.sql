-- Pareto / ABC classification of products by GMV (items price + freight of the sales, as in the
-- executive GMV) under the filters: products ranked by GMV (ties by product id); a product is A
-- while the GMV of the products ranked before it is below $a_cutoff of the total (so the product
-- crossing the cut-off is A), B below $b_cutoff, C after. The category is the product's as shown.
-- The first $product_rows products (NULL: all): the ranking needs only each product's GMV, summed
-- by the integer product_key (numbered in product id order, so ties fall as by id), and its first
-- rows are a top-N, not a sort of every product; the id, category, items, orders and revenue are
-- read for the products returned alone (kpi_abc_summary counts the classes' members).
-- Without any filter the ranking and the listed figures are mart_kpi_products' (kept at build:
-- the view's first answer sorts no product); with a filter they are computed here. Two branches,
-- one of them empty.
with products as (
    select product_key, sum(price + freight_value) as gmv
    from kpi_items($date_from, $date_to, $states, $categories)
    where
        counts_as_sale
        and (
            $date_from is not null
            or $date_to is not null
            or $states is not null
            or $categories is not null
        )
    group by product_key
),

total as (
    select sum(gmv) as gmv from products
),

shown as (
    select product_key, gmv
    from products
    order by gmv desc, product_key
    limit $product_rows
),

ranked as (
    select
        shown.product_key,
        shown.gmv,
        row_number() over (order by shown.gmv desc, shown.product_key) as rank,
        shown.gmv / nullif(total.gmv, 0) as gmv_share,
        coalesce(
            sum(shown.gmv) over (
                order by shown.gmv desc, shown.product_key
                rows between unbounded preceding and 1 preceding
            ),
            0
        ) / nullif(total.gmv, 0) as share_before
    from shown
    cross join total
),

measures as (
    select
        product_key,
        any_value(product_id) as product_id,
        any_value(category) as category,
        count(*) as items,
        count(distinct order_key) as orders,
        sum(price) as revenue
    from kpi_items($date_from, $date_to, $states, $categories)
    where counts_as_sale and product_key in (select product_key from shown)
    group by product_key
),

kept as (
    select
        *,
        sum(gmv) over () as total
    from mart_kpi_products
    where $date_from is null and $date_to is null and $states is null and $categories is null
)

select
    rank,
    product_id,
    category,
    case
        when gmv_before / nullif(total, 0) < $a_cutoff then 'A'
        when gmv_before / nullif(total, 0) < $b_cutoff then 'B'
        else 'C'
    end as abc_class,
    gmv,
    gmv / nullif(total, 0) as gmv_share,
    gmv_before / nullif(total, 0) + gmv / nullif(total, 0) as cumulative_share,
    revenue,
    items,
    orders
from kept
where $product_rows is null or rank <= $product_rows

union all

select
    ranked.rank,
    measures.product_id,
    measures.category,
    case
        when ranked.share_before < $a_cutoff then 'A'
        when ranked.share_before < $b_cutoff then 'B'
        else 'C'
    end as abc_class,
    ranked.gmv::decimal(18, 2) as gmv,
    ranked.gmv_share,
    ranked.share_before + ranked.gmv_share as cumulative_share,
    measures.revenue::decimal(18, 2) as revenue,
    measures.items,
    measures.orders
from ranked
join measures on measures.product_key = ranked.product_key
order by rank
