-- One row per customer_id, as in the source (one customer_id per order; people are
-- customer_unique_id). Typed by the reader, trimmed here; nothing is dropped.
select
    trim(customer_id) as customer_id,
    trim(customer_unique_id) as customer_unique_id,
    trim(customer_zip_code_prefix) as customer_zip_code_prefix,
    trim(customer_city) as customer_city,
    trim(customer_state) as customer_state
from {{ source('olist', 'customers') }}
