-- The invariant rules on fct_orders check its flags instead of restating their definitions, so
-- the payment mismatch is defined once (fct_orders.payment_mismatch: payments differ from items +
-- freight by more than 0.01 on an order that has both items and payments, as the domain's
-- Order.payment_mismatch), and orders without items or payments keep rules of their own.
-- A rule whose params someone has edited since is left as they made it.
UPDATE quality_rules
SET
    params = '{"key": ["order_id"], "predicate": "not payment_mismatch", "show": ["order_status", "items_value", "freight_value", "payment_value"]}',
    updated_at = CURRENT_TIMESTAMP
WHERE rule_id = 'invariant.payment_mismatch'
    AND params = '{"key": ["order_id"], "predicate": "item_count = 0 or payment_count = 0 or abs(payment_value - (items_value + freight_value)) <= 0.01", "show": ["order_status", "items_value", "freight_value", "payment_value"]}';
UPDATE quality_rules
SET
    params = '{"key": ["order_id"], "predicate": "not has_no_items", "show": ["order_status", "purchased_at", "payment_value"]}',
    updated_at = CURRENT_TIMESTAMP
WHERE rule_id = 'invariant.no_items'
    AND params = '{"key": ["order_id"], "predicate": "item_count > 0", "show": ["order_status", "purchased_at", "payment_value"]}';
UPDATE quality_rules
SET
    params = '{"key": ["order_id"], "predicate": "not has_no_payments", "show": ["order_status", "purchased_at", "items_value", "freight_value"]}',
    updated_at = CURRENT_TIMESTAMP
WHERE rule_id = 'invariant.no_payments'
    AND params = '{"key": ["order_id"], "predicate": "payment_count > 0", "show": ["order_status", "purchased_at", "items_value", "freight_value"]}';
