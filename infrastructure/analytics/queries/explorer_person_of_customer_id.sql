-- The person (customer_unique_id) behind a per-order customer_id.
select customer_unique_id
from fct_orders
where customer_id = $customer_id
limit 1
