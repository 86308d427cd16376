-- The SQL console's catalogue: the columns of every table and view, in their order.
SELECT table_name, column_name, data_type, comment
FROM duckdb_columns()
WHERE database_name = current_database() AND NOT internal AND schema_name = 'main'
ORDER BY table_name, column_index;
