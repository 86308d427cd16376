-- Does the file hold a value its column's type could keep only by rounding it? The file is read
-- as text (the view text_<table>); $written_exactly is each such column matching how the
-- contract says it must be written (contract.py EXACT_TEXT), or empty.
select exists (
    select 1
    from $view
    where not ($written_exactly)
)
