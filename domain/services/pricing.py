"""PricingService: discounts and installment plans, exact to the centavo."""

from __future__ import annotations

from decimal import Decimal

from domain.errors import InvalidValue
from domain.value_objects.money import Money

HUNDRED = Decimal(100)


class PricingService:
    """Price arithmetic a shop applies; no result ever drops below zero."""

    def percentage_discount(self, price: Money, percent: Decimal | int) -> Money:
        """`price` less `percent`%; the discount is rounded half-even to centavos first."""
        _require_not_negative(price, "price")
        if isinstance(percent, float | bool) or not isinstance(percent, Decimal | int):
            raise TypeError(f"give a discount percentage as int or Decimal, not {percent!r}")
        if not 0 <= percent <= HUNDRED:
            raise InvalidValue(f"a percentage discount lies between 0 and 100, not {percent}")
        return price - price * (Decimal(percent) / HUNDRED)

    def fixed_discount(self, price: Money, discount: Money) -> Money:
        """`price` less `discount`, but never below zero."""
        _require_not_negative(price, "price")
        _require_not_negative(discount, "discount")
        return max(price - discount, Money.zero(price.currency))

    def installment_plan(self, amount: Money, installments: int) -> tuple[Money, ...]:
        """`amount` split into equal parts summing exactly to it; leftover centavos go first."""
        _require_not_negative(amount, "amount")
        if installments < 1:
            raise InvalidValue(f"a plan needs at least one installment, not {installments}")
        base, leftover = divmod(amount.centavos, installments)
        parts = [base + 1] * leftover + [base] * (installments - leftover)
        return tuple(Money(Decimal(part).scaleb(-2), amount.currency) for part in parts)


def _require_not_negative(amount: Money, what: str) -> None:
    if amount < Money.zero(amount.currency):
        raise InvalidValue(f"the {what} cannot be negative, got {amount}")
