-- Pareto / ABC classification of categories (as shown) by GMV (items price + freight of the
-- sales) under the filters, as kpi_product_abc does for products: ranked by GMV (ties by name),
-- A while the GMV of the categories ranked before is below $a_cutoff of the total, B below
-- $b_cutoff, C after.
with categories as (
    select
        category,
        count(*) as items,
        count(distinct order_id) as orders,
        sum(price) as revenue,
        sum(price + freight_value) as gmv
    from kpi_items($date_from, $date_to, $states, $categories)
    where counts_as_sale
    group by category
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
    from categories
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
