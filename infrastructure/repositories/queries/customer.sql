-- A person (customer_unique_id) with the address of their latest order and customer_key, the
-- integer their orders, items, payments and reviews are found by (null without orders).
select customer_unique_id, zip_code_prefix, city, state, customer_key
from dim_customer
where customer_unique_id = $customer_unique_id
