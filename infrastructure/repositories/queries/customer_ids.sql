-- Up to $limit people (customer_unique_id) whose id starts with $prefix, for id completion.
select customer_unique_id as id
from dim_customer
where starts_with(customer_unique_id, $prefix)
order by customer_unique_id
limit $limit
