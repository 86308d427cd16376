-- The moment the loaded snapshot describes: its last purchase that counts as a sale (RFM and
-- "active" are measured to it, as in the warehouse's int_customer_rfm_measures).
select max(purchased_at) as as_of
from fct_orders
where counts_as_sale
