-- Review score of the filtered orders delivered with a date, late versus on time (review score per
-- order = mean of its reviews; low = 1 or 2).
select
    case when is_late then 'late' else 'on time' end as delivery,
    count(*) as delivered_orders,
    count(review_score) as reviewed_orders,
    avg(review_score) as mean_review_score,
    count(*) filter (where review_score <= 2) / nullif(count(review_score), 0) as low_review_share
from kpi_orders($date_from, $date_to, $states, $categories)
where is_delivered_with_date
group by is_late
order by is_late
