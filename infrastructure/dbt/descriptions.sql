-- What the public contract says each table, column and macro is: the COMMENT ON statements of
-- comments.sql, read back from a warehouse built without rows (dry_build.py).
select table_name as name, null as column_name, comment
from duckdb_tables()
where database_name = current_database() and comment is not null
union all
select table_name, column_name, comment
from duckdb_columns()
where database_name = current_database() and comment is not null
union all
select distinct function_name, null, comment
from duckdb_functions()
where database_name = current_database() and schema_name = 'main' and comment is not null
