"""The dispatcher routes business events by type and reports failing handlers."""

from datetime import date, datetime

from domain_builders import SAO_PAULO

from domain.events.base import DomainEvent
from domain.events.customers import CustomerRegistered
from domain.events.deliveries import DeliveryCompleted, DeliveryLate
from domain.events.dispatcher import EventDispatcher
from domain.events.orders import (
    OrderApproved,
    OrderCancelled,
    OrderDelivered,
    OrderPlaced,
    OrderShipped,
    PaymentReceived,
    ReviewSubmitted,
)
from domain.value_objects.money import Money
from domain.value_objects.review_score import ReviewScore
from domain.value_objects.statuses import PaymentType

MOMENT = datetime(2018, 1, 1, 12)
EVENTS = [
    OrderPlaced(aggregate_id="o1", occurred_at=MOMENT, customer_unique_id="u1", item_count=1,
                total=Money("10")),
    OrderApproved(aggregate_id="o1", occurred_at=MOMENT),
    OrderShipped(aggregate_id="o1", occurred_at=MOMENT),
    OrderDelivered(aggregate_id="o1", occurred_at=MOMENT),
    OrderCancelled(aggregate_id="o1", occurred_at=MOMENT),
    PaymentReceived(aggregate_id="o1", occurred_at=MOMENT, sequence=1,
                    payment_type=PaymentType.VOUCHER, installments=1, amount=Money("10")),
    ReviewSubmitted(aggregate_id="o1", occurred_at=MOMENT, review_id="r1", score=ReviewScore(4)),
    CustomerRegistered(aggregate_id="u1", occurred_at=MOMENT, address=SAO_PAULO),
    DeliveryCompleted(aggregate_id="o1", occurred_at=MOMENT, delivery_days=3.5, days_late=0),
    DeliveryLate(aggregate_id="o1", occurred_at=MOMENT, estimated_delivery_date=date(2018, 1, 1),
                 days_late=2),
]  # fmt: skip


def test_the_dispatcher_routes_business_events_by_type():
    dispatcher = EventDispatcher()
    received = []
    dispatcher.subscribe(OrderShipped, received.append)
    for event in EVENTS:
        assert dispatcher.publish(event) == []
    assert [event.name for event in received] == ["OrderShipped"]


def test_a_failing_handler_is_reported_and_does_not_stop_the_others():
    dispatcher = EventDispatcher()
    received = []

    def broken(event: DomainEvent) -> None:
        raise RuntimeError("boom")

    dispatcher.subscribe(DomainEvent, broken)
    dispatcher.subscribe(OrderApproved, received.append)
    [failure] = dispatcher.publish(EVENTS[1])
    assert (failure.handler, str(failure.error)) == (broken.__qualname__, "boom")
    assert received == [EVENTS[1]]


def test_an_unsubscribed_handler_hears_nothing():
    dispatcher = EventDispatcher()
    received = []
    dispatcher.subscribe(OrderApproved, received.append)
    dispatcher.unsubscribe(OrderApproved, received.append)
    dispatcher.unsubscribe(OrderShipped, received.append)
    dispatcher.publish(EVENTS[1])
    assert received == []
