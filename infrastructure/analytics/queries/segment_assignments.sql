-- Every scored customer's segment: what a run's segment snapshot stores.
select customer_unique_id, segment
from mart_customer_rfm
