-- Every payment of the wanted orders, zero values and zero installments included.
-- $key_column is order_id (one order) or customer_key (a person's orders): see FactKey.
-- $order_ids are the wanted orders' ids (order_headers' answer): the facts are stored in order_id
-- order, so DuckDB reads only the row groups that can hold them.
select
    order_id,
    payment_sequential,
    payment_type,
    payment_installments,
    payment_value
from fct_payments
where $key_column = $key and order_id = any($order_ids)
