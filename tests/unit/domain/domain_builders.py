"""Builders of hand-made domain objects for the unit tests: a clean delivered order by default."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from domain.aggregates.customer import Customer
from domain.aggregates.order import Order
from domain.entities.order_item import OrderItem
from domain.entities.payment import Payment
from domain.entities.review import Review
from domain.value_objects.address import Address
from domain.value_objects.money import Money
from domain.value_objects.review_score import ReviewScore
from domain.value_objects.statuses import OrderStatus, PaymentType

PURCHASE = datetime(2017, 11, 24, 10, 30)
SAO_PAULO = Address("01409", "sao paulo", "SP")


def item(number: int = 1, price: str = "100.00", freight: str = "15.00", **extra: Any) -> OrderItem:
    facts: dict[str, Any] = {"product_id": "p1", "seller_id": "s1"} | extra
    return OrderItem(item_number=number, price=Money(price), freight=Money(freight), **facts)


def payment(value: str = "115.00", sequence: int = 1, installments: int = 1) -> Payment:
    return Payment(sequence, PaymentType.CREDIT_CARD, installments, Money(value))


def review(
    score: int = 5,
    created_at: datetime = PURCHASE + timedelta(days=9),
    answered_at: datetime | None = PURCHASE + timedelta(days=10),
    review_id: str = "r1",
) -> Review:
    return Review(review_id, ReviewScore(score), created_at, answered_at)


def stored_order(**overrides: Any) -> Order:
    """A delivered order, on time, paid in full, with one item; override any stored fact."""
    purchased_at = overrides.get("purchased_at", PURCHASE)
    facts: dict[str, Any] = {
        "order_id": "o1",
        "customer_id": "c1",
        "customer_unique_id": "u1",
        "status": OrderStatus.DELIVERED,
        "purchased_at": purchased_at,
        "approved_at": purchased_at + timedelta(hours=1),
        "delivered_carrier_at": purchased_at + timedelta(days=2),
        "delivered_customer_at": purchased_at + timedelta(days=8),
        "estimated_delivery_date": (purchased_at + timedelta(days=10)).date(),
        "items": (item(),),
        "payments": (payment(),),
    }
    return Order(**(facts | overrides))


def new_order(*items: OrderItem) -> Order:
    return Order.place(
        order_id="o9",
        customer_id="c9",
        customer_unique_id="u9",
        purchased_at=PURCHASE,
        items=items or (item(),),
        estimated_delivery_date=date(2017, 12, 5),
    )


def customer(person: str, *orders: Order) -> Customer:
    return Customer(person, SAO_PAULO, orders)


def purchase(person: str, at: datetime, total: str = "100.00", **overrides: Any) -> Order:
    """A sale of `person` at `at` whose items + freight come to `total`."""
    return stored_order(
        order_id=f"{person}-{at:%Y%m%d%H%M}",
        customer_unique_id=person,
        purchased_at=at,
        items=(item(price=total, freight="0.00"),),
        payments=(payment(total),),
        **overrides,
    )
