-- One row per product with its category (English name when translated) and dimensions.
select
    products.product_id,
    products.product_category_name as category_name,
    categories.category_name_english,
    products.product_weight_g as weight_g,
    products.product_length_cm as length_cm,
    products.product_height_cm as height_cm,
    products.product_width_cm as width_cm,
    products.product_length_cm::bigint * products.product_height_cm * products.product_width_cm
        as volume_cm3,
    coalesce(categories.is_translated, false) as is_category_translated,
    products.product_name_length as name_length,
    products.product_description_length as description_length,
    products.product_photos_qty as photos_qty
from {{ ref('stg_products') }} as products
left join {{ ref('dim_category') }} as categories on categories.category_name = products.product_category_name
