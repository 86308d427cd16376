-- A person's RFM scores and segment as the warehouse ranked them among all customers.
select r_score, f_score, m_score, segment
from mart_customer_rfm
where customer_unique_id = $customer_unique_id
