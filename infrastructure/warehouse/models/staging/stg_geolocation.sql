-- Every geolocation row of the source, duplicates and points outside Brazil included.
select
    trim(geolocation_zip_code_prefix) as geolocation_zip_code_prefix,
    geolocation_lat,
    geolocation_lng,
    trim(geolocation_city) as geolocation_city,
    trim(geolocation_state) as geolocation_state
from {{ source('olist', 'geolocation') }}
