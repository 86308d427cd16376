"""Replay of a stored order as the business events its timestamps tell, in time order."""

from __future__ import annotations

from typing import TYPE_CHECKING

from domain.events.base import DomainEvent
from domain.events.orders import (
    OrderApproved,
    OrderCancelled,
    OrderDelivered,
    OrderPlaced,
    OrderShipped,
    PaymentReceived,
    ReviewSubmitted,
)
from domain.value_objects.statuses import OrderStatus

if TYPE_CHECKING:
    from domain.aggregates.order import Order


def replay_history(order: Order) -> list[DomainEvent]:
    """Events sorted by time; equal times keep the lifecycle order (placed, approved, paid ...).

    The source has no time for payments or cancellations: payments are shown at approval (at
    purchase when never approved) and a cancellation at the order's last known moment.
    """
    order_id = order.order_id
    events: list[DomainEvent] = [
        OrderPlaced(
            aggregate_id=order_id,
            occurred_at=order.purchased_at,
            customer_unique_id=order.customer_unique_id,
            item_count=len(order.items),
            total=order.total,
        )
    ]
    if order.approved_at is not None:
        events.append(OrderApproved(aggregate_id=order_id, occurred_at=order.approved_at))
    paid_at = order.approved_at or order.purchased_at
    events.extend(
        PaymentReceived(
            aggregate_id=order_id,
            occurred_at=paid_at,
            sequence=payment.sequence,
            payment_type=payment.payment_type,
            installments=payment.installments,
            amount=payment.value,
        )
        for payment in order.payments
    )
    if order.delivered_carrier_at is not None:
        events.append(OrderShipped(aggregate_id=order_id, occurred_at=order.delivered_carrier_at))
    if order.delivered_customer_at is not None:
        events.append(
            OrderDelivered(aggregate_id=order_id, occurred_at=order.delivered_customer_at)
        )
    events.extend(order.delivery.outcome_events())
    events.extend(
        ReviewSubmitted(
            aggregate_id=order_id,
            occurred_at=review.created_at,
            review_id=review.review_id,
            score=review.score,
        )
        for review in order.reviews
    )
    if order.status is OrderStatus.CANCELED:
        known = [
            moment
            for moment in (
                order.purchased_at,
                order.approved_at,
                order.delivered_carrier_at,
                order.delivered_customer_at,
            )
            if moment is not None
        ]
        events.append(
            OrderCancelled(aggregate_id=order_id, occurred_at=order.canceled_at or max(known))
        )
    return sorted(events, key=lambda event: event.occurred_at)
