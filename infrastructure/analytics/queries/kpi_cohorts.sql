-- The cohorts view under the filters: kpi_cohorts (the warehouse's macro, which holds the
-- definitions) with the bound filters.
select *
from kpi_cohorts($date_from, $date_to, $states, $categories)
order by cohort_month, months_since_first
