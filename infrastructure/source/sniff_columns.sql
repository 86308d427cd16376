-- The columns of one CSV file and the types DuckDB's sniffer reads from a sample of its rows.
select Columns from sniff_csv($path, sample_size = 20480)
