-- One row per (order_id, payment_sequential), zero-value payments and 0 installments included.
select
    trim(order_id) as order_id,
    payment_sequential,
    trim(payment_type) as payment_type,
    payment_installments,
    payment_value
from {{ source('olist', 'order_payments') }}
