-- Customers, revenue and mean recency / frequency / monetary per segment of mart_customer_rfm,
-- with each segment's share of all scored customers and of their revenue.
select
    segment,
    count(*) as customers,
    count(*) / sum(count(*)) over () as customer_share,
    sum(monetary)::decimal(18, 2) as revenue,
    sum(monetary)::double / sum(sum(monetary)) over () as revenue_share,
    avg(recency_days) as mean_recency_days,
    avg(frequency) as mean_frequency,
    money_mean(sum(monetary), count(*)) as mean_monetary
from mart_customer_rfm
group by segment
