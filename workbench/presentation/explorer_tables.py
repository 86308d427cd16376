"""The Explorer's tables of an order, a person or a seller, as Polars frames: every one of them
can be sorted and exported like any other table."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import polars as pl

from domain.aggregates.order import Order
from domain.events.base import DomainEvent
from domain.events.deliveries import DeliveryCompleted, DeliveryLate
from domain.events.orders import OrderPlaced, PaymentReceived, ReviewSubmitted
from workbench.application.explored import CustomerView, OrderView, SellerView

MONEY = pl.Decimal(18, 2)


def order_items(view: OrderView) -> pl.DataFrame:
    rows = []
    for item in view.order.items:
        product = view.products.get(item.product_id)
        rows.append(
            {
                "item": item.item_number,
                "product_id": item.product_id,
                "category": product.category_label if product else "unknown product",
                "seller": item.seller_id,
                "price": item.price.amount,
                "freight": item.freight.amount,
                "shipping_limit": item.shipping_limit_at,
            }
        )
    return _frame(rows, ITEM_SCHEMA)


def order_payments(view: OrderView) -> pl.DataFrame:
    rows = [
        {
            "payment": payment.sequence,
            "type": str(payment.payment_type),
            "instalments": payment.installments,
            "value": payment.value.amount,
        }
        for payment in view.order.payments
    ]
    return _frame(rows, PAYMENT_SCHEMA)


def order_reviews(view: OrderView) -> pl.DataFrame:
    rows = [
        {
            "review_id": review.review_id,
            "score": review.score.value,
            "created": review.created_at,
            "answered": review.answered_at,
            "title": review.title,
            "comment": " ".join((review.message or "").split()) or None,
        }
        for review in view.order.reviews
    ]
    return _frame(rows, REVIEW_SCHEMA)


def order_timeline(view: OrderView) -> pl.DataFrame:
    rows = [
        {
            "when": event.occurred_at,
            "event": EVENT_TITLES.get(event.name, event.name),
            "detail": describe_event(event),
        }
        for event in view.order.history()
    ]
    return _frame(rows, TIMELINE_SCHEMA)


def customer_orders(view: CustomerView) -> pl.DataFrame:
    """Every order of the person, newest first."""
    return orders_table(reversed(view.customer.orders))


def seller_orders(view: SellerView) -> pl.DataFrame:
    """Its most recent orders: its own lines in each, and how the order ended."""
    rows = [
        {
            "order_id": order.order_id,
            "purchased": order.purchased_at,
            "status": str(order.status),
            "seller_items": order.item_count,
            "seller_items_value": order.items_price.amount,
            "delivered": order.delivered_customer_at,
            "days_late": order.days_late,
            "review": order.review_score,
        }
        for order in view.recent_orders
    ]
    return _frame(rows, SELLER_ORDER_SCHEMA)


def orders_table(orders: Iterable[Order]) -> pl.DataFrame:
    rows = [
        {
            "order_id": order.order_id,
            "purchased": order.purchased_at,
            "status": str(order.status),
            "items": len(order.items),
            "total": order.total.amount,
            "paid": order.paid.amount,
            "delivered": order.delivered_customer_at,
            "days_late": order.delivery.days_late,
            "review": order.review_score,
            "findings": len(order.invariant_findings()),
        }
        for order in orders
    ]
    return _frame(rows, ORDER_SCHEMA)


EVENT_TITLES = {
    "OrderPlaced": "order placed",
    "OrderApproved": "payment approved",
    "PaymentReceived": "payment received",
    "OrderShipped": "handed to the carrier",
    "OrderDelivered": "delivered to the customer",
    "DeliveryLate": "delivery late",
    "DeliveryCompleted": "delivery completed",
    "ReviewSubmitted": "review submitted",
    "OrderCancelled": "order canceled",
}


def describe_event(event: DomainEvent) -> str:
    """The facts an event carries, in words."""
    if isinstance(event, OrderPlaced):
        return f"{event.item_count} item(s), {event.total} with freight"
    if isinstance(event, PaymentReceived):
        return f"#{event.sequence} {event.payment_type}, {event.installments}x, {event.amount}"
    if isinstance(event, DeliveryLate):
        return f"due {event.estimated_delivery_date}, {_days(event.days_late)} late"
    if isinstance(event, DeliveryCompleted):
        lateness = f"{_days(event.days_late)} late" if event.days_late else "on time"
        return f"after {event.delivery_days:.1f} days, {lateness}"
    if isinstance(event, ReviewSubmitted):
        return f"{event.score.value} of 5 stars"
    if event.name == "OrderCancelled":
        return "at its last known moment (no time kept)"
    return ""


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


# Moments are timestamp columns: tables show them to the minute and never cut them (as text
# they were shortened to "2017-02-0…" at 80 columns); exports keep them whole.
MOMENT = pl.Datetime("us")
ITEM_SCHEMA = pl.Schema(
    {
        "item": pl.Int64(),
        "product_id": pl.String(),
        "category": pl.String(),
        "seller": pl.String(),
        "price": MONEY,
        "freight": MONEY,
        "shipping_limit": MOMENT,
    }
)
PAYMENT_SCHEMA = pl.Schema(
    {"payment": pl.Int64(), "type": pl.String(), "instalments": pl.Int64(), "value": MONEY}
)
REVIEW_SCHEMA = pl.Schema(
    {
        "review_id": pl.String(),
        "score": pl.Int64(),
        "created": MOMENT,
        "answered": MOMENT,
        "title": pl.String(),
        "comment": pl.String(),
    }
)
TIMELINE_SCHEMA = pl.Schema({"when": MOMENT, "event": pl.String(), "detail": pl.String()})
ORDER_SCHEMA = pl.Schema(
    {
        "order_id": pl.String(),
        "purchased": MOMENT,
        "status": pl.String(),
        "items": pl.Int64(),
        "total": MONEY,
        "paid": MONEY,
        "delivered": MOMENT,
        "days_late": pl.Int64(),
        "review": pl.Float64(),
        "findings": pl.Int64(),
    }
)
SELLER_ORDER_SCHEMA = pl.Schema(
    {
        "order_id": pl.String(),
        "purchased": MOMENT,
        "status": pl.String(),
        "seller_items": pl.Int64(),
        "seller_items_value": MONEY,
        "delivered": MOMENT,
        "days_late": pl.Int64(),
        "review": pl.Float64(),
    }
)


def _frame(rows: Sequence[Mapping[str, Any]], schema: pl.Schema) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=schema)
