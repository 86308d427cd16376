-- The delivery facts of one order.
select
    order_id,
    purchased_at,
    delivered_carrier_at,
    delivered_customer_at,
    estimated_delivery_date,
    order_status
from fct_orders
where order_id = $order_id
