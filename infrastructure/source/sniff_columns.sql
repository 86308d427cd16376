-- The columns of one CSV file and the types DuckDB's sniffer reads from a sample of its rows,
-- its dialect sniffed too: for a file not written in the contract's (sniff_columns_in_dialect.sql).
select Columns from sniff_csv($path, sample_size = 20480)
