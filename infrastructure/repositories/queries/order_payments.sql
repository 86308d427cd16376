-- Every payment of the wanted orders, zero values and zero installments included.
select
    order_id,
    payment_sequential,
    payment_type,
    payment_installments,
    payment_value
from fct_payments
where order_id in (select unnest($order_ids))
