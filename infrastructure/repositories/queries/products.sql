-- The wanted products with their category (English name only when translated) and dimensions.
select
    product_id,
    category_name,
    case when is_category_translated then category_name_english end as category_name_english,
    weight_g,
    length_cm,
    height_cm,
    width_cm
from dim_product
where product_id in (select unnest($product_ids))
