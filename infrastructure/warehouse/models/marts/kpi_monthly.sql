-- Table macro kpi_monthly(from_date, to_date, in_states, in_categories): kpi_periods by month
-- (which holds the definitions), its period named month: one row per purchase month of the range,
-- empty ones included, and the total row (is_total, month NULL). NULL = no filter.
select period as month, * exclude (period)
from kpi_periods(from_date, to_date, in_states, in_categories, 'month')
