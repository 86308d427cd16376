-- One source file read with the contract's exact columns and types: no sniffing, strict CSV.
-- Timestamps are parsed with the contract's one format, so a fractional second, an offset or a
-- bare date is a bad value rather than rounded, dropped or read as midnight. The builder adds
-- $keep_rejects (rows DuckDB cannot read go to the reject tables, so it can name the first bad
-- line); without it a bad row stops the query (the dbt project's sources).
-- $path, $columns and $timestamp_format are put in quoted (csv_reader.py): a view and a dbt
-- source take no bound parameter.
read_csv(
    $path,
    columns = $columns,
    header = true,
    delim = ',',
    quote = '"',
    escape = '"',
    auto_detect = false,
    timestampformat = $timestamp_format,
    strict_mode = true$keep_rejects
)
