-- The ABC classes of kpi_category_abc and kpi_product_abc (same ranking, cut-offs $a_cutoff and
-- $b_cutoff) under the filters, per level (category, product) and class: its cut-off, how many
-- members and which share of the level's, their GMV and its share of the level's total. Every
-- class is listed, empty ones with 0 members.
-- each level ranked on its own: categories by name, products by the integer product_key
-- (numbered in product id order, so ties fall as by id); the items are read once per level
-- (a shared scan was materialised, which cost more than reading them twice); without any filter
-- the products' ranking is mart_kpi_products' (kept at build), the products are not sorted again
with category_gmv as (
    select category, sum(price + freight_value) as gmv
    from kpi_items($date_from, $date_to, $states, $categories)
    where counts_as_sale
    group by category
),

product_gmv as (
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

ranked as (
    select
        'category' as level,
        gmv,
        coalesce(
            sum(gmv) over (
                order by gmv desc, category rows between unbounded preceding and 1 preceding
            ),
            0
        ) / nullif(sum(gmv) over (), 0) as share_before
    from category_gmv
    union all
    select
        'product',
        gmv,
        coalesce(
            sum(gmv) over (
                order by gmv desc, product_key rows between unbounded preceding and 1 preceding
            ),
            0
        ) / nullif(sum(gmv) over (), 0)
    from product_gmv
    union all
    select 'product', gmv, gmv_before / nullif(sum(gmv) over (), 0)
    from mart_kpi_products
    where $date_from is null and $date_to is null and $states is null and $categories is null
),

classed as (
    select
        level,
        case
            when share_before < $a_cutoff then 'A'
            when share_before < $b_cutoff then 'B'
            else 'C'
        end as abc_class,
        gmv
    from ranked
),

totals as (
    select level, count(*) as members, sum(gmv) as gmv from classed group by level
),

per_class as (
    select level, abc_class, count(*) as members, sum(gmv) as gmv
    from classed
    group by level, abc_class
),

percent (a, b) as (
    select round($a_cutoff * 100)::integer || '%', round($b_cutoff * 100)::integer || '%'
),

classes (level_order, level, class_order, abc_class) as (
    select * from (values (1, 'category'), (2, 'product'))
    cross join (values (1, 'A'), (2, 'B'), (3, 'C'))
)

select
    classes.level,
    classes.abc_class,
    case classes.abc_class
        when 'A' then '0-' || percent.a
        when 'B' then percent.a || '-' || percent.b
        else percent.b || '-100%'
    end as cutoff,
    coalesce(per_class.members, 0) as members,
    coalesce(per_class.members, 0) / totals.members as member_share,
    coalesce(per_class.gmv, 0)::decimal(18, 2) as gmv,
    coalesce(per_class.gmv, 0) / nullif(totals.gmv, 0) as gmv_share
from classes
cross join percent
left join totals on totals.level = classes.level
left join per_class on per_class.level = classes.level and per_class.abc_class = classes.abc_class
order by classes.level_order, classes.class_order
