-- GMV and sale orders per purchase month of the filtered orders, from new customers (the order is
-- the person's first order ever) versus returning ones (a later order), and the returning share.
select
    purchase_month as month,
    coalesce(sum(order_value) filter (where is_first_order), 0)::decimal(18, 2) as new_gmv,
    coalesce(sum(order_value) filter (where not is_first_order), 0)::decimal(18, 2)
        as returning_gmv,
    count(*) filter (where is_first_order) as new_orders,
    count(*) filter (where not is_first_order) as returning_orders,
    sum(order_value) filter (where not is_first_order) / nullif(sum(order_value), 0)
        as returning_gmv_share
from kpi_orders($date_from, $date_to, $states, $categories)
where counts_as_sale
group by purchase_month
order by purchase_month
