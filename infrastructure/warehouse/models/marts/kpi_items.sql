-- Table macro kpi_items(from_date, to_date, in_states, in_categories): the items of the orders that
-- pass the dashboards' filters. A NULL argument means no filter. The filters: purchase day in
-- [from_date, to_date], the order's customer state among in_states, the item's category as shown
-- among in_categories (both lists).
select *
from {{ ref('mart_kpi_items') }}
where
    (from_date is null or purchased_at >= from_date::date)
    and (to_date is null or purchased_at < to_date::date + 1)
    and (in_states is null or customer_state = any(in_states))
    and (in_categories is null or category = any(in_categories))
