"""SellerOrder: a seller's share of one order: its own lines, with the order's outcome."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.aggregates.delivery import Delivery, days_late
from domain.aggregates.order import Order
from domain.errors import InvalidValue
from domain.value_objects.date_range import day_of
from domain.value_objects.money import Money
from domain.value_objects.statuses import OrderStatus


@dataclass(frozen=True)
class SellerOrder:
    """What one order holding a seller's items says about that seller.

    `item_count` and `items_price` are the seller's own lines only (freight excluded: another
    seller may share the order); status, delivery dates and review score are the whole order's.
    """

    order_id: str
    status: OrderStatus
    purchased_at: datetime
    item_count: int
    items_price: Money
    delivered_customer_at: datetime | None = None
    estimated_delivery_date: date | None = None
    review_score: float | None = None

    def __post_init__(self) -> None:
        if self.item_count < 1:
            raise InvalidValue(f"order {self.order_id} holds {self.item_count} items of the seller")
        if self.items_price.amount <= 0:
            raise InvalidValue(
                f"order {self.order_id} needs a positive price, not {self.items_price}"
            )
        if self.review_score is not None and not 1 <= self.review_score <= 5:
            raise InvalidValue(
                f"order {self.order_id} has a review score of {self.review_score}, not 1 to 5"
            )
        if self.estimated_delivery_date is not None:
            object.__setattr__(
                self, "estimated_delivery_date", day_of(self.estimated_delivery_date)
            )

    @classmethod
    def of(cls, order: Order, seller_id: str) -> SellerOrder | None:
        """The seller's share of a whole order; None when the order holds none of its items."""
        own = [item for item in order.items if item.seller_id == seller_id]
        if not own:
            return None
        return cls(
            order_id=order.order_id,
            status=order.status,
            purchased_at=order.purchased_at,
            item_count=len(own),
            items_price=Money.sum(item.price for item in own),
            delivered_customer_at=order.delivered_customer_at,
            estimated_delivery_date=order.estimated_delivery_date,
            review_score=order.review_score,
        )

    @property
    def counts_as_sale(self) -> bool:
        return self.status.counts_as_sale

    @property
    def days_late(self) -> int | None:
        """The order's lateness as its delivery tells it (Delivery.days_late), without one."""
        return days_late(self.status, self.delivered_customer_at, self.estimated_delivery_date)

    @property
    def delivery(self) -> Delivery:
        """The order's delivery (without the carrier pickup, which a seller's figures ignore)."""
        return Delivery(
            order_id=self.order_id,
            purchased_at=self.purchased_at,
            delivered_carrier_at=None,
            delivered_customer_at=self.delivered_customer_at,
            estimated_delivery_date=self.estimated_delivery_date,
            status=self.status,
        )
