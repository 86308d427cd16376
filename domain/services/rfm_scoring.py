"""How RFM turns recency, spend and order counts into 1-5 scores: the rules as data, applied.

Recency and monetary are scored by quintile of rank: score = 1 + floor(5 * (rank - 1) / n),
where n is the number of customers scored and rank is the 1-based *minimum* rank from worst to
best, so tied values always get the same score. Fewer days since the last purchase is better
for R, more spend for M, so 5 is the most recent or highest-spending fifth. Frequency is a fixed
rule on the number of orders: 1 -> 1, 2 -> 3, 3 or more -> 5.

The rules are plain data (`QUINTILE_RULE`, `FREQUENCY_SCORES`): the warehouse renders the same
data as SQL, so Python and the warehouse score alike.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple, TypeVar

from domain.errors import InvalidValue

QUINTILES = 5

Measure = TypeVar("Measure", int, Decimal)


@dataclass(frozen=True)
class QuintileRule:
    """R and M: score = 1 + quintiles * (rank - 1) // population, rank counted from the worst."""

    quintiles: int = QUINTILES
    # Which way is better: fewer days since the last purchase, more spend.
    recency_higher_is_better: bool = False
    monetary_higher_is_better: bool = True


QUINTILE_RULE = QuintileRule()


class FrequencyThreshold(NamedTuple):
    """Customers with at least `min_orders` counted orders score `score`, unless a rule above
    them matched first."""

    min_orders: int
    score: int


# First match from the top; fewer orders than the last threshold's are not scored.
FREQUENCY_SCORES: tuple[FrequencyThreshold, ...] = (
    FrequencyThreshold(3, 5),
    FrequencyThreshold(2, 3),
    FrequencyThreshold(1, 1),
)
# The order count from which F is the top score ("3 or more orders").
TOP_ORDER_COUNT = FREQUENCY_SCORES[0].min_orders


def quintile_score(rank: int, population: int, rule: QuintileRule = QUINTILE_RULE) -> int:
    """The 1-5 score of the customer at 1-based `rank` (1 = worst) among `population` customers."""
    if not 1 <= rank <= population:
        raise InvalidValue(f"rank {rank} is outside 1..{population}")
    return 1 + rule.quintiles * (rank - 1) // population


def quintile_scores(
    values: Sequence[Measure], *, higher_is_better: bool, rule: QuintileRule = QUINTILE_RULE
) -> list[int]:
    """Score every value by its minimum rank, ascending when `higher_is_better`, else descending."""
    ordered = sorted(values)
    population = len(ordered)
    if higher_is_better:
        ranks = [bisect_left(ordered, value) + 1 for value in values]
    else:
        ranks = [population - bisect_right(ordered, value) + 1 for value in values]
    return [quintile_score(rank, population, rule) for rank in ranks]


def frequency_score(
    order_count: int, thresholds: Sequence[FrequencyThreshold] = FREQUENCY_SCORES
) -> int:
    """The F score of the first threshold `order_count` reaches."""
    for min_orders, score in thresholds:
        if order_count >= min_orders:
            return score
    raise InvalidValue(f"frequency is scored for customers with orders, not {order_count}")
