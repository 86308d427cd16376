-- The SQL console's catalogue: the warehouse's own functions and macros (kpi_orders(...)),
-- read for each snapshot (DuckDB's built-in ones do not change with it: console_functions).
SELECT
    function_name AS name,
    any_value(function_type) AS kind,
    any_value(list_aggr(parameters, 'string_agg', ', ')) AS parameters,
    true AS own,
    coalesce(any_value(comment), any_value(description)) AS description
FROM duckdb_functions()
WHERE NOT internal AND regexp_matches(function_name, '^[A-Za-z][A-Za-z0-9_]*$')
GROUP BY function_name
ORDER BY name;
