-- One row per seller with its location and the centroid of its zip prefix.
select
    sellers.seller_id,
    sellers.seller_zip_code_prefix as zip_code_prefix,
    sellers.seller_city as city,
    sellers.seller_state as state,
    states.region,
    geography.lat,
    geography.lng
from stg_sellers as sellers
left join ref_brazil_states as states on states.state = sellers.seller_state
left join dim_geography as geography on geography.zip_code_prefix = sellers.seller_zip_code_prefix
