"""Customer: a person (customer_unique_id) and their orders: recency, frequency, spend."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.aggregates.order import Order
from domain.errors import InvalidValue
from domain.events.base import DomainEvent
from domain.events.customers import CustomerRegistered
from domain.value_objects.address import Address
from domain.value_objects.money import Money


@dataclass(frozen=True)
class Customer:
    """A person across all their customer_ids (Olist issues one per order).

    Recency, frequency and monetary count only orders that count as sales and were
    purchased at or before the as-of moment.
    """

    customer_unique_id: str
    address: Address
    orders: tuple[Order, ...] = ()

    def __post_init__(self) -> None:
        person = self.customer_unique_id
        strangers = [o.order_id for o in self.orders if o.customer_unique_id != person]
        if strangers:
            raise InvalidValue(f"orders {', '.join(strangers)} do not belong to customer {person}")
        object.__setattr__(self, "orders", tuple(sorted(self.orders, key=lambda o: o.purchased_at)))

    def sales(self, as_of: datetime) -> list[Order]:
        """Orders that count as sales, purchased at or before `as_of`, oldest first."""
        return [o for o in self.orders if o.counts_as_sale and o.purchased_at <= as_of]

    def recency_days(self, as_of: datetime) -> int | None:
        """Calendar days from the last sale's purchase day to the as-of day; None without sales."""
        sales = self.sales(as_of)
        if not sales:
            return None
        return (as_of.date() - sales[-1].purchased_at.date()).days

    def frequency(self, as_of: datetime) -> int:
        return len(self.sales(as_of))

    def monetary(self, as_of: datetime) -> Money:
        """Items plus freight of the sales."""
        return Money.sum(order.total for order in self.sales(as_of))

    def history(self) -> list[DomainEvent]:
        """Registration at the first purchase, then every order's events, oldest first."""
        if not self.orders:
            return []
        registered = CustomerRegistered(
            aggregate_id=self.customer_unique_id,
            occurred_at=self.orders[0].purchased_at,
            address=self.address,
        )
        events: list[DomainEvent] = [registered]
        for order in self.orders:
            events.extend(order.history())
        return sorted(events, key=lambda event: event.occurred_at)
