"""Replaying a stored order's timestamps as business events, in time order."""

from datetime import date, datetime, timedelta

from domain_builders import PURCHASE, payment, review, stored_order

from domain.events.deliveries import DeliveryCompleted, DeliveryLate
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


def kinds(events):
    return [type(event) for event in events]


def test_a_delivered_order_tells_its_whole_story_in_order():
    order = stored_order(payments=(payment("100.00", 1), payment("15.00", 2)), reviews=(review(4),))
    history = order.history()
    assert kinds(history) == [
        OrderPlaced,
        OrderApproved,
        PaymentReceived,
        PaymentReceived,
        OrderShipped,
        OrderDelivered,
        DeliveryCompleted,
        ReviewSubmitted,
    ]
    moments = [event.occurred_at for event in history]
    assert moments == sorted(moments)
    assert all(event.aggregate_id == "o1" for event in history)
    assert [e.sequence for e in history if isinstance(e, PaymentReceived)] == [1, 2]


def test_payments_are_shown_at_approval_or_at_purchase_when_never_approved():
    approved = stored_order().history()
    never_approved = stored_order(approved_at=None).history()
    [paid] = [e for e in approved if isinstance(e, PaymentReceived)]
    [paid_unapproved] = [e for e in never_approved if isinstance(e, PaymentReceived)]
    assert paid.occurred_at == PURCHASE + timedelta(hours=1)
    assert paid_unapproved.occurred_at == PURCHASE


def test_a_late_delivery_becomes_late_the_day_after_the_estimate():
    order = stored_order(
        estimated_delivery_date=date(2017, 11, 30), delivered_customer_at=datetime(2017, 12, 2, 9)
    )
    history = order.history()
    [late] = [event for event in history if isinstance(event, DeliveryLate)]
    assert late.occurred_at == datetime(2017, 12, 1)
    assert late.days_late == 2
    assert kinds(history)[-3:] == [DeliveryLate, OrderDelivered, DeliveryCompleted]


def test_a_canceled_order_ends_with_its_cancellation_at_its_last_known_moment():
    order = stored_order(
        status=OrderStatus.CANCELED, delivered_carrier_at=None, delivered_customer_at=None
    )
    history = order.history()
    assert kinds(history) == [OrderPlaced, OrderApproved, PaymentReceived, OrderCancelled]
    assert history[-1].occurred_at == order.approved_at


def test_a_cancellation_made_in_session_keeps_its_time():
    order = stored_order(
        status=OrderStatus.APPROVED, delivered_carrier_at=None, delivered_customer_at=None
    )
    order.cancel(PURCHASE + timedelta(days=3))
    assert order.history()[-1] == order.events[-1]


def test_anomalous_timestamps_are_replayed_in_true_time_order():
    order = stored_order(approved_at=None, delivered_carrier_at=PURCHASE - timedelta(days=1))
    assert kinds(order.history())[:2] == [OrderShipped, OrderPlaced]


def test_a_placed_order_has_a_one_event_history():
    order = stored_order(
        status=OrderStatus.CREATED,
        approved_at=None,
        delivered_carrier_at=None,
        delivered_customer_at=None,
        payments=(),
    )
    assert kinds(order.history()) == [OrderPlaced]
