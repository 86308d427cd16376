-- freshness: the latest value of the column against the time of the check. Older than the allowed
-- age, in the future, or no value at all is one failure.
with latest as (
    select $sample_key as sample_key, $shown, $column as latest_at
    from $model as t
    where $column is not null
    order by $column desc
    limit 1
),

aged as (
    select
        latest.*,
        $checked_at::timestamp as checked_at,
        round(date_diff('second', latest.latest_at, $checked_at::timestamp) / 86400.0, 1)
            as age_days
    from (select 1) as one
    left join latest on true
)

select
    coalesce(sample_key::varchar, 'no rows') as sample_key,
    coalesce(age_days > $max_age_days or age_days < 0, true)::int as failing_weight,
    * exclude (sample_key),
    $max_age_days::double as max_age_days
from aged
