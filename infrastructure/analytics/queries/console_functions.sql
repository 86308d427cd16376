-- The SQL console's catalogue: DuckDB's built-in function names for completion, read once a
-- process (the warehouse's own macros are read per snapshot: console_own_functions).
SELECT
    function_name AS name,
    any_value(function_type) AS kind,
    any_value(list_aggr(parameters, 'string_agg', ', ')) AS parameters,
    false AS own,
    coalesce(any_value(comment), any_value(description)) AS description
FROM duckdb_functions()
WHERE internal AND regexp_matches(function_name, '^[A-Za-z][A-Za-z0-9_]*$')
GROUP BY function_name
ORDER BY name;
