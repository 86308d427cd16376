"""What-if offers to a segment: customers reached, cost and revenue at risk, priced by the domain.

An offer (X% off, or R$ Y off) applies once, to the next order of every customer of the segment.
That next order is valued at the customer's average counted order (monetary ÷ frequency, rounded
to the centavo):
- revenue at risk: the sum of those next orders, i.e. what the segment would spend on one more
  purchase each; the revenue lost if these customers do not come back;
- cost: the discount on each of those orders if every customer reached uses the offer, from
  PricingService (a percentage rounded half-even per order; a fixed amount never exceeds the
  order).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from domain.errors import InvalidValue
from domain.services.pricing import PricingService
from domain.value_objects.money import Money

if TYPE_CHECKING:  # polars loads when a frame is first built, not at start-up
    import polars as pl

_PERCENT = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*%\s*$")
_AMOUNT = re.compile(r"^\s*(?:R\$)?\s*(\d+(?:[.,]\d{1,2})?)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Offer:
    """Either `percent` off or a fixed `amount` off one order."""

    percent: Decimal | None = None
    amount: Money | None = None

    def __post_init__(self) -> None:
        if (self.percent is None) == (self.amount is None):
            raise InvalidValue("an offer is either a percentage or an amount, not both or neither")

    def describe(self) -> str:
        if self.percent is not None:
            return f"{self.percent.normalize():f}% off"
        assert self.amount is not None
        return f"R$ {self.amount.amount:,.2f} off"


def parse_offer(text: str) -> Offer:
    """'10%' or '12.5 %' → a percentage; '20', 'R$ 20' or '19,90' → an amount in reais."""
    try:
        if match := _PERCENT.match(text):
            return Offer(percent=Decimal(match[1].replace(",", ".")))
        if match := _AMOUNT.match(text):
            return Offer(amount=Money(match[1].replace(",", ".")))
    except InvalidOperation:
        pass
    raise InvalidValue(f"{text!r} is not an offer: write a percentage like 10% or reais like 15.00")


@dataclass(frozen=True)
class OfferOutcome:
    segment: str
    offer: Offer
    customers: int
    revenue_at_risk: Money
    cost: Money

    @property
    def revenue_after_offer(self) -> Money:
        """Revenue at risk less the cost: what the next orders bring if everyone uses the offer."""
        return self.revenue_at_risk - self.cost

    @property
    def cost_share(self) -> Decimal | None:
        """Cost as a fraction of revenue at risk; None when nothing is at risk."""
        if self.revenue_at_risk.is_zero():
            return None
        return self.cost.amount / self.revenue_at_risk.amount


def evaluate_offer(
    segment: str, offer: Offer, groups: pl.DataFrame, pricing: PricingService
) -> OfferOutcome:
    """Price `offer` for customers counted by (monetary, frequency) in `groups` (+ customers)."""
    at_risk, cost = Decimal(0), Decimal(0)  # exact sums of centavo amounts
    rows = groups.select("monetary", "frequency", "customers").rows()
    for monetary, frequency, customers in rows:
        next_order = Money(Decimal(monetary) / frequency)
        if offer.percent is not None:
            discounted = pricing.percentage_discount(next_order, offer.percent)
        else:
            assert offer.amount is not None
            discounted = pricing.fixed_discount(next_order, offer.amount)
        at_risk += next_order.amount * customers
        cost += (next_order.amount - discounted.amount) * customers
    reached = int(groups["customers"].sum())
    return OfferOutcome(segment, offer, reached, Money(at_risk), Money(cost))
