-- The default quality rule catalogue: plain INSERTs that both dialects run as they are.
-- Rules are data: severity, threshold and enabled are edited later in the Quality screen.
-- Threshold: failing rows allowed, as a count (>= 1) or a share of the rows checked (< 1).
-- Severities: broken keys and reconciliation are critical (they block publishing); the
-- documented anomalies of the real Olist export are warnings, so the real data publishes.
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'orders.key.unique',
    'each order appears once (order_id is unique)',
    'unique', 'fct_orders',
    '{"columns": ["order_id"]}',
    'critical', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'orders.key.not_null',
    'every order has its order_id',
    'not_null', 'fct_orders',
    '{"columns": ["order_id"], "key": ["order_id"], "show": ["customer_id", "order_status", "purchased_at"]}',
    'critical', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'order_items.key.unique',
    'each order item appears once (order_id, order_item_id is unique)',
    'unique', 'fct_order_items',
    '{"columns": ["order_id", "order_item_id"]}',
    'critical', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'order_items.key.not_null',
    'every order item has its order_id and order_item_id',
    'not_null', 'fct_order_items',
    '{"columns": ["order_id", "order_item_id"], "key": ["order_id", "order_item_id"], "show": ["product_id", "seller_id", "price"]}',
    'critical', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'payments.key.unique',
    'each payment appears once (order_id, payment_sequential is unique)',
    'unique', 'fct_payments',
    '{"columns": ["order_id", "payment_sequential"]}',
    'critical', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'payments.key.not_null',
    'every payment has its order_id and payment_sequential',
    'not_null', 'fct_payments',
    '{"columns": ["order_id", "payment_sequential"], "key": ["order_id", "payment_sequential"], "show": ["payment_type", "payment_value"]}',
    'critical', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'reviews.key.unique',
    'each review of an order appears once (review_id, order_id is unique)',
    'unique', 'fct_reviews',
    '{"columns": ["review_id", "order_id"]}',
    'critical', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'reviews.key.not_null',
    'every review of an order has its review_id and order_id',
    'not_null', 'fct_reviews',
    '{"columns": ["review_id", "order_id"], "key": ["review_id", "order_id"], "show": ["review_score", "created_at"]}',
    'critical', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'customers.key.unique',
    'each customer account appears once (customer_id is unique)',
    'unique', 'stg_customers',
    '{"columns": ["customer_id"]}',
    'critical', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'customers.key.not_null',
    'every customer account has its customer_id',
    'not_null', 'stg_customers',
    '{"columns": ["customer_id"], "key": ["customer_id"], "show": ["customer_unique_id", "customer_zip_code_prefix", "customer_state"]}',
    'critical', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'customers.person.not_null',
    'every customer account belongs to a person (customer_unique_id)',
    'not_null', 'stg_customers',
    '{"columns": ["customer_unique_id"], "key": ["customer_id"], "show": ["customer_zip_code_prefix", "customer_state"]}',
    'critical', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'people.key.unique',
    'each person (customer_unique_id) appears once among customers',
    'unique', 'dim_customer',
    '{"columns": ["customer_unique_id"]}',
    'critical', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'products.key.unique',
    'each product appears once (product_id is unique)',
    'unique', 'dim_product',
    '{"columns": ["product_id"]}',
    'critical', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'products.key.not_null',
    'every product has its product_id',
    'not_null', 'dim_product',
    '{"columns": ["product_id"], "key": ["product_id"], "show": ["category_name", "weight_g"]}',
    'critical', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'sellers.key.unique',
    'each seller appears once (seller_id is unique)',
    'unique', 'dim_seller',
    '{"columns": ["seller_id"]}',
    'critical', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'sellers.key.not_null',
    'every seller has its seller_id',
    'not_null', 'dim_seller',
    '{"columns": ["seller_id"], "key": ["seller_id"], "show": ["zip_code_prefix", "city", "state"]}',
    'critical', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'categories.key.unique',
    'each category has one English translation',
    'unique', 'stg_category_translation',
    '{"columns": ["product_category_name"]}',
    'error', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'geography.key.unique',
    'each zip code prefix appears once in the geography',
    'unique', 'dim_geography',
    '{"columns": ["zip_code_prefix"]}',
    'critical', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'order_items.order.exists',
    'every order item belongs to a known order',
    'relationship', 'fct_order_items',
    '{"columns": ["order_id"], "key": ["order_id", "order_item_id"], "show": ["product_id", "price"], "to_columns": ["order_id"], "to_model": "fct_orders"}',
    'critical', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'order_items.product.exists',
    'every order item is a known product',
    'relationship', 'fct_order_items',
    '{"columns": ["product_id"], "key": ["order_id", "order_item_id"], "show": ["product_id", "price"], "to_columns": ["product_id"], "to_model": "dim_product"}',
    'critical', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'order_items.seller.exists',
    'every order item is sold by a known seller',
    'relationship', 'fct_order_items',
    '{"columns": ["seller_id"], "key": ["order_id", "order_item_id"], "show": ["seller_id", "price"], "to_columns": ["seller_id"], "to_model": "dim_seller"}',
    'critical', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'orders.customer.exists',
    'every order was placed by a known customer account',
    'relationship', 'fct_orders',
    '{"columns": ["customer_id"], "key": ["order_id"], "show": ["customer_id", "purchased_at"], "to_columns": ["customer_id"], "to_model": "stg_customers"}',
    'critical', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'payments.order.exists',
    'every payment belongs to a known order',
    'relationship', 'fct_payments',
    '{"columns": ["order_id"], "key": ["order_id", "payment_sequential"], "show": ["payment_type", "payment_value"], "to_columns": ["order_id"], "to_model": "fct_orders"}',
    'critical', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'reviews.order.exists',
    'every review is about a known order',
    'relationship', 'fct_reviews',
    '{"columns": ["order_id"], "key": ["review_id", "order_id"], "show": ["review_score", "created_at"], "to_columns": ["order_id"], "to_model": "fct_orders"}',
    'critical', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'customers.zip.geolocated',
    'every customer''s zip code prefix has geolocation points',
    'relationship', 'stg_customers',
    '{"columns": ["customer_zip_code_prefix"], "key": ["customer_id"], "show": ["customer_zip_code_prefix", "customer_city", "customer_state"], "to_columns": ["geolocation_zip_code_prefix"], "to_model": "stg_geolocation"}',
    'warning', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'sellers.zip.geolocated',
    'every seller''s zip code prefix has geolocation points',
    'relationship', 'dim_seller',
    '{"columns": ["zip_code_prefix"], "key": ["seller_id"], "show": ["zip_code_prefix", "city", "state"], "to_columns": ["geolocation_zip_code_prefix"], "to_model": "stg_geolocation"}',
    'warning', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'orders.status.accepted',
    'order status is one of the 8 known statuses',
    'accepted_values', 'fct_orders',
    '{"column": "order_status", "key": ["order_id"], "show": ["purchased_at"], "values": ["created", "approved", "invoiced", "processing", "shipped", "delivered", "canceled", "unavailable"]}',
    'error', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'payments.type.accepted',
    'payment type is credit_card, boleto, voucher, debit_card or not_defined',
    'accepted_values', 'fct_payments',
    '{"column": "payment_type", "key": ["order_id", "payment_sequential"], "show": ["payment_value"], "values": ["credit_card", "boleto", "voucher", "debit_card", "not_defined"]}',
    'error', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'reviews.score.accepted',
    'review score is a whole number from 1 to 5',
    'accepted_values', 'fct_reviews',
    '{"column": "review_score", "key": ["review_id", "order_id"], "show": [], "values": ["1", "2", "3", "4", "5"]}',
    'error', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'customers.state.accepted',
    'customer state is one of Brazil''s 27 UF codes',
    'accepted_values', 'stg_customers',
    '{"column": "customer_state", "key": ["customer_id"], "show": ["customer_city"], "values": ["AC", "AL", "AM", "AP", "BA", "CE", "DF", "ES", "GO", "MA", "MG", "MS", "MT", "PA", "PB", "PE", "PI", "PR", "RJ", "RN", "RO", "RR", "RS", "SC", "SE", "SP", "TO"]}',
    'error', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'sellers.state.accepted',
    'seller state is one of Brazil''s 27 UF codes',
    'accepted_values', 'dim_seller',
    '{"column": "state", "key": ["seller_id"], "show": ["city"], "values": ["AC", "AL", "AM", "AP", "BA", "CE", "DF", "ES", "GO", "MA", "MG", "MS", "MT", "PA", "PB", "PE", "PI", "PR", "RJ", "RN", "RO", "RR", "RS", "SC", "SE", "SP", "TO"]}',
    'error', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'order_items.price.positive',
    'item price is above zero',
    'range', 'fct_order_items',
    '{"column": "price", "key": ["order_id", "order_item_id"], "min": 0, "min_inclusive": false, "show": ["product_id"]}',
    'error', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'order_items.freight.not_negative',
    'freight is zero or more',
    'range', 'fct_order_items',
    '{"column": "freight_value", "key": ["order_id", "order_item_id"], "min": 0, "min_inclusive": true, "show": ["product_id"]}',
    'error', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'payments.value.not_negative',
    'payment value is zero or more',
    'range', 'fct_payments',
    '{"column": "payment_value", "key": ["order_id", "payment_sequential"], "min": 0, "min_inclusive": true, "show": ["payment_type"]}',
    'error', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'payments.value.not_zero',
    'payment value is above zero (zero-value payments)',
    'range', 'fct_payments',
    '{"column": "payment_value", "key": ["order_id", "payment_sequential"], "min": 0, "min_inclusive": false, "show": ["payment_type"]}',
    'warning', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'payments.installments.at_least_one',
    'a payment has at least one installment',
    'range', 'fct_payments',
    '{"column": "payment_installments", "key": ["order_id", "payment_sequential"], "min": 1, "min_inclusive": true, "show": ["payment_type", "payment_value"]}',
    'warning', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'geolocation.latitude.in_brazil',
    'geolocation latitude lies inside Brazil (-33.75 to 5.27)',
    'range', 'stg_geolocation',
    '{"column": "geolocation_lat", "key": ["geolocation_zip_code_prefix"], "max": 5.27, "max_inclusive": true, "min": -33.75, "min_inclusive": true, "show": ["geolocation_lng", "geolocation_city", "geolocation_state"]}',
    'warning', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'geolocation.longitude.in_brazil',
    'geolocation longitude lies inside Brazil (-73.99 to -28.84)',
    'range', 'stg_geolocation',
    '{"column": "geolocation_lng", "key": ["geolocation_zip_code_prefix"], "max": -28.84, "max_inclusive": true, "min": -73.99, "min_inclusive": true, "show": ["geolocation_lat", "geolocation_city", "geolocation_state"]}',
    'warning', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'invariant.payment_mismatch',
    'payments cover items plus freight within 0.01 (orders with items and payments)',
    'expression', 'fct_orders',
    '{"key": ["order_id"], "predicate": "item_count = 0 or payment_count = 0 or abs(payment_value - (items_value + freight_value)) <= 0.01", "show": ["order_status", "items_value", "freight_value", "payment_value"]}',
    'warning', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'invariant.delivered_without_date',
    'a delivered order has a delivery date',
    'expression', 'fct_orders',
    '{"key": ["order_id"], "predicate": "order_status <> ''delivered'' or delivered_customer_at is not null", "show": ["order_status", "purchased_at", "delivered_carrier_at", "delivered_customer_at"]}',
    'warning', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'invariant.canceled_with_delivery_date',
    'a canceled order has no delivery date',
    'expression', 'fct_orders',
    '{"key": ["order_id"], "predicate": "order_status <> ''canceled'' or delivered_customer_at is null", "show": ["order_status", "purchased_at", "delivered_customer_at"]}',
    'warning', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'invariant.timeline_out_of_order',
    'purchase <= approval <= carrier pickup <= delivery (where known)',
    'expression', 'fct_orders',
    '{"key": ["order_id"], "predicate": "approved_at >= purchased_at and delivered_carrier_at >= purchased_at and delivered_customer_at >= purchased_at and delivered_carrier_at >= approved_at and delivered_customer_at >= approved_at and delivered_customer_at >= delivered_carrier_at", "show": ["order_status", "purchased_at", "approved_at", "delivered_carrier_at", "delivered_customer_at"]}',
    'warning', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'invariant.review_answered_before_created',
    'a review is answered after it was created',
    'expression', 'fct_reviews',
    '{"key": ["review_id", "order_id"], "predicate": "answered_at >= created_at", "show": ["created_at", "answered_at"]}',
    'warning', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'invariant.no_items',
    'every order has at least one item',
    'expression', 'fct_orders',
    '{"key": ["order_id"], "predicate": "item_count > 0", "show": ["order_status", "purchased_at", "payment_value"]}',
    'warning', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'invariant.no_payments',
    'every order has at least one payment',
    'expression', 'fct_orders',
    '{"key": ["order_id"], "predicate": "payment_count > 0", "show": ["order_status", "purchased_at", "items_value", "freight_value"]}',
    'warning', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'reviews.review_id.unique',
    'a review id belongs to one order only (duplicate review ids)',
    'unique', 'fct_reviews',
    '{"columns": ["review_id"]}',
    'warning', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'reviews.one_per_order',
    'an order has at most one review',
    'unique', 'fct_reviews',
    '{"columns": ["order_id"]}',
    'warning', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'geolocation.duplicate_rows',
    'geolocation rows are not exact duplicates',
    'unique', 'stg_geolocation',
    '{"columns": ["geolocation_zip_code_prefix", "geolocation_lat", "geolocation_lng", "geolocation_city", "geolocation_state"]}',
    'warning', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'products.category.not_null',
    'every product has a category',
    'not_null', 'dim_product',
    '{"columns": ["category_name"], "key": ["product_id"], "show": ["weight_g"]}',
    'warning', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'categories.translation.coverage',
    'every product category has an English translation',
    'expression', 'dim_category',
    '{"key": ["category_name"], "predicate": "is_translated", "show": ["product_count"]}',
    'warning', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'orders.monthly_volume',
    'each month has at least 5% of the average monthly orders (nearly empty months)',
    'expression', 'mart_kpi_monthly',
    '{"key": ["month"], "predicate": "orders >= 0.05 * (select avg(orders) from mart_kpi_monthly)", "show": ["orders", "gmv"]}',
    'info', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'orders.volume',
    'orders did not drop by more than 10% since the previous published run',
    'row_count_change', 'fct_orders',
    '{"direction": "decrease"}',
    'error', 0.1, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'order_items.volume',
    'order items did not drop by more than 10% since the previous published run',
    'row_count_change', 'fct_order_items',
    '{"direction": "decrease"}',
    'error', 0.1, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'payments.volume',
    'payments did not drop by more than 10% since the previous published run',
    'row_count_change', 'fct_payments',
    '{"direction": "decrease"}',
    'error', 0.1, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'reviews.volume',
    'reviews did not drop by more than 10% since the previous published run',
    'row_count_change', 'fct_reviews',
    '{"direction": "decrease"}',
    'error', 0.1, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'customers.volume',
    'customer accounts did not drop by more than 10% since the previous published run',
    'row_count_change', 'stg_customers',
    '{"direction": "decrease"}',
    'error', 0.1, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'orders.freshness',
    'the latest purchase is at most 30 days old when checked',
    'freshness', 'fct_orders',
    '{"column": "purchased_at", "key": ["order_id"], "max_age_days": 30}',
    'info', 0, TRUE, CURRENT_TIMESTAMP
);
INSERT INTO quality_rules
    (rule_id, description, kind, model, params, severity, threshold, enabled, updated_at)
VALUES (
    'reconciliation.source_to_warehouse',
    'orders, items price, freight and payments in the warehouse equal the source files, to the cent',
    'reconciliation', 'source -> facts',
    '{}',
    'critical', 0, TRUE, CURRENT_TIMESTAMP
);
