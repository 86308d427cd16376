"""Events about people; the aggregate id is the customer_unique_id."""

from __future__ import annotations

from dataclasses import dataclass

from domain.events.base import DomainEvent
from domain.value_objects.address import Address


@dataclass(frozen=True, kw_only=True)
class CustomerRegistered(DomainEvent):
    """A person became a customer: the moment of their first purchase."""

    address: Address
