-- One row per seller.
select
    trim(seller_id) as seller_id,
    trim(seller_zip_code_prefix) as seller_zip_code_prefix,
    trim(seller_city) as seller_city,
    trim(seller_state) as seller_state
from {{ source('olist', 'sellers') }}
