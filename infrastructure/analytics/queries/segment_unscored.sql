-- People (customer_unique_id) whose every order was canceled or unavailable: nothing to score,
-- so they are in no segment; and all people, for the share.
select
    count(*) filter (where sale_order_count = 0) as unscored,
    count(*) as people
from dim_customer
