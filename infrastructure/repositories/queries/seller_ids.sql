-- Up to $limit seller ids starting with $prefix, for id completion.
select seller_id as id
from dim_seller
where starts_with(seller_id, $prefix)
order by seller_id
limit $limit
