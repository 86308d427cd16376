-- One row per product with sales (items of orders counting as sales), without filters: what the
-- Products view's ABC ranking reads of it (kpi_product_abc, kpi_abc_summary), kept at build so
-- that the view's first answer (no filters) reads the ranking instead of grouping every item by
-- product and sorting every product. gmv: price + freight of its sale items; rank: its place by
-- GMV, ties by product_key (product id order); gmv_before: the GMV of the products ranked before
-- it (the ABC class is read from it with the cut-offs the query binds); the id, category, items,
-- orders (distinct) and revenue (price) kpi_product_abc lists.
select
    product_key,
    product_id,
    category,
    items,
    orders,
    revenue::decimal(18, 2) as revenue,
    gmv::decimal(18, 2) as gmv,
    row_number() over (order by gmv desc, product_key) as rank,
    coalesce(
        sum(gmv) over (
            order by gmv desc, product_key rows between unbounded preceding and 1 preceding
        ),
        0
    ) as gmv_before
from (
    select
        product_key,
        any_value(product_id) as product_id,
        any_value(category) as category,
        count(*) as items,
        count(distinct order_key) as orders,
        sum(price) as revenue,
        sum(price + freight_value) as gmv
    from {{ ref('mart_kpi_items') }}
    where counts_as_sale
    group by product_key
) as products
order by rank
