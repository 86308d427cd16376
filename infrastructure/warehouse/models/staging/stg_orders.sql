-- One row per order with its status and timeline, inconsistent timelines included.
select
    trim(order_id) as order_id,
    trim(customer_id) as customer_id,
    trim(order_status) as order_status,
    order_purchase_timestamp,
    order_approved_at,
    order_delivered_carrier_date,
    order_delivered_customer_date,
    order_estimated_delivery_date
from {{ source('olist', 'orders') }}
