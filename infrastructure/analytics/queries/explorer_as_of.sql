-- The moment the loaded snapshot describes: its last purchase (RFM and "active" are measured to it).
select max(purchased_at) as as_of
from fct_orders
