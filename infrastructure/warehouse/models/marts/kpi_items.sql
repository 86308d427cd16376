-- Table macro kpi_items(from_date, to_date, in_state, in_category): the items of the orders that
-- pass the dashboards' filters. A NULL argument means no filter. The filters: purchase day in
-- [from_date, to_date], the order's customer state, the item's category as shown.
select *
from mart_kpi_items
where
    (from_date is null or purchased_at >= from_date::date)
    and (to_date is null or purchased_at < to_date::date + 1)
    and (in_state is null or customer_state = in_state)
    and (in_category is null or category = in_category)
