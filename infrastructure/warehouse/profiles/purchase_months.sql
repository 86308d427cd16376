-- Orders per purchase month (YYYY-MM), the volume the monthly monitor follows.
select strftime(purchased_at, '%Y-%m') as month_of_purchase, count(*) as orders
from fct_orders
where purchased_at is not null
group by month_of_purchase
