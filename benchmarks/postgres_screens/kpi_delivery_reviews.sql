-- PostgreSQL translation of infrastructure/analytics/queries/kpi_delivery_reviews.sql (sha256
-- 0177c7fe4489). The dialects differ in: count / count is integer division in PostgreSQL (DOUBLE
-- in DuckDB): the dividend is cast to double precision. The rest is the DuckDB text as it is (its
-- comments aside).
select
    case when is_late then 'late' else 'on time' end as delivery,
    count(*) as delivered_orders,
    count(review_score) as reviewed_orders,
    avg(review_score) as mean_review_score,
    (count(*) filter (where review_score <= 2))::double precision / nullif(count(review_score), 0) as low_review_share
from kpi_orders($date_from, $date_to, $states, $categories)
where is_delivered_with_date
group by is_late
order by is_late
