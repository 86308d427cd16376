-- PostgreSQL translation of infrastructure/warehouse/models/marts/mart_customer_rfm.sql
-- (sha256 4942007cf29e). The dialects differ in:
-- - the rfm_* DuckDB macros become PostgreSQL SQL functions (immutable, inlined by the planner)
--   of the same names, which benchmarks/postgres_side_by_side.py creates from the same domain
--   rules (infrastructure/warehouse/segmentation_sql.py, dialect "postgres"), not copied here;
--   the dialects differ only in integer division: DuckDB's `//`, PostgreSQL's `/` on bigint;
-- - sum(count(*)) over (...) is numeric in PostgreSQL (HUGEINT in DuckDB): the ranks are cast
--   to bigint so that rfm_quintile_score(bigint, bigint) divides integers.
with measures as (
    select
        *,
        rfm_recency_rank_key(recency_days) as recency_key,
        rfm_monetary_rank_key(monetary) as monetary_key
    from int_customer_rfm_measures
),

population as (
    select count(*) as customers
    from measures
),

recency_ranks as (
    select
        recency_key,
        (1 + sum(count(*)) over (order by recency_key) - count(*))::bigint as recency_rank
    from measures
    group by recency_key
),

monetary_ranks as (
    select
        monetary_key,
        (1 + sum(count(*)) over (order by monetary_key) - count(*))::bigint as monetary_rank
    from measures
    group by monetary_key
),

scored as (
    select
        measures.*,
        rfm_quintile_score(recency_ranks.recency_rank, population.customers)::integer as r_score,
        rfm_frequency_score(measures.frequency)::integer as f_score,
        rfm_quintile_score(monetary_ranks.monetary_rank, population.customers)::integer as m_score
    from measures
    cross join population
    inner join recency_ranks on recency_ranks.recency_key = measures.recency_key
    inner join monetary_ranks on monetary_ranks.monetary_key = measures.monetary_key
)

select
    scored.customer_unique_id,
    scored.recency_days,
    scored.frequency,
    scored.monetary,
    scored.r_score,
    scored.f_score,
    scored.m_score,
    rfm_segment(scored.r_score, scored.f_score, scored.m_score) as segment,
    scored.last_purchase_at,
    scored.as_of_at,
    customers.state,
    customers.city
from scored
left join dim_customer as customers
    on customers.customer_unique_id = scored.customer_unique_id
order by scored.customer_unique_id
