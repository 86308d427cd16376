"""Business events of an order's life, placement to review; the aggregate id is the order id."""

from __future__ import annotations

from dataclasses import dataclass

from domain.events.base import DomainEvent
from domain.value_objects.money import Money
from domain.value_objects.review_score import ReviewScore
from domain.value_objects.statuses import PaymentType


@dataclass(frozen=True, kw_only=True)
class OrderPlaced(DomainEvent):
    customer_unique_id: str
    item_count: int
    total: Money


@dataclass(frozen=True, kw_only=True)
class OrderApproved(DomainEvent):
    """The payment was approved and the order released to the seller."""


@dataclass(frozen=True, kw_only=True)
class OrderShipped(DomainEvent):
    """The seller handed the parcel to the carrier."""


@dataclass(frozen=True, kw_only=True)
class OrderDelivered(DomainEvent):
    """The customer received the parcel."""


@dataclass(frozen=True, kw_only=True)
class OrderCancelled(DomainEvent):
    """The order was canceled; the source keeps no time for it, see `Order.history`."""


@dataclass(frozen=True, kw_only=True)
class PaymentReceived(DomainEvent):
    sequence: int
    payment_type: PaymentType
    installments: int
    amount: Money


@dataclass(frozen=True, kw_only=True)
class ReviewSubmitted(DomainEvent):
    review_id: str
    score: ReviewScore
