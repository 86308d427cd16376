-- Rows $offset to $offset + $limit of segment_customers (the same columns, order and rows).
select
    rfm.customer_unique_id,
    rfm.segment,
    rfm.recency_days,
    rfm.frequency,
    rfm.monetary,
    rfm.r_score,
    rfm.f_score,
    rfm.m_score,
    rfm.last_purchase_at,
    rfm.state,
    rfm.city
from mart_customer_rfm as rfm
where $segment is null or rfm.segment = $segment
order by rfm.monetary desc, rfm.customer_unique_id
limit $limit offset $offset
