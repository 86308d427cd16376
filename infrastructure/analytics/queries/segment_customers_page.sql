-- Rows $offset to $offset + $limit of segment_customers (the same columns, order and rows):
-- the page is taken from the scores first, and only its customers are looked up for where
-- they live (joining every customer of the segment first cost twice as long at scale 10).
with page as (
    select
        rfm.customer_unique_id,
        rfm.segment,
        rfm.recency_days,
        rfm.frequency,
        rfm.monetary,
        rfm.r_score,
        rfm.f_score,
        rfm.m_score,
        rfm.last_purchase_at
    from mart_customer_rfm as rfm
    where $segment is null or rfm.segment = $segment
    order by rfm.monetary desc, rfm.customer_unique_id
    limit $limit offset $offset
)
select page.*, customers.state, customers.city
from page
left join dim_customer as customers on customers.customer_unique_id = page.customer_unique_id
order by page.monetary desc, page.customer_unique_id
