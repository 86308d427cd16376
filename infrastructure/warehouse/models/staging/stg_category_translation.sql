-- Portuguese category name -> English name, as published (some categories have no translation).
select
    trim(product_category_name) as product_category_name,
    trim(product_category_name_english) as product_category_name_english
from {{ source('olist', 'category_translation') }}
