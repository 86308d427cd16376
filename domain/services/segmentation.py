"""SegmentationService: RFM scores and segments for customers, and the same rules for SQL."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from domain.aggregates.customer import Customer
from domain.errors import InvalidValue
from domain.services.rfm_scoring import (
    frequency_score,
    frequency_score_sql,
    quintile_score_sql,
    quintile_scores,
    rank_key_sql,
)
from domain.services.segment_map import (
    SEGMENT_RULES,
    Segment,
    SegmentRule,
    segment_for,
    segment_sql_case,
)
from domain.value_objects.money import Money


@dataclass(frozen=True)
class CustomerRfm:
    """One customer's RFM measures, scores and segment at the as-of moment."""

    customer_unique_id: str
    recency_days: int
    frequency: int
    monetary: Money
    r_score: int
    f_score: int
    m_score: int
    segment: Segment


class SegmentationService:
    """Scores customers by recency, frequency and spend and places them in segments.

    See `rfm_scoring` for the exact formulas and `segment_map` for the rules; the `*_sql`
    methods render both for the warehouse so SQL and Python give identical results.
    """

    rules: tuple[SegmentRule, ...] = SEGMENT_RULES

    @staticmethod
    def dataset_as_of(customers: Iterable[Customer]) -> datetime:
        """The latest purchase of any order, whatever its status: RFM is never measured to today."""
        purchases = [order.purchased_at for customer in customers for order in customer.orders]
        if not purchases:
            raise InvalidValue("RFM needs at least one order to know the dataset's as-of moment")
        return max(purchases)

    def score(
        self, customers: Iterable[Customer], as_of: datetime | None = None
    ) -> list[CustomerRfm]:
        """RFM of every customer with at least one sale by `as_of` (default: the dataset as-of)."""
        people = list(customers)
        moment = as_of if as_of is not None else self.dataset_as_of(people)
        measured = [
            (person, recency, person.frequency(moment), person.monetary(moment))
            for person in people
            if (recency := person.recency_days(moment)) is not None
        ]
        r_scores = quintile_scores([row[1] for row in measured], higher_is_better=False)
        m_scores = quintile_scores([row[3].amount for row in measured], higher_is_better=True)
        results = []
        for (person, recency, frequency, monetary), r, m in zip(
            measured, r_scores, m_scores, strict=True
        ):
            f = frequency_score(frequency)
            results.append(
                CustomerRfm(
                    customer_unique_id=person.customer_unique_id,
                    recency_days=recency,
                    frequency=frequency,
                    monetary=monetary,
                    r_score=r,
                    f_score=f,
                    m_score=m,
                    segment=self.segment_of(r, f, m),
                )
            )
        return results

    def segment_of(self, r: int, f: int, m: int) -> Segment:
        return segment_for(r, f, m, self.rules)

    def to_sql_case(self, r_col: str, f_col: str, m_col: str) -> str:
        """The segment map as a SQL CASE over the three score columns."""
        return segment_sql_case(r_col, f_col, m_col, self.rules)

    def recency_rank_key_sql(self, recency_days_col: str) -> str:
        """R rank order: more days since the last purchase ranks lower (scores nearer 1)."""
        return rank_key_sql(recency_days_col, higher_is_better=False)

    def monetary_rank_key_sql(self, monetary_col: str) -> str:
        """M rank order: less spend ranks lower."""
        return rank_key_sql(monetary_col, higher_is_better=True)

    def quintile_score_sql(self, rank: str, population: str) -> str:
        """R or M score from a customer's minimum rank (1 = lowest key) among `population`."""
        return quintile_score_sql(rank, population)

    def frequency_score_sql(self, frequency_col: str) -> str:
        return frequency_score_sql(frequency_col)
