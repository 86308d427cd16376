-- What the id $id names in the loaded snapshot: order, customer (customer_unique_id), seller.
-- One statement instead of a query per kind; each lookup reads one row group of a sorted table.
select 'order' as kind from fct_orders where order_id = $id
union all
select 'customer' as kind from dim_customer where customer_unique_id = $id
union all
select 'seller' as kind from dim_seller where seller_id = $id
