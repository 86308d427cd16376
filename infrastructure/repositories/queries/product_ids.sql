-- Up to $limit product ids starting with $prefix, for id completion.
select product_id as id
from dim_product
where starts_with(product_id, $prefix)
order by product_id
limit $limit
