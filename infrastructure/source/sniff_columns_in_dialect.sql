-- The columns of one CSV file and the types DuckDB's sniffer reads from a sample of its rows,
-- the file read in the contract's dialect (read_csv.sql): the sniffer then only guesses types,
-- not also the delimiter, quote and escape of every candidate dialect (half its CPU).
select Columns from sniff_csv(
    $path, sample_size = 20480, header = true, delim = ',', quote = '"', escape = '"'
)
