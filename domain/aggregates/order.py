"""Order: a purchase with its items, payments and reviews, and the lifecycle of its status."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from statistics import fmean

from domain.aggregates.delivery import Delivery
from domain.aggregates.order_history import replay_history
from domain.aggregates.order_invariants import find_violations
from domain.entities.order_item import OrderItem
from domain.entities.payment import Payment
from domain.entities.review import Review
from domain.errors import IllegalTransition, InvalidValue
from domain.events.base import DomainEvent
from domain.events.orders import (
    OrderApproved,
    OrderCancelled,
    OrderDelivered,
    OrderPlaced,
    OrderShipped,
)
from domain.value_objects.date_range import day_of
from domain.value_objects.invariant_finding import InvariantFinding
from domain.value_objects.money import Money
from domain.value_objects.statuses import OrderStatus

_BEFORE_SHIPPING = frozenset(
    {OrderStatus.CREATED, OrderStatus.APPROVED, OrderStatus.INVOICED, OrderStatus.PROCESSING}
)
# The statuses each action may start from; the action always ends in the status it names.
LEGAL_TRANSITIONS: Mapping[str, frozenset[OrderStatus]] = {
    "approve": frozenset({OrderStatus.CREATED}),
    "ship": _BEFORE_SHIPPING - {OrderStatus.CREATED},
    "deliver": frozenset({OrderStatus.SHIPPED}),
    "cancel": _BEFORE_SHIPPING | {OrderStatus.SHIPPED},
}
# Payments may differ from items + freight by rounding; more than this is a mismatch.
PAYMENT_TOLERANCE = Money("0.01")


class Order:
    """One purchase by one customer.

    The constructor hydrates stored facts as they are, anomalies included (see
    `invariant_findings`); new orders start with `Order.place` and move on with
    `approve`, `ship`, `deliver` or `cancel`, which record events in `events`.
    """

    def __init__(
        self,
        *,
        order_id: str,
        customer_id: str,
        customer_unique_id: str,
        status: OrderStatus,
        purchased_at: datetime,
        approved_at: datetime | None = None,
        delivered_carrier_at: datetime | None = None,
        delivered_customer_at: datetime | None = None,
        estimated_delivery_date: date | None = None,
        canceled_at: datetime | None = None,
        items: Iterable[OrderItem] = (),
        payments: Iterable[Payment] = (),
        reviews: Iterable[Review] = (),
    ) -> None:
        if estimated_delivery_date is not None:
            estimated_delivery_date = day_of(estimated_delivery_date)
        self.order_id = order_id
        self.customer_id = customer_id
        self.customer_unique_id = customer_unique_id
        self.status = OrderStatus(status)
        self.purchased_at = purchased_at
        self.approved_at = approved_at
        self.delivered_carrier_at = delivered_carrier_at
        self.delivered_customer_at = delivered_customer_at
        self.estimated_delivery_date = estimated_delivery_date
        self.canceled_at = canceled_at
        self.items = tuple(sorted(items, key=lambda item: item.item_number))
        self.payments = tuple(sorted(payments, key=lambda payment: payment.sequence))
        self.reviews = tuple(sorted(reviews, key=lambda review: review.created_at))
        self.events: list[DomainEvent] = []

    @classmethod
    def place(
        cls,
        *,
        order_id: str,
        customer_id: str,
        customer_unique_id: str,
        purchased_at: datetime,
        items: Iterable[OrderItem],
        estimated_delivery_date: date | None = None,
    ) -> Order:
        """A new order in status created, with an OrderPlaced event; items numbered 1 to n."""
        lines = tuple(items)
        if sorted(item.item_number for item in lines) != list(range(1, len(lines) + 1)):
            raise InvalidValue(f"the items of new order {order_id} must be numbered 1 to n")
        order = cls(
            order_id=order_id,
            customer_id=customer_id,
            customer_unique_id=customer_unique_id,
            status=OrderStatus.CREATED,
            purchased_at=purchased_at,
            estimated_delivery_date=estimated_delivery_date,
            items=lines,
        )
        order.events.append(
            OrderPlaced(
                aggregate_id=order_id,
                occurred_at=purchased_at,
                customer_unique_id=customer_unique_id,
                item_count=len(lines),
                total=order.total,
            )
        )
        return order

    # -- lifecycle ----------------------------------------------------------------------------

    def approve(self, at: datetime) -> None:
        """Release the order to its sellers once payment is approved; needs at least one item."""
        self._require_transition("approve")
        if not self.items:
            raise IllegalTransition(self.order_id, "approve", self.status, "it has no items")
        self._require_not_before(at, self.purchased_at, "approval", "purchase")
        self.status, self.approved_at = OrderStatus.APPROVED, at
        self.events.append(OrderApproved(aggregate_id=self.order_id, occurred_at=at))

    def ship(self, at: datetime) -> None:
        """Hand the parcel to the carrier."""
        self._require_transition("ship")
        previous = self.approved_at or self.purchased_at
        self._require_not_before(at, previous, "carrier pickup", "approval")
        self.status, self.delivered_carrier_at = OrderStatus.SHIPPED, at
        self.events.append(OrderShipped(aggregate_id=self.order_id, occurred_at=at))

    def deliver(self, at: datetime) -> None:
        """Record delivery to the customer, with its on-time or late outcome."""
        self._require_transition("deliver")
        previous = self.delivered_carrier_at or self.purchased_at
        self._require_not_before(at, previous, "delivery", "carrier pickup")
        self.status, self.delivered_customer_at = OrderStatus.DELIVERED, at
        self.events.append(OrderDelivered(aggregate_id=self.order_id, occurred_at=at))
        self.events.extend(self.delivery.outcome_events())

    def cancel(self, at: datetime) -> None:
        """Cancel an order that has not reached the customer yet."""
        self._require_transition("cancel")
        self._require_not_before(at, self.purchased_at, "cancellation", "purchase")
        self.status, self.canceled_at = OrderStatus.CANCELED, at
        self.events.append(OrderCancelled(aggregate_id=self.order_id, occurred_at=at))

    # -- money --------------------------------------------------------------------------------

    @property
    def items_value(self) -> Money:
        return Money.sum(item.price for item in self.items)

    @property
    def freight_value(self) -> Money:
        return Money.sum(item.freight for item in self.items)

    @property
    def total(self) -> Money:
        """What the customer owes: items plus freight."""
        return self.items_value + self.freight_value

    @property
    def paid(self) -> Money:
        return Money.sum(payment.value for payment in self.payments)

    @property
    def payment_mismatch(self) -> bool:
        """True when an order with items and payments was paid more than 0.01 off its total."""
        if not (self.items and self.payments):
            return False
        return abs(self.paid - self.total) > PAYMENT_TOLERANCE

    # -- views --------------------------------------------------------------------------------

    @property
    def counts_as_sale(self) -> bool:
        return self.status.counts_as_sale

    @property
    def review_score(self) -> float | None:
        """Mean score of the order's reviews, None when it has none."""
        if not self.reviews:
            return None
        return fmean(review.score.value for review in self.reviews)

    @property
    def delivery(self) -> Delivery:
        return Delivery(
            order_id=self.order_id,
            purchased_at=self.purchased_at,
            delivered_carrier_at=self.delivered_carrier_at,
            delivered_customer_at=self.delivered_customer_at,
            estimated_delivery_date=self.estimated_delivery_date,
            status=self.status,
        )

    def invariant_findings(self) -> list[InvariantFinding]:
        """The business rules this order breaks, in plain words; empty for a clean order."""
        return find_violations(self)

    def history(self) -> list[DomainEvent]:
        """The order's life replayed as events from its stored timestamps, oldest first."""
        return replay_history(self)

    def _require_transition(self, action: str) -> None:
        allowed = LEGAL_TRANSITIONS[action]
        if self.status not in allowed:
            reason = f"only {', '.join(sorted(allowed))} orders can"
            raise IllegalTransition(self.order_id, action, self.status, reason)

    def _require_not_before(
        self, at: datetime, previous: datetime, what: str, previous_what: str
    ) -> None:
        if at < previous:
            raise InvalidValue(
                f"order {self.order_id}: {what} at {at} "
                f"cannot precede {previous_what} at {previous}"
            )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Order) and other.order_id == self.order_id

    def __hash__(self) -> int:
        return hash(self.order_id)

    def __repr__(self) -> str:
        return f"Order({self.order_id!r}, {self.status})"
