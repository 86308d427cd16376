-- Customers and revenue per (R, F, M) score combination: the cells of the R×F and R×M grids.
select
    r_score,
    f_score,
    m_score,
    count(*) as customers,
    sum(monetary)::decimal(18, 2) as revenue
from mart_customer_rfm
group by r_score, f_score, m_score
