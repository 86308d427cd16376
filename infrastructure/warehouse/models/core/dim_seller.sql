-- One row per seller with its location and the centroid of its zip prefix, in seller_id order.
-- seller_key numbers the sellers of this snapshot 1, 2, ...: fct_order_items carries it so a
-- seller's lines are found by an integer, not a 32-character string. Not stable across snapshots.
select
    sellers.seller_id,
    sellers.seller_zip_code_prefix as zip_code_prefix,
    sellers.seller_city as city,
    sellers.seller_state as state,
    states.region,
    geography.lat,
    geography.lng,
    row_number() over (order by sellers.seller_id)::integer as seller_key
from {{ ref('stg_sellers') }} as sellers
left join ref_brazil_states as states on states.state = sellers.seller_state
left join {{ ref('dim_geography') }} as geography on geography.zip_code_prefix = sellers.seller_zip_code_prefix
order by sellers.seller_id
