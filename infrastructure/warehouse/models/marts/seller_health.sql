-- seller_health(on_time_rate, mean_review_score, not_fulfilled_rate, on_time_weight,
-- review_weight, cancellation_weight): the domain's SellerHealth score
-- (domain/services/seller_health.py), its weights bound by the caller from it: 100 × the weighted
-- mean of the on-time rate, (mean review − 1) / 4 and 1 − the not-fulfilled rate, over the parts
-- known (a NULL rate is left out), so a score lies between 0 and 100.
100 * (
    on_time_weight * coalesce(on_time_rate, 0)
    + review_weight * coalesce((mean_review_score - 1) / 4, 0)
    + cancellation_weight * (1 - not_fulfilled_rate)
) / (
    on_time_weight * (on_time_rate is not null)::int
    + review_weight * (mean_review_score is not null)::int
    + cancellation_weight
)
