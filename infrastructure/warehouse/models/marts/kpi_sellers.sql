-- Table macro kpi_sellers(from_date, to_date, in_states, in_categories): one row per seller taking
-- part in the orders passing the dashboards' filters (kpi_items; NULL = no filter), with the
-- figures of kpi_seller_measures, which holds their definitions, grouped by the integer
-- seller_key every seller has (orphans' included) and named from mart_kpi_sellers.
-- mart_kpi_sellers is it without filters, kept at build: two branches, one of them empty, so
-- without any filter the figures are read from there, not grouped again.
-- depends_on: {{ ref('kpi_seller_measures') }}
select *
from {{ ref('mart_kpi_sellers') }}
where from_date is null and to_date is null and in_states is null and in_categories is null

union all by name

select
    named.seller_id,
    named.seller_state,
    measured.* exclude (seller_key),
    measured.seller_key
from kpi_seller_measures(from_date, to_date, in_states, in_categories) as measured
join {{ ref('mart_kpi_sellers') }} as named on named.seller_key = measured.seller_key
where
    from_date is not null
    or to_date is not null
    or in_states is not null
    or in_categories is not null
