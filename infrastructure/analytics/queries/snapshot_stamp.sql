-- The loaded snapshot: which run built it, its as-of date (the RFM's, never a purchase date the
-- export cannot hold) and size, for the status line.
SELECT
    (SELECT value FROM workbench_snapshot WHERE key = 'run_id') AS run_id,
    (SELECT max(as_of_at) FROM mart_customer_rfm) AS as_of,
    (SELECT count(*) FROM fct_orders) AS orders,
    (SELECT count(*) FROM fct_order_items) AS items,
    (SELECT count(*) FROM dim_customer) AS customers
