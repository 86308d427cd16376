-- One row per payment; zero-value payments and 0 installments are flagged, not removed.
-- Stored in order_id order, so a drill-down to one order reads one row group of each fact.
select
    order_id,
    payment_sequential,
    payment_type,
    payment_installments,
    payment_value,
    payment_value = 0 as is_zero_value,
    payment_installments = 0 as has_zero_installments
from stg_order_payments
order by order_id, payment_sequential
