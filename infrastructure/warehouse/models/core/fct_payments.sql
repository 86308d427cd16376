-- One row per payment; zero-value payments and 0 installments are flagged, not removed.
-- Stored in order_id order, so a drill-down to one order reads one row group of each fact;
-- customer_key (see fct_orders) finds a person's payments.
select
    payments.order_id,
    payments.payment_sequential,
    payments.payment_type,
    payments.payment_installments,
    payments.payment_value,
    payments.payment_value = 0 as is_zero_value,
    payments.payment_installments = 0 as has_zero_installments,
    orders.customer_key
from {{ ref('stg_order_payments') }} as payments
left join {{ ref('fct_orders') }} as orders on orders.order_id = payments.order_id
order by payments.order_id, payments.payment_sequential
