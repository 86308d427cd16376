-- The first and last purchase day in the warehouse: the open ends of a date filter.
select min(purchased_at)::date as first_day, max(purchased_at)::date as last_day
from mart_kpi_orders
