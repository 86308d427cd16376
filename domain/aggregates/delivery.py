"""Delivery: how an order travelled from purchase to the customer, and whether it was late."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from domain.events.base import DomainEvent
from domain.events.deliveries import DeliveryCompleted, DeliveryLate
from domain.value_objects.date_range import day_of
from domain.value_objects.statuses import OrderStatus

SECONDS_PER_DAY = 86_400


def days_late(
    status: OrderStatus, delivered_customer_at: datetime | None, estimated_day: date | None
) -> int | None:
    """Whole days between the estimated day (a date: Delivery and SellerOrder keep the day of a
    timestamp) and the day of delivery, 0 when on time; None unless delivered (in status and with
    a date) with an estimate. The one definition of lateness: a Delivery's, and a seller's
    order's without building one (a seller's figures walk thousands of orders)."""
    if (
        status is not OrderStatus.DELIVERED
        or delivered_customer_at is None
        or estimated_day is None
    ):
        return None
    return max(0, (delivered_customer_at.date() - estimated_day).days)


@dataclass(frozen=True)
class Delivery:
    """The delivery facts of one order (keyed by its order id) and the order's status.

    Late means the day of delivery is after the estimated day; the time of day does not matter.
    Lateness is a delivered order's property: an order in another status (a canceled one that
    carries a delivery date) is never late.
    """

    order_id: str
    purchased_at: datetime
    delivered_carrier_at: datetime | None
    delivered_customer_at: datetime | None
    estimated_delivery_date: date | None
    status: OrderStatus

    def __post_init__(self) -> None:
        if self.estimated_delivery_date is not None:
            object.__setattr__(
                self, "estimated_delivery_date", day_of(self.estimated_delivery_date)
            )

    @property
    def is_delivered(self) -> bool:
        return self.delivered_customer_at is not None

    @property
    def is_late(self) -> bool | None:
        """None unless delivered (in status and with a date) with an estimate: not known then."""
        if self.days_late is None:
            return None
        return self.days_late > 0

    @property
    def days_late(self) -> int | None:
        """Whole days between the estimated day and the delivery day; 0 when on time."""
        return days_late(self.status, self.delivered_customer_at, self.estimated_delivery_date)

    @property
    def delivery_days(self) -> float | None:
        """Fractional days from purchase to delivery to the customer."""
        if self.delivered_customer_at is None:
            return None
        elapsed = self.delivered_customer_at - self.purchased_at
        return elapsed.total_seconds() / SECONDS_PER_DAY

    @property
    def late_since(self) -> datetime | None:
        """The moment a late delivery became late: midnight ending the estimated day."""
        if not self.is_late or self.estimated_delivery_date is None:
            return None
        return datetime.combine(self.estimated_delivery_date + timedelta(days=1), time.min)

    def outcome_events(self) -> list[DomainEvent]:
        """DeliveryLate (when late) then DeliveryCompleted, for a delivered order; else nothing."""
        if self.delivered_customer_at is None or self.delivery_days is None:
            return []
        days_late = self.days_late or 0
        events: list[DomainEvent] = []
        if self.late_since is not None and self.estimated_delivery_date is not None:
            events.append(
                DeliveryLate(
                    aggregate_id=self.order_id,
                    occurred_at=self.late_since,
                    estimated_delivery_date=self.estimated_delivery_date,
                    days_late=days_late,
                )
            )
        events.append(
            DeliveryCompleted(
                aggregate_id=self.order_id,
                occurred_at=self.delivered_customer_at,
                delivery_days=self.delivery_days,
                days_late=days_late,
            )
        )
        return events
