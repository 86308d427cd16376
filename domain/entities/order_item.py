"""OrderItem: one line of an order: a product sold by one seller at a price plus freight."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.errors import InvalidValue
from domain.value_objects.money import Money


@dataclass(frozen=True)
class OrderItem:
    """Line `item_number` (order_item_id in the source) of its order; price must be positive."""

    item_number: int
    product_id: str
    seller_id: str
    price: Money
    freight: Money
    shipping_limit_at: datetime | None = None

    def __post_init__(self) -> None:
        if self.item_number < 1:
            raise InvalidValue(f"item numbers start at 1, not {self.item_number}")
        if self.price.amount <= 0:  # against zero of its own currency, without building one
            raise InvalidValue(f"item {self.item_number} needs a positive price, not {self.price}")
        if self.freight.amount < 0:
            raise InvalidValue(f"item {self.item_number} has negative freight {self.freight}")

    @property
    def total(self) -> Money:
        """What the customer pays for this line: price plus freight."""
        return self.price + self.freight
