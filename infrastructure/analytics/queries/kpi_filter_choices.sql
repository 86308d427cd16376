-- What the dashboards' filters can be set to: customer states and categories as shown, with how
-- many orders (states) or items (categories) each has, most frequent first.
select 'state' as filter, customer_state as value, count(*) as count
from mart_kpi_orders
where customer_state is not null
group by customer_state
union all
select 'category' as filter, category as value, count(*) as count
from mart_kpi_items
group by category
order by filter desc, count desc, value
