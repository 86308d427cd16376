-- The SQL console's catalogue: every table and view of the published warehouse, with its
-- row count (a table's stored cardinality; a view's is counted only when asked) and comment.
SELECT table_name AS name, 'table' AS kind, estimated_size AS row_count, comment
FROM duckdb_tables()
WHERE database_name = current_database() AND NOT internal AND schema_name = 'main'
UNION ALL
SELECT view_name, 'view', NULL, comment
FROM duckdb_views()
WHERE database_name = current_database() AND NOT internal AND schema_name = 'main'
ORDER BY name;
