"""How RFM turns recency, spend and order counts into 1-5 scores, in Python and as DuckDB SQL.

Recency and monetary are scored by quintile of rank: score = 1 + floor(5 * (rank - 1) / n),
where n is the number of customers scored and rank is the 1-based *minimum* rank (SQL RANK()),
so tied values always get the same score. Ranks ascend with spend for M and with recentness
(recency days descending) for R, so 5 is the most recent or highest-spending fifth. Frequency
is a fixed rule on the number of orders: 1 -> 1, 2 -> 3, 3 or more -> 5.

For SQL, a value's rank is 1 + the number of customers whose *rank key* is smaller: the key is
the value itself when higher is better, its negation otherwise (see `rank_key_sql`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from decimal import Decimal
from typing import TypeVar

from domain.errors import InvalidValue

QUINTILES = 5
# (minimum orders counted, F score), first match from the top.
FREQUENCY_SCORES: tuple[tuple[int, int], ...] = ((3, 5), (2, 3), (1, 1))
# The order count from which F is the top score ("3 or more orders").
TOP_ORDER_COUNT = FREQUENCY_SCORES[0][0]

Measure = TypeVar("Measure", int, Decimal)


def quintile_score(rank: int, population: int) -> int:
    """The 1-5 score of the customer at 1-based `rank` among `population` customers."""
    if not 1 <= rank <= population:
        raise InvalidValue(f"rank {rank} is outside 1..{population}")
    return 1 + QUINTILES * (rank - 1) // population


def quintile_scores(values: Sequence[Measure], *, higher_is_better: bool) -> list[int]:
    """Score every value by its minimum rank, ascending when `higher_is_better`, else descending."""
    ordered = sorted(values)
    population = len(ordered)
    if higher_is_better:
        ranks = [bisect_left(ordered, value) + 1 for value in values]
    else:
        ranks = [population - bisect_right(ordered, value) + 1 for value in values]
    return [quintile_score(rank, population) for rank in ranks]


def quintile_score_sql(rank: str, population: str) -> str:
    """The same formula in SQL, from a 1-based minimum rank and the number of customers scored."""
    return f"1 + ({QUINTILES} * (({rank}) - 1)) // ({population})"


def rank_key_sql(value: str, *, higher_is_better: bool) -> str:
    """A key that sorts customers from rank 1 (score 1) upwards: ascending order is rank order."""
    return f"({value})" if higher_is_better else f"-({value})"


def frequency_score(order_count: int) -> int:
    if order_count < 1:
        raise InvalidValue(f"frequency is scored for customers with orders, not {order_count}")
    return next(score for minimum, score in FREQUENCY_SCORES if order_count >= minimum)


def frequency_score_sql(order_count: str) -> str:
    """The frequency rule as a SQL CASE over the order-count column or expression."""
    *steps, (_, lowest) = FREQUENCY_SCORES
    whens = " ".join(f"WHEN {order_count} >= {minimum} THEN {score}" for minimum, score in steps)
    return f"CASE {whens} ELSE {lowest} END"
