-- PostgreSQL translation of infrastructure/warehouse/models/marts/mart_segment_extremes.sql
-- (sha256 8265b220b16b). The dialects differ in:
-- - arg_max(text, length(text)) (a longest text) has no PostgreSQL aggregate: the first of the
--   non-null texts ordered longest first; among texts of the same length either side may keep
--   a different one, so the side-by-side compares this table's texts by their length
--   (COMPARED_BY_LENGTH in benchmarks/postgres_side_by_side.py);
-- - quantile_disc(x, 0.9) is percentile_disc(0.9) within group (order by x).
select
    segment,
    count(*) as rows,
    (array_agg(customer_unique_id order by length(customer_unique_id) desc) filter (where customer_unique_id is not null))[1] as least_customer_unique_id,
    (array_agg(customer_unique_id order by length(customer_unique_id) desc) filter (where customer_unique_id is not null))[1] as greatest_customer_unique_id,
    count(*) > count(customer_unique_id) as blank_customer_unique_id,
    (array_agg(segment order by length(segment) desc) filter (where segment is not null))[1] as least_segment,
    (array_agg(segment order by length(segment) desc) filter (where segment is not null))[1] as greatest_segment,
    count(*) > count(segment) as blank_segment,
    min(recency_days) as least_recency_days,
    max(recency_days) as greatest_recency_days,
    count(*) > count(recency_days) as blank_recency_days,
    min(frequency) as least_frequency,
    max(frequency) as greatest_frequency,
    count(*) > count(frequency) as blank_frequency,
    min(monetary) as least_monetary,
    max(monetary) as greatest_monetary,
    count(*) > count(monetary) as blank_monetary,
    min(r_score) as least_r_score,
    max(r_score) as greatest_r_score,
    count(*) > count(r_score) as blank_r_score,
    min(f_score) as least_f_score,
    max(f_score) as greatest_f_score,
    count(*) > count(f_score) as blank_f_score,
    min(m_score) as least_m_score,
    max(m_score) as greatest_m_score,
    count(*) > count(m_score) as blank_m_score,
    min(last_purchase_at) as least_last_purchase_at,
    max(last_purchase_at) as greatest_last_purchase_at,
    count(*) > count(last_purchase_at) as blank_last_purchase_at,
    (array_agg(state order by length(state) desc) filter (where state is not null))[1] as least_state,
    (array_agg(state order by length(state) desc) filter (where state is not null))[1] as greatest_state,
    count(*) > count(state) as blank_state,
    (array_agg(city order by length(city) desc) filter (where city is not null))[1] as least_city,
    (array_agg(city order by length(city) desc) filter (where city is not null))[1] as greatest_city,
    count(*) > count(city) as blank_city,
    percentile_disc(0.9) within group (order by length(customer_unique_id)) as key_typical
from mart_customer_rfm
group by segment
order by segment
