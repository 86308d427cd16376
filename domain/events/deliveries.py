"""Delivery outcomes; the aggregate id is the order id."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.events.base import DomainEvent


@dataclass(frozen=True, kw_only=True)
class DeliveryCompleted(DomainEvent):
    """The parcel reached the customer; `days_late` is 0 when on time or without an estimate."""

    delivery_days: float
    days_late: int


@dataclass(frozen=True, kw_only=True)
class DeliveryLate(DomainEvent):
    """The estimated day passed without delivery; occurs at the start of the next day."""

    estimated_delivery_date: date
    days_late: int
