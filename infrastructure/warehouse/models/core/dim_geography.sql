-- One row per zip code prefix seen in geolocation, customers or sellers: the centroid (mean) of
-- its points inside Brazil, its most common city and state, and the state's macro-region. Zips
-- absent from geolocation keep their customer/seller city and state, with no coordinates.
with geolocation_points as (
    select
        geolocation_zip_code_prefix as zip_code_prefix,
        geolocation_city as city,
        geolocation_state as state,
        geolocation_lat as lat,
        geolocation_lng as lng,
        geolocation_lat between getvariable('brazil_lat_min') and getvariable('brazil_lat_max')
        and geolocation_lng between getvariable('brazil_lng_min') and getvariable('brazil_lng_max')
            as is_in_brazil
    from {{ ref('stg_geolocation') }}
),

-- One pass over the points: votes for each (city, state) of a zip and coordinate sums inside Brazil.
place_votes as (
    select
        zip_code_prefix,
        city,
        state,
        count(*) as votes,
        count(*) filter (where is_in_brazil) as points_in_brazil,
        sum(lat) filter (where is_in_brazil) as lat_sum,
        sum(lng) filter (where is_in_brazil) as lng_sum
    from geolocation_points
    group by zip_code_prefix, city, state
),

geolocated_zips as (
    select
        zip_code_prefix,
        round(sum(lat_sum) / nullif(sum(points_in_brazil), 0), 6) as lat,
        round(sum(lng_sum) / nullif(sum(points_in_brazil), 0), 6) as lng,
        arg_max(city, (votes, city, state)) as city,
        arg_max(state, (votes, city, state)) as state,
        sum(votes) as point_count,
        sum(votes) - sum(points_in_brazil) as points_outside_brazil
    from place_votes
    group by zip_code_prefix
),

customer_and_seller_places as (
    select customer_zip_code_prefix as zip_code_prefix, customer_city as city, customer_state as state
    from {{ ref('stg_customers') }}
    union all
    select seller_zip_code_prefix, seller_city, seller_state
    from {{ ref('stg_sellers') }}
),

ungeolocated_votes as (
    select places.zip_code_prefix, places.city, places.state, count(*) as votes
    from customer_and_seller_places as places
    anti join geolocated_zips on geolocated_zips.zip_code_prefix = places.zip_code_prefix
    where places.zip_code_prefix is not null
    group by places.zip_code_prefix, places.city, places.state
),

ungeolocated_zips as (
    select
        zip_code_prefix,
        null::double as lat,
        null::double as lng,
        arg_max(city, (votes, city, state)) as city,
        arg_max(state, (votes, city, state)) as state,
        0 as point_count,
        0 as points_outside_brazil
    from ungeolocated_votes
    group by zip_code_prefix
),

all_zips as (
    select * from geolocated_zips
    union all
    select * from ungeolocated_zips
)

select
    all_zips.zip_code_prefix,
    all_zips.lat,
    all_zips.lng,
    all_zips.city,
    all_zips.state,
    states.region,
    all_zips.point_count,
    all_zips.points_outside_brazil,
    all_zips.lat is not null as is_geolocated
from all_zips
left join ref_brazil_states as states on states.state = all_zips.state
order by all_zips.zip_code_prefix
