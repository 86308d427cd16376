-- One row per (review, order); a review_id shared by several orders is flagged.
-- Stored in order_id order, so a drill-down to one order reads one row group of each fact;
-- customer_key (see fct_orders) finds a person's reviews.
with shared_review_ids as (
    select review_id
    from {{ ref('stg_order_reviews') }}
    group by review_id
    having count(*) > 1
)

select
    reviews.review_id,
    reviews.order_id,
    reviews.review_score,
    reviews.review_creation_date as created_at,
    reviews.review_answer_timestamp as answered_at,
    reviews.review_comment_title as comment_title,
    reviews.review_comment_message as comment_message,
    reviews.review_comment_message is not null as has_comment,
    date_diff('second', reviews.review_creation_date, reviews.review_answer_timestamp) / 3600.0
        as answer_hours,
    shared.review_id is not null as is_shared_review_id,
    orders.customer_key
from {{ ref('stg_order_reviews') }} as reviews
left join shared_review_ids as shared on shared.review_id = reviews.review_id
left join {{ ref('fct_orders') }} as orders on orders.order_id = reviews.order_id
order by reviews.order_id, reviews.review_id
