-- expression: rows where the rule's predicate is false (a NULL result is no failure: missing
-- values are the not_null rules' business). $predicate is the stored text only after predicate.py
-- parsed and checked it, rebuilt from that parse. It is evaluated beside the rows it judges, so a
-- window over the whole model (`avg(orders) over ()`) may take part.
select $sample_key as sample_key, 1 as failing_weight, $shown
from (select *, $predicate as rule_holds from $model) as t
where t.rule_holds is false
