-- The loaded snapshot: which run built it, its as-of date and size, for the status line.
SELECT
    (SELECT value FROM workbench_snapshot WHERE key = 'run_id') AS run_id,
    (SELECT max(purchased_at) FROM fct_orders) AS as_of,
    (SELECT count(*) FROM fct_orders) AS orders,
    (SELECT count(*) FROM fct_order_items) AS items,
    (SELECT count(*) FROM dim_customer) AS customers
