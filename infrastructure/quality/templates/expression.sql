-- expression: rows where the rule's predicate is false (a NULL result is no failure: missing
-- values are the not_null rules' business).
select {sample_key} as sample_key, 1 as failing_weight, {shown}
from {model} as t
where ({predicate}) is false
