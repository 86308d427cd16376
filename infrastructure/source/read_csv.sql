-- One source file read with the contract's exact columns and types: no sniffing, strict CSV.
-- Rows DuckDB cannot read go to the reject tables, so the loader can name the first bad line.
-- A view takes no bound parameter: $view, $path and $columns are put in quoted (csv_reader.py).
create or replace temp view $view as
select *
from read_csv(
    $path,
    columns = $columns,
    header = true,
    delim = ',',
    quote = '"',
    escape = '"',
    auto_detect = false,
    strict_mode = true,
    store_rejects = true,
    rejects_limit = 100
)
