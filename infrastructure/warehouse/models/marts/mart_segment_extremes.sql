-- What the Segments screen's table of one segment's customers is measured on (its count and
-- each column's widest values), kept at build so that opening a segment reads one row instead
-- of scanning every scored customer: one row per segment with customers. The columns are those
-- of infrastructure/analytics/queries/segment_customers.sql in its order, each as
-- `least_<column>` and `greatest_<column>` (a text's longest, twice) and `blank_<column>`
-- (whether it holds a null), then `rows` and `key_typical` (the length nine ids in ten do not
-- exceed), the layout application/table_rows.py: extremes_from_row reads. Exact: every
-- customer's state and city are counted (mart_customer_rfm carries them). Segments are assigned
-- at build (the rfm_segment rules), never after, so a row cannot go stale. (No row for every scored customer at once: the screen
-- lists one segment's, and a second grouping cost a third more of the model's CPU at scale 10.)
select
    segment,
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
    arg_max(state, length(state)) as least_state,
    arg_max(state, length(state)) as greatest_state,
    count(*) > count(state) as blank_state,
    arg_max(city, length(city)) as least_city,
    arg_max(city, length(city)) as greatest_city,
    count(*) > count(city) as blank_city,
    quantile_disc(length(customer_unique_id), 0.9) as key_typical
from {{ ref('mart_customer_rfm') }}
group by segment
order by segment
