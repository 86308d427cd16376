-- The loaded snapshot: which run built it, its as-of moment (the RFM's, never a purchase date
-- the export cannot hold, stamped at build so no mart is scanned) and size, for the status line.
SELECT
    (SELECT value FROM workbench_snapshot WHERE key = 'run_id') AS run_id,
    (SELECT value::TIMESTAMP FROM workbench_snapshot WHERE key = 'as_of') AS as_of,
    (SELECT count(*) FROM fct_orders) AS orders,
    (SELECT count(*) FROM fct_order_items) AS items,
    (SELECT count(*) FROM dim_customer) AS customers
