-- Tables and views of the checked warehouse with their columns and estimated rows (views: 0):
-- the only identifiers rules may use, and the size used to start the biggest checks first.
select columns.table_name, columns.column_name, coalesce(tables.estimated_size, 0) as rows
from duckdb_columns() as columns
left join duckdb_tables() as tables
    on tables.database_name = columns.database_name
    and tables.schema_name = columns.schema_name
    and tables.table_name = columns.table_name
where columns.database_name = current_database()
order by columns.table_name, columns.column_index
