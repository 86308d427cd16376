-- Monitors (SQLite): what each run measured (its profile: volumes, column profiles, category
-- counts) and the columns of its source files, as JSON, so later runs learn from the history.
-- IF NOT EXISTS: re-running this file to re-seed the monitors leaves the tables as they are.
CREATE TABLE IF NOT EXISTS run_profiles (
    run_id INTEGER PRIMARY KEY REFERENCES ingestion_runs (run_id) ON DELETE CASCADE,
    metrics TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS run_source_columns (
    run_id INTEGER PRIMARY KEY REFERENCES ingestion_runs (run_id) ON DELETE CASCADE,
    columns TEXT NOT NULL
);

-- The default monitors: rules like the others (severity, threshold, enabled), whose expectation is
-- learned from the previous published runs. Threshold: measurements allowed to leave their history.
-- Settings in params (defaults when absent): sensitivity 3 (standard deviations), direction
-- both (spike, drop), min_change 0.1 (relative), training_runs 10, min_training_runs 5.
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES
    ('monitor.volume.orders', 'orders volume stays within its history', 'volume_monitor', 'fct_orders', '{}', 'warning', 0, TRUE, CURRENT_TIMESTAMP),
    ('monitor.volume.order_items', 'order items volume stays within its history', 'volume_monitor', 'fct_order_items', '{}', 'warning', 0, TRUE, CURRENT_TIMESTAMP),
    ('monitor.volume.payments', 'payments volume stays within its history', 'volume_monitor', 'fct_payments', '{}', 'warning', 0, TRUE, CURRENT_TIMESTAMP),
    ('monitor.volume.reviews', 'reviews volume stays within its history', 'volume_monitor', 'fct_reviews', '{}', 'warning', 0, TRUE, CURRENT_TIMESTAMP),
    ('monitor.volume.customers', 'customers volume stays within its history', 'volume_monitor', 'dim_customer', '{}', 'warning', 0, TRUE, CURRENT_TIMESTAMP),
    ('monitor.volume.products', 'products volume stays within its history', 'volume_monitor', 'dim_product', '{}', 'warning', 0, TRUE, CURRENT_TIMESTAMP),
    ('monitor.volume.sellers', 'sellers volume stays within its history', 'volume_monitor', 'dim_seller', '{}', 'warning', 0, TRUE, CURRENT_TIMESTAMP),
    ('monitor.volume.orders_by_month', 'orders per purchase month stay within their history', 'volume_monitor', 'fct_orders', '{"grain": "month"}', 'warning', 0, TRUE, CURRENT_TIMESTAMP),
    ('monitor.profile.orders', 'order columns (null rate, distinct, min/max/mean, length) stay within their history', 'profile_monitor', 'fct_orders', '{}', 'warning', 0, TRUE, CURRENT_TIMESTAMP),
    ('monitor.profile.order_items', 'order item columns stay within their history', 'profile_monitor', 'fct_order_items', '{}', 'warning', 0, TRUE, CURRENT_TIMESTAMP),
    ('monitor.profile.payments', 'payment columns stay within their history', 'profile_monitor', 'fct_payments', '{}', 'warning', 0, TRUE, CURRENT_TIMESTAMP),
    ('monitor.profile.reviews', 'review columns stay within their history', 'profile_monitor', 'fct_reviews', '{}', 'warning', 0, TRUE, CURRENT_TIMESTAMP),
    ('monitor.profile.customers', 'customer columns stay within their history', 'profile_monitor', 'dim_customer', '{}', 'warning', 0, TRUE, CURRENT_TIMESTAMP),
    ('monitor.profile.products', 'product columns stay within their history', 'profile_monitor', 'dim_product', '{}', 'warning', 0, TRUE, CURRENT_TIMESTAMP),
    ('monitor.distribution.order_status', 'the order status mix stays within its history', 'distribution_monitor', 'fct_orders', '{"column": "order_status"}', 'warning', 0, TRUE, CURRENT_TIMESTAMP),
    ('monitor.distribution.payment_type', 'the payment type mix stays within its history', 'distribution_monitor', 'fct_payments', '{"column": "payment_type"}', 'warning', 0, TRUE, CURRENT_TIMESTAMP),
    ('monitor.distribution.customer_state', 'the customer state mix stays within its history', 'distribution_monitor', 'dim_customer', '{"column": "state"}', 'warning', 0, TRUE, CURRENT_TIMESTAMP),
    ('monitor.distribution.category', 'the product category mix stays within its history', 'distribution_monitor', 'dim_product', '{"column": "category_name"}', 'warning', 0, TRUE, CURRENT_TIMESTAMP),
    ('monitor.schema.source_files', 'no source file gains, loses or retypes a column against the previous run', 'schema_drift', 'source_files', '{}', 'warning', 0, TRUE, CURRENT_TIMESTAMP);
