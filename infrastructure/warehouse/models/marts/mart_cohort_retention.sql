-- Share of each first-order cohort (month) placing an order n months later (n = 0 is the cohort):
-- kpi_cohorts without filters, which holds the definitions.
-- depends_on: {{ ref('kpi_cohorts') }}
select
    cohort_month,
    months_since_first,
    cohort_size,
    active_customers,
    retention_rate
from kpi_cohorts(null, null, null, null)
order by cohort_month, months_since_first
