-- Pareto / ABC classification of products by GMV (items price + freight of the sales, as in the
-- executive GMV) under the filters: products ranked by GMV (ties by product id); a product is A
-- while the GMV of the products ranked before it is below $a_cutoff of the total (so the product
-- crossing the cut-off is A), B below $b_cutoff, C after. The category is the product's as shown.
with products as (
    select
        product_id,
        any_value(category) as category,
        count(*) as items,
        count(distinct order_id) as orders,
        sum(price) as revenue,
        sum(price + freight_value) as gmv
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
)

select
    rank,
    product_id,
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
