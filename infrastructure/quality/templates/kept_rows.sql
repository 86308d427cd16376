-- The first failing rows to keep, each a struct built from every column of the failing query
-- (not the query's alias, which a column of the same name would stand for).
arg_min(struct_pack(*columns(*)), sample_key, $sample_rows) filter (where failing_weight > 0)
