"""Payment: one of the ways an order was paid (card, boleto, voucher ...)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.errors import InvalidValue
from domain.value_objects.money import Money
from domain.value_objects.statuses import PaymentType


@dataclass(frozen=True)
class Payment:
    """Payment `sequence` (payment_sequential in the source) of its order.

    Zero values and zero installments occur in the real data, so they are accepted.
    """

    sequence: int
    payment_type: PaymentType
    installments: int
    value: Money

    def __post_init__(self) -> None:
        if self.sequence < 1:
            raise InvalidValue(f"payment sequences start at 1, not {self.sequence}")
        if self.installments < 0:
            raise InvalidValue(f"payment {self.sequence} has {self.installments} installments")
        if self.value.amount < 0:
            raise InvalidValue(f"payment {self.sequence} has a negative value {self.value}")
