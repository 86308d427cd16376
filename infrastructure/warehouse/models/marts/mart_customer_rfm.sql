-- RFM scores and segment per person with at least one order counting as a sale (people whose
-- every order was canceled or unavailable have nothing to score and are left out).
-- The rfm_* macros are the domain's SegmentationService rules, created on the build connection
-- by infrastructure/warehouse/segmentation_rules.py: R and M by quintile of rank (ties share a
-- score, 5 = most recent / highest spend), F by the order-count rule, then the segment map.
with scored as (
    select
        *,
        rfm_recency_score(recency_days)::integer as r_score,
        rfm_frequency_score(frequency)::integer as f_score,
        rfm_monetary_score(monetary)::integer as m_score
    from int_customer_rfm_measures
)

select
    customer_unique_id,
    recency_days,
    frequency,
    monetary,
    r_score,
    f_score,
    m_score,
    rfm_segment(r_score, f_score, m_score) as segment,
    last_purchase_at,
    as_of_at
from scored
