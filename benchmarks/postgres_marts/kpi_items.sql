-- PostgreSQL translation of infrastructure/warehouse/models/marts/kpi_items.sql. The DuckDB table
-- macro kpi_items(from_date, to_date, in_state, in_category) becomes a SQL function of the same
-- name and parameters returning setof mart_kpi_items; this file is its body, as the .sql file is
-- the macro's body in DuckDB. What had to change: the parameters are typed (date, date, text,
-- text), which the script declares; the body is the DuckDB text as it is.
select *
from mart_kpi_items
where
    (from_date is null or purchased_at >= from_date::date)
    and (to_date is null or purchased_at < to_date::date + 1)
    and (in_state is null or customer_state = in_state)
    and (in_category is null or category = in_category)
