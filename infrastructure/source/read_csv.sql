-- One source file read with the contract's exact columns and types: no sniffing, strict CSV.
-- Rows DuckDB cannot read go to the reject tables, so the loader can name the first bad line.
-- Timestamps are parsed with the contract's one format, so a fractional second, an offset or a
-- bare date is a bad value rather than rounded, dropped or read as midnight.
-- A view takes no bound parameter: $view, $path, $columns and $timestamp_format are put in
-- quoted (csv_reader.py).
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
    timestampformat = $timestamp_format,
    strict_mode = true,
    store_rejects = true,
    rejects_limit = 100
)
