-- One row of measures of a table's columns (null rate, distinct count, min/max/mean of numbers
-- and times, mean length of text), one aggregate pass; profile.py names each measure.
select $measures from $table
