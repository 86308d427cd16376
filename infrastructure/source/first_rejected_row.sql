-- The first row of one file that DuckDB rejected; on that row, a wrong number of fields or a bad
-- quote or encoding explains more than a value that failed to convert.
select
    errors.line,
    errors.byte_position,
    errors.line_byte_position,
    errors.column_name,
    errors.error_type::varchar as error_type,
    errors.csv_line,
    errors.error_message
from reject_errors as errors
join reject_scans as scans
    on scans.scan_id = errors.scan_id and scans.file_id = errors.file_id
where scans.file_path = $file_path
order by errors.line, errors.error_type = 'CAST', errors.byte_position
limit 1
