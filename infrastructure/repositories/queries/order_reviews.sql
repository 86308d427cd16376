-- Every review of the wanted orders; a review_id shared by two orders appears under both.
-- $key_column is order_id (one order) or customer_key (a person's orders): see FactKey.
select
    order_id,
    review_id,
    review_score,
    created_at,
    answered_at,
    comment_title,
    comment_message
from fct_reviews
where $key_column = $key
