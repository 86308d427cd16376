-- The temp view a staging model reads a source file through (src_<table>, text_<table>).
create or replace temp view $view as
select * from $reader
