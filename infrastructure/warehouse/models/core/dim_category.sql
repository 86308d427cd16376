-- One row per product category named in products or in the translation file. Categories without
-- an English translation keep their Portuguese name, flagged by is_translated = false.
with products_per_category as (
    select product_category_name as category_name, count(*) as product_count
    from {{ ref('stg_products') }}
    where product_category_name is not null
    group by product_category_name
),

translations as (
    select
        product_category_name as category_name,
        min(product_category_name_english) as category_name_english
    from {{ ref('stg_category_translation') }}
    where product_category_name is not null
    group by product_category_name
),

all_categories as (
    select category_name from products_per_category
    union
    select category_name from translations
)

select
    all_categories.category_name,
    coalesce(translations.category_name_english, all_categories.category_name)
        as category_name_english,
    translations.category_name_english is not null as is_translated,
    coalesce(products_per_category.product_count, 0) as product_count
from all_categories
left join translations on translations.category_name = all_categories.category_name
left join products_per_category
    on products_per_category.category_name = all_categories.category_name
order by all_categories.category_name
