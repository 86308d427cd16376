"""SegmentationService: RFM scores and segments for customers, by rules it holds as data."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from domain.aggregates.customer import Customer
from domain.errors import InvalidValue
from domain.services.rfm_scoring import (
    FREQUENCY_SCORES,
    QUINTILE_RULE,
    FrequencyThreshold,
    QuintileRule,
    frequency_score,
    quintile_scores,
)
from domain.services.segment_map import SEGMENT_RULES, Segment, SegmentRule, segment_for
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

    See `rfm_scoring` for the exact formulas and `segment_map` for the rules. The warehouse
    renders the same rules (`rules`, `frequency_scores`, `quintile_rule`) as SQL.
    """

    def __init__(
        self,
        rules: tuple[SegmentRule, ...] = SEGMENT_RULES,
        frequency_scores: tuple[FrequencyThreshold, ...] = FREQUENCY_SCORES,
        quintile_rule: QuintileRule = QUINTILE_RULE,
    ) -> None:
        self.rules = rules
        self.frequency_scores = frequency_scores
        self.quintile_rule = quintile_rule

    @staticmethod
    def dataset_as_of(customers: Iterable[Customer]) -> datetime:
        """The latest purchase that counts as a sale (a canceled or unavailable order is none):
        RFM is never measured to today, nor to an order that was not fulfilled."""
        purchases = [
            order.purchased_at
            for customer in customers
            for order in customer.orders
            if order.counts_as_sale
        ]
        if not purchases:
            raise InvalidValue("RFM needs at least one sale to know the dataset's as-of moment")
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
        rule = self.quintile_rule
        r_scores = quintile_scores(
            [row[1] for row in measured], higher_is_better=rule.recency_higher_is_better, rule=rule
        )
        m_scores = quintile_scores(
            [row[3].amount for row in measured],
            higher_is_better=rule.monetary_higher_is_better,
            rule=rule,
        )
        results = []
        for (person, recency, frequency, monetary), r, m in zip(
            measured, r_scores, m_scores, strict=True
        ):
            f = frequency_score(frequency, self.frequency_scores)
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
