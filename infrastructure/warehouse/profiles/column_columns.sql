-- The profiled tables' columns and their types, in table order.
select table_name, column_name, data_type
from information_schema.columns
where table_catalog = current_database() and table_name in $tables
order by table_name, ordinal_position
