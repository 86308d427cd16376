-- RFM scores and segment per person. This file is the whole scoring rule, replaceable as a unit
-- (input: int_customer_rfm_measures). R and M: 1 + floor(5 * (rank - 1) / n), ranks ascending so
-- that 5 = most recent / highest spend; F: 1 order -> 1, 2 -> 3, 3 or more -> 5.
with ranked as (
    select
        *,
        rank() over (order by recency_days desc) as recency_rank,
        rank() over (order by monetary) as monetary_rank,
        count(*) over () as customer_count
    from int_customer_rfm_measures
),

scored as (
    select
        *,
        (1 + (5 * (recency_rank - 1)) // customer_count)::integer as r_score,
        (case when frequency >= 3 then 5 when frequency = 2 then 3 else 1 end)::integer as f_score,
        (1 + (5 * (monetary_rank - 1)) // customer_count)::integer as m_score
    from ranked
)

select
    customer_unique_id,
    recency_days,
    frequency,
    monetary,
    r_score,
    f_score,
    m_score,
    case
        when r_score >= 4 and f_score >= 3 then 'Champions'
        when r_score = 3 and f_score >= 3 then 'Loyal Customers'
        when f_score >= 3 then 'At Risk'
        when r_score = 5 then 'New Customers'
        when r_score = 4 then 'Promising'
        when r_score = 3 then 'Need Attention'
        when r_score = 2 then 'About to Sleep'
        else 'Lost'
    end as segment,
    last_purchase_at,
    as_of_at
from scored
