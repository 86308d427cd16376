"""Orders hydrated in bulk: four queries for any number of orders, grouped by order in Python.

Shared by the order, customer and seller repositories, so each loads its orders with the same
fixed number of queries whether it holds one order or thousands. Rows are read as tuples in the
column order of the queries (order_id first), which the functions below spell out by name.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

import polars as pl

from domain.aggregates.order import Order
from domain.entities.order_item import OrderItem
from domain.entities.payment import Payment
from domain.entities.review import Review
from domain.value_objects.money import Money
from domain.value_objects.review_score import ReviewScore
from domain.value_objects.statuses import OrderStatus, PaymentType
from infrastructure.repositories.warehouse_sql import SqlWarehouse, run_query

Row = tuple[Any, ...]
# Enum members and review scores by stored value: looked up once, not built per row; an unknown
# value still goes through the constructor and fails there as before.
_STATUSES = {status.value: status for status in OrderStatus}
_PAYMENT_TYPES = {kind.value: kind for kind in PaymentType}
_SCORES = {score: ReviewScore(score) for score in range(1, 6)}


def load_orders(warehouse: SqlWarehouse, order_ids: Sequence[str]) -> list[Order]:
    """The orders among `order_ids` that exist, oldest purchase first; one query if none do."""
    if not order_ids:
        return []
    ids = list(order_ids)
    headers = run_query(warehouse, "order_headers", order_ids=ids)
    if headers.is_empty():
        return []
    items = _by_order(run_query(warehouse, "order_items", order_ids=ids))
    payments = _by_order(run_query(warehouse, "order_payments", order_ids=ids))
    reviews = _by_order(run_query(warehouse, "order_reviews", order_ids=ids))
    orders = [
        Order(
            order_id=order_id,
            customer_id=customer_id,
            customer_unique_id=customer_unique_id,
            status=_STATUSES.get(status) or OrderStatus(status),
            purchased_at=purchased_at,
            approved_at=approved_at,
            delivered_carrier_at=carrier_at,
            delivered_customer_at=delivered_at,
            estimated_delivery_date=estimated,
            items=[_item(*row) for row in items.get(order_id, ())],
            payments=[_payment(*row) for row in payments.get(order_id, ())],
            reviews=[_review(*row) for row in reviews.get(order_id, ())],
        )
        for (
            order_id,
            customer_id,
            customer_unique_id,
            status,
            purchased_at,
            approved_at,
            carrier_at,
            delivered_at,
            estimated,
        ) in headers.iter_rows()
    ]
    return sorted(orders, key=lambda order: (order.purchased_at, order.order_id))


def _by_order(frame: pl.DataFrame) -> dict[str, list[Row]]:
    """Rows grouped by their first column (the order id), without it, in query column order."""
    grouped: defaultdict[str, list[Row]] = defaultdict(list)
    for order_id, *rest in frame.iter_rows():
        grouped[order_id].append(tuple(rest))
    return grouped


def _item(
    number: int,
    product_id: str,
    seller_id: str,
    price: Decimal,
    freight: Decimal,
    shipping_limit_at: datetime | None,
) -> OrderItem:
    return OrderItem(number, product_id, seller_id, Money(price), Money(freight), shipping_limit_at)


def _payment(sequence: int, payment_type: str, installments: int, value: Decimal) -> Payment:
    kind = _PAYMENT_TYPES.get(payment_type) or PaymentType(payment_type)
    return Payment(sequence, kind, installments, Money(value))


def _review(
    review_id: str,
    score: int,
    created_at: datetime,
    answered_at: datetime | None,
    title: str | None,
    message: str | None,
) -> Review:
    stars = _SCORES.get(score) or ReviewScore(score)
    return Review(review_id, stars, created_at, answered_at, title, message)
