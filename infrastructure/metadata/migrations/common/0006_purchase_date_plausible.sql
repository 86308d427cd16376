-- A purchase date before Olist's first sales (2016) or after the export's latest recorded event
-- plus the tolerance (`purchase_date_tolerance_days`) is a finding at severity error: such a date
-- is kept, flagged by fct_orders.is_purchase_date_implausible, and never the RFM as-of moment.
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'orders.purchase_date.plausible',
    'each purchase date lies between 2016 and the export''s latest recorded event (plus the tolerance)',
    'expression', 'fct_orders',
    '{"key": ["order_id"], "predicate": "not is_purchase_date_implausible", "show": ["order_status", "purchased_at", "approved_at", "delivered_customer_at"]}',
    'error', 0, TRUE, CURRENT_TIMESTAMP
);
