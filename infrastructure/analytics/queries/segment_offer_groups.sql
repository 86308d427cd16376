-- The customers of one segment ($segment) counted by spend and order count: customers with the
-- same pair have the same next order, so a what-if offer is priced once per pair.
select
    monetary,
    frequency,
    count(*) as customers
from mart_customer_rfm
where segment = $segment
group by monetary, frequency
