-- Up to $limit order ids starting with $prefix, for id completion.
select order_id as id
from fct_orders
where starts_with(order_id, $prefix)
order by order_id
limit $limit
