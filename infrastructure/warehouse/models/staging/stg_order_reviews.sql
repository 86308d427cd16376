-- One row per (review_id, order_id): a review_id may serve several orders, an order several reviews.
select
    trim(review_id) as review_id,
    trim(order_id) as order_id,
    review_score,
    nullif(trim(review_comment_title), '') as review_comment_title,
    nullif(trim(review_comment_message), '') as review_comment_message,
    review_creation_date,
    review_answer_timestamp
from {{ source('olist', 'order_reviews') }}
