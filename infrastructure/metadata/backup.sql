-- Metadata backup and restore (issue 20): the same statements for every table, whose names come
-- from the store's own catalogue (checked and quoted, never a user's text).
-- Each query starts with "-- name: <query name>"; parameters are written $name.

-- name: tables_sqlite
SELECT name FROM sqlite_master
WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'schema_version'
ORDER BY name;

-- name: tables_postgres
SELECT table_name FROM information_schema.tables
WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
  AND table_name <> 'schema_version'
ORDER BY table_name;

-- name: columns_sqlite
SELECT name, lower(type) FROM pragma_table_info($table) ORDER BY cid;

-- name: columns_postgres
SELECT column_name, data_type FROM information_schema.columns
WHERE table_schema = current_schema() AND table_name = $table
ORDER BY ordinal_position;

-- name: identity_postgres
SELECT column_name FROM information_schema.columns
WHERE table_schema = current_schema() AND table_name = $table AND is_identity = 'YES';

-- name: select_all
SELECT $columns FROM $table_ref ORDER BY 1;

-- name: count_rows
SELECT count(*) FROM $table_ref;

-- name: delete_all
DELETE FROM $table_ref;

-- name: insert_row
INSERT INTO $table_ref ($columns) VALUES ($values);

-- name: reset_identity_postgres
SELECT setval(
    pg_get_serial_sequence($table, $column),
    COALESCE((SELECT MAX($column_ref) FROM $table_ref), 0) + 1,
    false
);
