-- Every review of the wanted orders; a review_id shared by two orders appears under both.
select
    order_id,
    review_id,
    review_score,
    created_at,
    answered_at,
    comment_title,
    comment_message
from fct_reviews
where order_id in (select unnest($order_ids))
