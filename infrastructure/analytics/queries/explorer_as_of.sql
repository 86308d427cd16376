-- The moment the loaded snapshot describes: the as-of moment its RFM was measured to (the last
-- purchase that counts as a sale and that the export can hold; int_customer_rfm_measures).
select max(as_of_at) as as_of
from mart_customer_rfm
