"""The rules an order should keep, checked on stored orders to report (not refuse) breaks."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from itertools import combinations
from typing import TYPE_CHECKING

from domain.value_objects.invariant_finding import FindingCode, InvariantFinding
from domain.value_objects.statuses import OrderStatus

if TYPE_CHECKING:
    from domain.aggregates.order import Order


def find_violations(order: Order) -> list[InvariantFinding]:
    """Every rule `order` breaks, one finding per break, in a stable order."""
    return [
        *_money_findings(order),
        *_status_findings(order),
        *_timeline_findings(order),
        *_review_findings(order),
    ]


def _money_findings(order: Order) -> Iterator[InvariantFinding]:
    if not order.items:
        yield InvariantFinding(FindingCode.NO_ITEMS, "The order has no items.")
    if not order.payments:
        yield InvariantFinding(FindingCode.NO_PAYMENTS, "The order has no payments.")
    if order.payment_mismatch:
        yield InvariantFinding(
            FindingCode.PAYMENT_MISMATCH,
            f"Payments add up to {order.paid} but items plus freight come to {order.total} "
            f"(a difference of {order.paid - order.total}).",
        )


def _status_findings(order: Order) -> Iterator[InvariantFinding]:
    if order.status is OrderStatus.DELIVERED and order.delivered_customer_at is None:
        yield InvariantFinding(
            FindingCode.DELIVERED_WITHOUT_DATE,
            "The order is delivered but has no delivery date.",
        )
    if order.status is OrderStatus.CANCELED and order.delivered_customer_at is not None:
        yield InvariantFinding(
            FindingCode.CANCELED_WITH_DELIVERY_DATE,
            f"The order is canceled but was delivered on {order.delivered_customer_at}.",
        )


def _timeline_findings(order: Order) -> Iterator[InvariantFinding]:
    milestones: list[tuple[str, datetime | None]] = [
        ("purchase", order.purchased_at),
        ("approval", order.approved_at),
        ("carrier pickup", order.delivered_carrier_at),
        ("delivery to the customer", order.delivered_customer_at),
    ]
    for (earlier, earlier_at), (later, later_at) in combinations(milestones, 2):
        if earlier_at is not None and later_at is not None and later_at < earlier_at:
            yield InvariantFinding(
                FindingCode.TIMELINE_OUT_OF_ORDER,
                f"The {later} ({later_at}) comes before the {earlier} ({earlier_at}).",
            )


def _review_findings(order: Order) -> Iterator[InvariantFinding]:
    for review in order.reviews:
        if review.answered_before_created:
            yield InvariantFinding(
                FindingCode.REVIEW_ANSWERED_BEFORE_CREATED,
                f"Review {review.review_id} was answered ({review.answered_at}) "
                f"before it was created ({review.created_at}).",
            )
