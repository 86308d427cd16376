-- What the table of segment_customers is measured on (application/table_rows.py: Extremes),
-- without joining every customer of the segment to where they live: for each column
-- `least_<column>` and `greatest_<column>` (a text's longest, twice) and `blank_<column>`
-- (whether it has a null), the row count `rows` and `key_typical`, the length nine ids in ten
-- do not exceed.
-- The longest state and city are looked for among the 1,000 customers with the longest of all
-- (dim_customer holds one row per person): when one of them is in the segment, no customer of
-- it lives in a longer one; when none is, they come back null and the caller measures them
-- on every row instead. The null of a state or city (a customer without an address) is
-- counted as possible (`blank_` true): a bound, wide as the table's blank text.
with scored as not materialized (
    select *
    from mart_customer_rfm as rfm
    where $segment is null or rfm.segment = $segment
),

longest_cities as (
    select customer_unique_id, city
    from dim_customer
    order by length(city) desc nulls last
    limit 1000
),

longest_states as (
    select customer_unique_id, state
    from dim_customer
    order by length(state) desc nulls last
    limit 1000
),

cities as (
    select arg_max(longest.city, length(longest.city)) as city
    from scored
    inner join longest_cities as longest on longest.customer_unique_id = scored.customer_unique_id
),

states as (
    select arg_max(longest.state, length(longest.state)) as state
    from scored
    inner join longest_states as longest on longest.customer_unique_id = scored.customer_unique_id
),

scores as (
    select
        count(*) as rows,
        arg_max(customer_unique_id, length(customer_unique_id)) as least_customer_unique_id,
        arg_max(customer_unique_id, length(customer_unique_id)) as greatest_customer_unique_id,
        count(*) > count(customer_unique_id) as blank_customer_unique_id,
        arg_max(segment, length(segment)) as least_segment,
        arg_max(segment, length(segment)) as greatest_segment,
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
        quantile_disc(length(customer_unique_id), 0.9) as key_typical
    from scored
)

select
    scores.* exclude (key_typical),
    states.state as least_state,
    states.state as greatest_state,
    true as blank_state,
    cities.city as least_city,
    cities.city as greatest_city,
    true as blank_city,
    scores.key_typical
from scores, states, cities
