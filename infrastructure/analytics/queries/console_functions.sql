-- The SQL console's catalogue: the warehouse's table macros (kpi_orders(...)) with their
-- parameters, and every DuckDB function name (built-in ones too) for completion.
SELECT
    function_name AS name,
    any_value(function_type) AS kind,
    any_value(list_aggr(parameters, 'string_agg', ', ')) AS parameters,
    bool_or(NOT internal) AS own,
    coalesce(any_value(comment), any_value(description)) AS description
FROM duckdb_functions()
WHERE regexp_matches(function_name, '^[A-Za-z][A-Za-z0-9_]*$')
GROUP BY function_name
ORDER BY own DESC, name;
