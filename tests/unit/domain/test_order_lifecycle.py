"""The order status state machine: which transitions are legal, and the events they record."""

from datetime import timedelta

import pytest
from domain_builders import PURCHASE, item, new_order, stored_order

from domain.aggregates.order import LEGAL_TRANSITIONS, Order
from domain.errors import IllegalTransition, InvalidValue
from domain.events.deliveries import DeliveryCompleted, DeliveryLate
from domain.events.orders import (
    OrderApproved,
    OrderCancelled,
    OrderDelivered,
    OrderPlaced,
    OrderShipped,
)
from domain.value_objects.money import Money
from domain.value_objects.statuses import OrderStatus

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


def test_placing_an_order_records_its_placement():
    order = new_order(item(1), item(2, price="20.00", freight="5.00"))
    assert order.status is OrderStatus.CREATED
    [placed] = order.events
    assert isinstance(placed, OrderPlaced)
    assert (placed.aggregate_id, placed.occurred_at) == ("o9", PURCHASE)
    assert (placed.item_count, placed.total) == (2, Money("140.00"))


def test_a_new_order_numbers_its_items_from_one():
    with pytest.raises(InvalidValue, match="numbered 1 to n"):
        new_order(item(1), item(3))


def test_the_happy_path_from_placement_to_delivery():
    order = new_order()
    order.approve(PURCHASE + HOUR)
    order.ship(PURCHASE + 2 * DAY)
    order.deliver(PURCHASE + 5 * DAY)
    assert order.status is OrderStatus.DELIVERED
    assert order.delivered_customer_at == PURCHASE + 5 * DAY
    kinds = [type(event) for event in order.events]
    assert kinds == [OrderPlaced, OrderApproved, OrderShipped, OrderDelivered, DeliveryCompleted]


def test_a_late_delivery_records_lateness():
    order = new_order()
    order.approve(PURCHASE + HOUR)
    order.ship(PURCHASE + DAY)
    order.deliver(PURCHASE + 30 * DAY)
    late = [event for event in order.events if isinstance(event, DeliveryLate)]
    assert len(late) == 1 and late[0].days_late > 0


def test_approval_needs_an_item():
    order = Order.place(
        order_id="o0", customer_id="c", customer_unique_id="u", purchased_at=PURCHASE, items=()
    )
    with pytest.raises(IllegalTransition, match="no items"):
        order.approve(PURCHASE + HOUR)
    assert order.status is OrderStatus.CREATED


@pytest.mark.parametrize("status", list(OrderStatus))
@pytest.mark.parametrize("action", ["approve", "ship", "deliver", "cancel"])
def test_every_action_is_legal_exactly_from_its_listed_statuses(status, action):
    order = stored_order(status=status, delivered_customer_at=None)
    moment = PURCHASE + 9 * DAY
    if status in LEGAL_TRANSITIONS[action]:
        getattr(order, action)(moment)
        assert order.status is not status
    else:
        with pytest.raises(IllegalTransition, match=f"cannot {action} while {status}"):
            getattr(order, action)(moment)
        assert order.status is status


@pytest.mark.parametrize(
    ("action", "ends_in"),
    [
        ("approve", OrderStatus.APPROVED),
        ("ship", OrderStatus.SHIPPED),
        ("deliver", OrderStatus.DELIVERED),
        ("cancel", OrderStatus.CANCELED),
    ],
)
def test_each_action_ends_in_the_status_it_names(action, ends_in):
    start = next(iter(LEGAL_TRANSITIONS[action]))
    order = stored_order(status=start, delivered_customer_at=None)
    getattr(order, action)(PURCHASE + 9 * DAY)
    assert order.status is ends_in


def test_delivered_and_canceled_orders_are_final():
    for action in LEGAL_TRANSITIONS.values():
        assert OrderStatus.DELIVERED not in action
        assert OrderStatus.CANCELED not in action


def test_cancelling_keeps_the_moment_and_records_it():
    order = new_order()
    order.cancel(PURCHASE + DAY)
    assert order.canceled_at == PURCHASE + DAY
    assert isinstance(order.events[-1], OrderCancelled)


def test_a_shipped_order_can_still_be_canceled_but_a_delivered_one_cannot():
    order = new_order()
    order.approve(PURCHASE + HOUR)
    order.ship(PURCHASE + DAY)
    order.cancel(PURCHASE + 2 * DAY)
    assert order.status is OrderStatus.CANCELED
    with pytest.raises(IllegalTransition):
        stored_order().cancel(PURCHASE + 20 * DAY)


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        ([("approve", -HOUR)], "approval"),
        ([("approve", HOUR), ("ship", HOUR / 2)], "carrier pickup"),
        ([("approve", HOUR), ("ship", DAY), ("deliver", HOUR)], "delivery"),
        ([("cancel", -DAY)], "cancellation"),
    ],
)
def test_a_step_cannot_happen_before_the_previous_one(steps, message):
    order = new_order()
    *done, (last, offset) = steps
    for action, step_offset in done:
        getattr(order, action)(PURCHASE + step_offset)
    with pytest.raises(InvalidValue, match=message):
        getattr(order, last)(PURCHASE + offset)


def test_hydrating_a_stored_order_checks_no_transition_and_records_no_event():
    order = stored_order(status=OrderStatus.CANCELED, approved_at=None)
    assert order.status is OrderStatus.CANCELED
    assert order.events == []


def test_orders_are_the_same_when_their_ids_are():
    assert stored_order() == stored_order(status=OrderStatus.SHIPPED)
    assert stored_order() != stored_order(order_id="o2")
    assert stored_order() != "o1"
    assert len({stored_order(), stored_order()}) == 1
    assert repr(stored_order()) == "Order('o1', delivered)"
