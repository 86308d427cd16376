-- A seller with its address and seller_key, the integer its order lines are found by.
select seller_id, zip_code_prefix, city, state, seller_key
from dim_seller
where seller_id = $seller_id
