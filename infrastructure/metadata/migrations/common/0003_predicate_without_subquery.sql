-- Expression rules are parsed before they run, and a predicate may not hold a subquery: the
-- nearly-empty-months rule compares each month with a window over its own model instead. A rule
-- whose predicate a team has edited since keeps its text.
UPDATE quality_rules
SET params = '{"key": ["month"], "predicate": "orders >= 0.05 * avg(orders) over ()", "show": ["orders", "gmv"]}'
WHERE rule_id = 'orders.monthly_volume'
    AND params = '{"key": ["month"], "predicate": "orders >= 0.05 * (select avg(orders) from mart_kpi_monthly)", "show": ["orders", "gmv"]}';
