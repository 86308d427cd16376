-- RFM scores and segment per person with at least one order counting as a sale (people whose
-- every order was canceled or unavailable have nothing to score and are left out).
-- The rfm_* macros are the domain's SegmentationService rules, created on the build connection
-- by infrastructure/warehouse/segmentation_sql.py: R and M by quintile of rank (ties share a
-- score, 5 = most recent / highest spend), F by the order-count rule, then the segment map.
-- Stored in customer_unique_id order, so the Explorer reads one row group for a person. With
-- where the person lives (dim_customer's state and city), so a segment's customers are listed
-- without joining them to dim_customer, which reads all its row groups for a page's random ids.
with measures as (
    select
        *,
        rfm_recency_rank_key(recency_days) as recency_key,
        rfm_monetary_rank_key(monetary) as monetary_key
    from {{ ref('int_customer_rfm_measures') }}
),

population as (
    select count(*) as customers
    from measures
),

-- RANK() by key = 1 + the customers whose key is smaller; counted per distinct key (a few
-- hundred recency days, fewer amounts than people) instead of a window over every person.
recency_ranks as (
    select
        recency_key,
        1 + sum(count(*)) over (order by recency_key) - count(*) as recency_rank
    from measures
    group by recency_key
),

monetary_ranks as (
    select
        monetary_key,
        1 + sum(count(*)) over (order by monetary_key) - count(*) as monetary_rank
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
left join {{ ref('dim_customer') }} as customers
    on customers.customer_unique_id = scored.customer_unique_id
order by scored.customer_unique_id
