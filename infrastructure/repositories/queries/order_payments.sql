-- Every payment of the wanted orders, zero values and zero installments included.
-- $key_column is order_id (one order) or customer_key (a person's orders): see FactKey.
select
    order_id,
    payment_sequential,
    payment_type,
    payment_installments,
    payment_value
from fct_payments
where $key_column = $key
