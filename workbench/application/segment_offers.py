"""What-if offers to a segment: customers reached, cost and revenue at risk, priced by the domain.

An offer (X% off, or R$ Y off) applies once, to the next order of every customer of the segment.
That next order is valued at the customer's average counted order (monetary ÷ frequency, rounded
to the centavo):
- revenue at risk: the sum of those next orders, i.e. what the segment would spend on one more
  purchase each; the revenue lost if these customers do not come back;
- cost: the discount on each of those orders if every customer reached uses the offer, from
  PricingService (a percentage rounded half-even per order; a fixed amount never exceeds the
  order);
- the response rate, an assumption the analyst gives (default RESPONSE_RATE): the share of the
  customers reached who take the offer and order once more. The expected figures (customers,
  revenue brought back, cost, net) are the everyone-uses-it figures times that share.
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

RESPONSE_RATE = Decimal("0.10")  # the default assumption, shown next to the figures it drives
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
    if not text.strip():
        raise InvalidValue("No offer yet: write a percentage like 10% or reais like 15.00")
    raise InvalidValue(f"{text!r} is not an offer: write a percentage like 10% or reais like 15.00")


def parse_response_rate(text: str) -> Decimal:
    """'10%', '10' or '0.1' (a share) → 0.10; from 0 to 100 %."""
    cleaned = text.strip().removesuffix("%").strip().replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        value = Decimal(-1)
    rate = value / 100 if "%" in text or value > 1 else value
    if not Decimal(0) <= rate <= Decimal(1):
        raise InvalidValue(
            f"{text!r} is not a response rate: write the share of customers who respond, "
            "like 10% (0 to 100 %)"
        )
    return rate


@dataclass(frozen=True)
class OfferOutcome:
    segment: str
    offer: Offer
    customers: int
    revenue_at_risk: Money
    cost: Money
    response_rate: Decimal = Decimal(1)

    @property
    def expected_customers(self) -> Decimal:
        """Customers expected to take the offer and order once more."""
        return self.customers * self.response_rate

    @property
    def expected_revenue(self) -> Money:
        """Revenue the responding customers' next orders bring, before the discount."""
        return Money(self.revenue_at_risk.amount * self.response_rate)

    @property
    def expected_cost(self) -> Money:
        return Money(self.cost.amount * self.response_rate)

    @property
    def expected_net(self) -> Money:
        return self.expected_revenue - self.expected_cost

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
    segment: str,
    offer: Offer,
    groups: pl.DataFrame,
    pricing: PricingService,
    response_rate: Decimal = Decimal(1),
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
    return OfferOutcome(segment, offer, reached, Money(at_risk), Money(cost), response_rate)
