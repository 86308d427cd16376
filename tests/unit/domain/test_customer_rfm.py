"""A customer's recency, frequency and spend, counting only sales up to the as-of moment."""

from datetime import datetime

import pytest
from domain_builders import PURCHASE, SAO_PAULO, customer, purchase

from domain.aggregates.customer import Customer
from domain.errors import InvalidValue
from domain.events.customers import CustomerRegistered
from domain.events.orders import OrderPlaced
from domain.value_objects.money import Money
from domain.value_objects.statuses import OrderStatus

AS_OF = datetime(2018, 8, 31, 23, 0)


def test_recency_counts_calendar_days_to_the_as_of_day():
    person = customer("u1", purchase("u1", datetime(2018, 8, 30, 23, 59)))
    assert person.recency_days(AS_OF) == 1
    assert person.recency_days(datetime(2018, 8, 30, 23, 59, 30)) == 0


def test_only_sales_count():
    person = customer(
        "u1",
        purchase("u1", datetime(2018, 1, 10), "50.00"),
        purchase("u1", datetime(2018, 5, 1), "70.00"),
        purchase("u1", datetime(2018, 8, 1), "999.00", status=OrderStatus.CANCELED),
        purchase("u1", datetime(2018, 8, 2), "999.00", status=OrderStatus.UNAVAILABLE),
    )
    assert person.frequency(AS_OF) == 2
    assert person.monetary(AS_OF) == Money("120.00")
    assert person.recency_days(AS_OF) == (AS_OF.date() - datetime(2018, 5, 1).date()).days


def test_monetary_is_items_plus_freight():
    order = purchase("u1", datetime(2018, 1, 10))
    assert customer("u1", order).monetary(AS_OF) == order.items_value + order.freight_value


def test_orders_after_the_as_of_moment_are_ignored():
    person = customer(
        "u1", purchase("u1", datetime(2018, 1, 1)), purchase("u1", datetime(2018, 9, 1))
    )
    assert person.frequency(AS_OF) == 1
    assert [o.purchased_at for o in person.sales(datetime(2019, 1, 1))] == [
        datetime(2018, 1, 1),
        datetime(2018, 9, 1),
    ]


def test_a_customer_without_sales_has_no_recency():
    person = customer("u1", purchase("u1", datetime(2018, 1, 1), status=OrderStatus.CANCELED))
    assert person.recency_days(AS_OF) is None
    assert person.frequency(AS_OF) == 0
    assert person.monetary(AS_OF) == Money.zero()


def test_a_customer_holds_only_their_own_orders():
    with pytest.raises(InvalidValue, match="do not belong to customer u1"):
        customer("u1", purchase("u2", datetime(2018, 1, 1)))


def test_history_starts_with_registration_at_the_first_purchase():
    first, second = purchase("u1", PURCHASE), purchase("u1", datetime(2018, 2, 1))
    history = customer("u1", second, first).history()
    registered = history[0]
    assert isinstance(registered, CustomerRegistered)
    assert (registered.aggregate_id, registered.occurred_at) == ("u1", PURCHASE)
    assert registered.address == SAO_PAULO
    assert sum(isinstance(event, OrderPlaced) for event in history) == 2
    assert [e.occurred_at for e in history] == sorted(e.occurred_at for e in history)


def test_a_customer_without_orders_has_no_history():
    assert Customer("u1", SAO_PAULO).history() == []
