"""Seller: a shop on the marketplace and how well it sells, delivers and pleases customers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import fmean

from domain.aggregates.order import Order
from domain.entities.order_item import OrderItem
from domain.errors import InvalidValue
from domain.value_objects.address import Address
from domain.value_objects.money import Money
from domain.value_objects.statuses import OrderStatus


@dataclass(frozen=True)
class Seller:
    """A seller with the orders holding at least one of its items.

    Revenue and order count consider only orders that count as sales; revenue is the price of
    the seller's own items (freight excluded), as other sellers may share an order.
    """

    seller_id: str
    address: Address
    orders: tuple[Order, ...] = ()

    def __post_init__(self) -> None:
        unrelated = [o.order_id for o in self.orders if not self._items_in(o)]
        if unrelated:
            raise InvalidValue(
                f"orders {', '.join(unrelated)} hold no item of seller {self.seller_id}"
            )

    @property
    def items_sold(self) -> tuple[OrderItem, ...]:
        return tuple(item for order in self._sales() for item in self._items_in(order))

    @property
    def revenue(self) -> Money:
        return Money.sum(item.price for item in self.items_sold)

    @property
    def order_count(self) -> int:
        return len(self._sales())

    @property
    def on_time_rate(self) -> float | None:
        """Share of delivered orders (with a date and an estimate) on time for the estimate.

        Like the warehouse's late rate, it counts orders in status delivered only: a canceled
        order that carries a delivery date was not a delivery of this seller's.
        """
        outcomes = [o.delivery.is_late for o in self.orders if o.status is OrderStatus.DELIVERED]
        known = [late for late in outcomes if late is not None]
        if not known:
            return None
        return known.count(False) / len(known)

    @property
    def mean_review_score(self) -> float | None:
        """Mean of the per-order review scores of its reviewed orders."""
        scores = [o.review_score for o in self.orders if o.review_score is not None]
        return fmean(scores) if scores else None

    def is_active(self, as_of: datetime, window: timedelta) -> bool:
        """True when it made a sale in the `window` ending at `as_of` (both ends included)."""
        return any(as_of - window <= o.purchased_at <= as_of for o in self._sales())

    def _sales(self) -> list[Order]:
        return [order for order in self.orders if order.counts_as_sale]

    def _items_in(self, order: Order) -> list[OrderItem]:
        return [item for item in order.items if item.seller_id == self.seller_id]
