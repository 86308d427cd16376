"""The RFM segment map: ordered rules over (R, F, M) scores, first match wins, last catches all.

Scores: R 5 = most recent fifth of customers, M 5 = highest-spending fifth, F 1/3/5 = one, two,
three or more orders. The rules are plain data: the warehouse renders the same rules as SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from domain.errors import InvalidValue

LOWEST_SCORE, HIGHEST_SCORE = 1, 5


class Segment(StrEnum):
    CHAMPIONS = "Champions"
    LOYAL = "Loyal"
    CANT_LOSE_THEM = "Can't Lose Them"
    AT_RISK = "At Risk"
    NEW = "New"
    POTENTIAL_LOYALIST = "Potential Loyalist"
    PROMISING = "Promising"
    NEED_ATTENTION = "Need Attention"
    ABOUT_TO_SLEEP = "About to Sleep"
    HIBERNATING = "Hibernating"
    LOST = "Lost"


@dataclass(frozen=True)
class ScoreRange:
    """Scores from `low` to `high`, both included."""

    low: int = LOWEST_SCORE
    high: int = HIGHEST_SCORE

    def __post_init__(self) -> None:
        if not LOWEST_SCORE <= self.low <= self.high <= HIGHEST_SCORE:
            raise InvalidValue(f"a score range lies within 1..5, not {self.low}..{self.high}")

    @property
    def is_any(self) -> bool:
        return (self.low, self.high) == (LOWEST_SCORE, HIGHEST_SCORE)

    def contains(self, score: int) -> bool:
        return self.low <= score <= self.high


ANY = ScoreRange()


@dataclass(frozen=True)
class SegmentRule:
    """Customers whose scores fall in all three ranges belong to `segment`."""

    segment: Segment
    definition: str
    recency: ScoreRange = ANY
    frequency: ScoreRange = ANY
    monetary: ScoreRange = ANY

    @property
    def is_catch_all(self) -> bool:
        return self.recency.is_any and self.frequency.is_any and self.monetary.is_any

    def matches(self, r: int, f: int, m: int) -> bool:
        return self.recency.contains(r) and self.frequency.contains(f) and self.monetary.contains(m)


SEGMENT_RULES: tuple[SegmentRule, ...] = (
    SegmentRule(
        Segment.CHAMPIONS,
        "Bought recently, three or more orders, and among the top two fifths by spend.",
        recency=ScoreRange(4, 5),
        frequency=ScoreRange(4, 5),
        monetary=ScoreRange(4, 5),
    ),
    SegmentRule(
        Segment.LOYAL,
        "Repeat buyers (two or more orders) whose last purchase is fairly recent.",
        recency=ScoreRange(3, 5),
        frequency=ScoreRange(3, 5),
    ),
    SegmentRule(
        Segment.CANT_LOSE_THEM,
        "Three or more orders and top-two-fifths spend, but no purchase for a long time.",
        recency=ScoreRange(1, 2),
        frequency=ScoreRange(4, 5),
        monetary=ScoreRange(4, 5),
    ),
    SegmentRule(
        Segment.AT_RISK,
        "Repeat buyers whose last purchase was long ago.",
        recency=ScoreRange(1, 2),
        frequency=ScoreRange(3, 5),
    ),
    SegmentRule(
        Segment.NEW,
        "One order, among the most recent fifth, with modest spend.",
        recency=ScoreRange(5, 5),
        frequency=ScoreRange(1, 2),
        monetary=ScoreRange(1, 3),
    ),
    SegmentRule(
        Segment.POTENTIAL_LOYALIST,
        "One recent order with high spend: the best candidates for a second purchase.",
        recency=ScoreRange(4, 5),
        frequency=ScoreRange(1, 2),
        monetary=ScoreRange(4, 5),
    ),
    SegmentRule(
        Segment.PROMISING,
        "One fairly recent order with modest spend.",
        recency=ScoreRange(4, 4),
        frequency=ScoreRange(1, 2),
        monetary=ScoreRange(1, 3),
    ),
    SegmentRule(
        Segment.NEED_ATTENTION,
        "One order at middling recency with middle-to-high spend.",
        recency=ScoreRange(3, 3),
        frequency=ScoreRange(1, 2),
        monetary=ScoreRange(3, 5),
    ),
    SegmentRule(
        Segment.ABOUT_TO_SLEEP,
        "One order at middling recency with low spend: slipping away.",
        recency=ScoreRange(3, 3),
        frequency=ScoreRange(1, 2),
        monetary=ScoreRange(1, 2),
    ),
    SegmentRule(
        Segment.HIBERNATING,
        "One order, bought long ago (second-oldest fifth), any spend.",
        recency=ScoreRange(2, 2),
        frequency=ScoreRange(1, 2),
    ),
    SegmentRule(
        Segment.LOST,
        "Everyone else: in practice one order, in the oldest fifth by recency.",
    ),
)


def segment_for(r: int, f: int, m: int, rules: Sequence[SegmentRule] = SEGMENT_RULES) -> Segment:
    """The segment of the first rule matching the scores."""
    for score in (r, f, m):
        if not LOWEST_SCORE <= score <= HIGHEST_SCORE:
            raise InvalidValue(f"RFM scores run from 1 to 5, not {(r, f, m)}")
    for rule in rules:
        if rule.matches(r, f, m):
            return rule.segment
    raise InvalidValue(f"no segment rule matches {(r, f, m)}: the last rule must catch all")
