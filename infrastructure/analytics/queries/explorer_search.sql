-- The Explorer's search by place or category, for text that is not an id: people by the city or
-- state of their latest address, sellers by their city or state, and sellers of a category (as
-- shown: English name when translated). Names are compared without accents and case: exact 1.0,
-- starting with the text 0.95, containing it 0.9, else their Jaro-Winkler similarity when at
-- least $min_score (so "sao paolo" finds "sao paulo"). Each row is a person or seller the
-- Explorer opens, best match first, then the busiest (orders of a person, items of a seller).
with typed as (
    select lower(strip_accents(trim($text))) as text
),

seller_items as (
    select items.seller_id, coalesce(products.category_name_english, products.category_name)
        as category, count(*) as items
    from fct_order_items as items
    join dim_product as products on products.product_id = items.product_id
    group by all
),

names as (
    select distinct 'customer city' as field, city as name from dim_customer
    union all
    select distinct 'customer state', state from dim_customer
    union all
    select distinct 'seller city', city from dim_seller
    union all
    select distinct 'seller state', state from dim_seller
    union all
    select distinct 'category', category from seller_items where category is not null
),

scored as (
    select field, name, case
        when compared = typed.text then 1.0
        when starts_with(compared, typed.text) then 0.95
        when contains(compared, typed.text) then 0.9
        else jaro_winkler_similarity(compared, typed.text)
    end as score
    from (select *, lower(strip_accents(name)) as compared from names) as names, typed
    where name is not null
),

matched as (
    select * from scored where score >= $min_score
),

entities as (
    select
        'customer' as kind, people.customer_unique_id as key, matched.field, matched.name,
        matched.score, people.city, people.state, people.order_count as volume
    from matched
    join dim_customer as people on
        matched.field = 'customer city' and people.city = matched.name
        or matched.field = 'customer state' and people.state = matched.name
    union all
    select
        'seller', sellers.seller_id, matched.field, matched.name, matched.score, sellers.city,
        sellers.state, coalesce(sum(seller_items.items), 0)
    from matched
    join dim_seller as sellers on
        matched.field = 'seller city' and sellers.city = matched.name
        or matched.field = 'seller state' and sellers.state = matched.name
    left join seller_items on seller_items.seller_id = sellers.seller_id
    group by all
    union all
    select
        'seller', sellers.seller_id, matched.field, matched.name, matched.score, sellers.city,
        sellers.state, seller_items.items
    from matched
    join seller_items on matched.field = 'category' and seller_items.category = matched.name
    join dim_seller as sellers on sellers.seller_id = seller_items.seller_id
)

select
    kind,
    key,
    field || ' ' || name as matched,
    city || ' / ' || state as place,
    volume,
    round(score, 2) as score
from entities
order by score desc, volume desc, kind, key
limit $limit
