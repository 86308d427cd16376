-- The fact and dimension tables of the checked warehouse with each column's type, in order:
-- what the rule suggestions profile (surrogate *_key columns are numbered per snapshot: skipped).
select table_name, column_name, data_type
from duckdb_columns()
where database_name = current_database()
    and (table_name like 'fct\_%' escape '\' or table_name like 'dim\_%' escape '\')
    and column_name not like '%\_key' escape '\'
order by table_name, column_index
