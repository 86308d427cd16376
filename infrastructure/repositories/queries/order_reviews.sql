-- Every review of the wanted orders; a review_id shared by two orders appears under both.
-- $key_column is order_id (one order) or customer_key (a person's orders): see FactKey.
-- $order_ids are the wanted orders' ids (order_headers' answer): the facts are stored in order_id
-- order, so DuckDB reads only the row groups that can hold them.
select
    order_id,
    review_id,
    review_score,
    created_at,
    answered_at,
    comment_title,
    comment_message
from fct_reviews
where $key_column = $key and order_id = any($order_ids)
