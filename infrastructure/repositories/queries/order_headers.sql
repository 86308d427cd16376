-- The stored facts of the wanted orders; their items, payments and reviews load separately.
-- $key_column is order_id (one order) or customer_key (a person's orders): see FactKey.
select
    order_id,
    customer_id,
    customer_unique_id,
    order_status,
    purchased_at,
    approved_at,
    delivered_carrier_at,
    delivered_customer_at,
    estimated_delivery_date
from fct_orders
where $key_column = $key
